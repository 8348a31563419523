import { describe, expect, it } from 'vitest';
import { describeRange } from './range-text';

describe('describeRange', () => {
  it('says the window and its end with the time zone, in the given locale', () => {
    expect(describeRange('1d', '2026-01-21T10:00:00.000Z', { timeZone: 'America/New_York', locale: 'en-US' })).toBe('the 1d window ending Jan 21, 2026, 5:00:00 AM EST');
    expect(describeRange('15m', '2026-07-21T10:00:00.000Z', { timeZone: 'Asia/Kolkata', locale: 'en-US' })).toBe('the 15m window ending Jul 21, 2026, 3:30:00 PM GMT+5:30');
  });

  it('says "–" for an end that is no time, never a raw value', () => {
    expect(describeRange('1h', 'soon', { timeZone: 'UTC' })).toBe('the 1h window ending –');
  });
});
