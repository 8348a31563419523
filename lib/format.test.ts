import { describe, expect, it } from 'vitest';
import { formatBytesRate, formatPercent, formatRate } from './format';

describe('formatRate', () => {
  it.each([
    [undefined, '–'],
    [0, '0'],
    [0.0123, '0.012'],
    [0.5, '0.5'],
    [1, '1'],
    [12.34, '12.3'],
    [1234, '1.23k'],
    [2_500_000, '2.50M'],
    [0.00004, '4.0e-5'],
  ])('%s -> %s', (v, s) => expect(formatRate(v)).toBe(s));
});

describe('formatBytesRate', () => {
  it('uses binary units', () => {
    expect(formatBytesRate(512)).toBe('512 B/s');
    expect(formatBytesRate(2048)).toBe('2.0 KiB/s');
    expect(formatBytesRate(5 * 1024 * 1024)).toBe('5.0 MiB/s');
  });
});

describe('formatPercent', () => {
  it('keeps small error ratios visible', () => {
    expect(formatPercent(0)).toBe('0%');
    expect(formatPercent(0.0004)).toBe('0.04%');
    expect(formatPercent(0.05)).toBe('5%');
    expect(formatPercent(0.333)).toBe('33%');
  });
});
