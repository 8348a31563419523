import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WINDOWS } from './range';
import { describeRefusal, describeSpan, endFromLocalInput, formatTime, toLocalInput, windowHasData, windowSeconds, zoneName, type DataSpan } from './time-text';

const UTC = { locale: 'en-GB', timeZone: 'UTC' } as const;
const T = 1767225600; // 2026-01-01T00:00:00Z
const H = 3600;

describe('times in words', () => {
  it('formats a moment with its zone, never as a unix time', () => {
    expect(formatTime(T, UTC)).toBe('1 Jan 2026, 00:00 UTC');
    expect(formatTime(T, { locale: 'en-US', timeZone: 'America/New_York' })).toBe('Dec 31, 2025, 7:00 PM EST');
    fc.assert(
      fc.property(fc.integer({ min: 1_000_000_000, max: 4_102_444_800 }), (t) => {
        const text = formatTime(t, UTC);
        expect(text).toMatch(/UTC$/);
        expect(text).not.toContain(String(t));
      }),
    );
  });

  it('knows the length of every window', () => {
    expect(WINDOWS.map(windowSeconds)).toEqual([300, 900, 1800, 3600, 3 * H, 6 * H, 12 * H, 24 * H, 48 * H, 7 * 24 * H, 30 * 24 * H]);
  });
});

describe('where the data is', () => {
  const span: DataSpan = { first: T, last: T + 3 * H, earlier: false };

  it('tells a window with data from one before or after it', () => {
    expect(windowHasData(span, T + H, '1h')).toBe(true);
    expect(windowHasData(span, T - 1, '1h')).toBe(false);
    expect(windowHasData(span, T + 4 * H, '1h')).toBe(true);
    expect(windowHasData(span, T + 4 * H + 1, '1h')).toBe(false);
    expect(windowHasData({ first: null, last: null, earlier: false }, T, '30d')).toBe(false);
  });

  it('a window overlaps the data exactly when it ends after the start and starts before the end', () => {
    fc.assert(
      fc.property(fc.integer({ min: T - 40 * 86400, max: T + 40 * 86400 }), fc.constantFrom(...WINDOWS), (end, w) => {
        const overlaps = Math.max(end - windowSeconds(w), T) <= Math.min(end, T + 3 * H);
        expect(windowHasData(span, end, w)).toBe(overlaps);
      }),
    );
  });

  it('says where the data is, with "now" while it keeps coming', () => {
    expect(describeSpan(span, T + 3 * H + 60, UTC)).toBe('from 1 Jan 2026, 00:00 UTC to now');
    expect(describeSpan(span, T + 5 * H, UTC)).toBe('from 1 Jan 2026, 00:00 UTC to 1 Jan 2026, 03:00 UTC');
    expect(describeSpan({ ...span, earlier: true }, T + 3 * H, UTC)).toBe('from before 1 Jan 2026, 00:00 UTC to now');
  });
});

describe('a refused request in words', () => {
  it('names a future end time with its zone, and what to do', () => {
    const r = describeRefusal({ code: 'bad-parameter', message: 'end: "1767229200" is in the future' }, T + H, T, UTC);
    expect(r.title).toBe('The end time is in the future.');
    expect(r.detail).toBe('1 Jan 2026, 01:00 UTC has not happened yet, so there is no data to show. Pick an end time up to now (1 Jan 2026, 00:00 UTC), or Live.');
    expect(`${r.title} ${r.detail}`).not.toContain(String(T + H));
  });

  it('keeps the API message, which names the parameter, for any other refusal', () => {
    expect(describeRefusal({ code: 'bad-parameter', message: 'window: "5x" is not a Prometheus duration' }, null, T)).toEqual({
      title: 'Egress Lens refused this request.',
      detail: 'window: "5x" is not a Prometheus duration',
    });
  });
});

describe('the end time picker', () => {
  it('clamps a future end time to now, and reads back what it shows to the minute', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1_000_000_000, max: 4_102_444_800 }), fc.integer({ min: 1_000_000_000, max: 4_102_444_800 }), (t, now) => {
        expect(endFromLocalInput(toLocalInput(t), now)).toBe(Math.min(t - (t % 60), now));
      }),
    );
  });

  it('ignores a value that is not a time', () => {
    expect(endFromLocalInput('', T)).toBeNull();
    expect(endFromLocalInput('soon', T)).toBeNull();
  });

  it('names the zone', () => {
    expect(zoneName(T, UTC)).toBe('UTC');
  });
});
