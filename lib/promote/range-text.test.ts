import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeRange, formatInstant } from './range-text';

const ZONES = ['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Pacific/Chatham', 'America/St_Johns'];

/** Reads `formatInstant` back into unix milliseconds. */
function parseBack(text: string): number {
  const m = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}) UTC(?:([+-]\d{2}:\d{2}))?$/.exec(text);
  if (!m) throw new Error(`not a formatted instant: ${text}`);
  return Date.parse(`${m[1]}T${m[2]}${m[3] ?? 'Z'}`);
}

describe('formatInstant', () => {
  it('names the time zone as an offset, or UTC', () => {
    expect(formatInstant('2026-07-21T10:00:00.000Z', 'UTC')).toBe('2026-07-21 10:00:00 UTC');
    expect(formatInstant('2026-07-21T10:00:00.000Z', 'Europe/Berlin')).toBe('2026-07-21 12:00:00 UTC+02:00');
    expect(formatInstant('2026-01-21T10:00:00.000Z', 'Asia/Kolkata')).toBe('2026-01-21 15:30:00 UTC+05:30');
    expect(describeRange('1d', '2026-01-21T10:00:00.000Z', 'America/New_York')).toBe('the 1d window ending 2026-01-21 05:00:00 UTC-05:00');
  });

  it('parses back to the same second, in any time zone', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4_102_444_800 }), fc.constantFrom(...ZONES), (seconds, zone) => {
        const iso = new Date(seconds * 1000).toISOString();
        expect(parseBack(formatInstant(iso, zone))).toBe(seconds * 1000);
      }),
    );
  });

  it('leaves a value that is no time as it is', () => {
    expect(formatInstant('soon', 'UTC')).toBe('soon');
  });
});
