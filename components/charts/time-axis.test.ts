import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MIN_TICKS, TICK_SPACING, timeTickLabels, timeTicks, zoneOffset } from './time-axis';

const MIN = 60;
const HOUR = 3600;
const DAY = 86400;
const JAN_5 = Date.UTC(2026, 0, 5) / 1000;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sept', 'Oct', 'Nov', 'Dec'];

/** Zones with whole-hour, half-hour and 45-minute offsets, with and without daylight saving. */
const ZONES = ['UTC', 'America/New_York', 'Europe/Berlin', 'Asia/Kolkata', 'Asia/Kathmandu', 'Australia/Lord_Howe'] as const;

const axis = fc.record({
  /** 2026, any second. */
  min: fc.integer({ min: 1_767_225_600, max: 1_798_761_600 }),
  /** Windows from a minute to a week. */
  span: fc.oneof(fc.integer({ min: MIN, max: 7 * DAY }), fc.constantFrom(MIN, 5 * MIN, 15 * MIN, HOUR, 6 * HOUR, DAY, 7 * DAY)),
  /** Plot widths from a phone (390 px wide, less the y axis) to a wide screen. */
  width: fc.integer({ min: 300, max: 1600 }),
  timeZone: fc.constantFrom(...ZONES),
});

/** The wall clock at t in the zone, by arithmetic on the offset: "9:05" (en-GB writes hours without a leading zero), and "5 Jan". */
function wallClock(t: number, timeZone: string, seconds: boolean): { time: string; day: string } {
  const d = new Date((t + zoneOffset(t, timeZone)) * 1000);
  const mm = String(d.getUTCMinutes()).padStart(2, '0');
  const ss = String(d.getUTCSeconds()).padStart(2, '0');
  return { time: `${d.getUTCHours()}:${mm}${seconds ? `:${ss}` : ''}`, day: `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]}` };
}

describe('timeTicks', () => {
  it('gives several ticks, evenly spaced, at least 50 px apart and no more than one per TICK_SPACING px unless that would leave fewer than three, for every window from 1m to 7d', () => {
    fc.assert(
      fc.property(axis, ({ min, span, width, timeZone }) => {
        const ticks = timeTicks(min, min + span, width, { timeZone });
        expect(ticks.length).toBeGreaterThanOrEqual(MIN_TICKS);
        const local = ticks.map((t) => t + zoneOffset(t, timeZone));
        const step = Math.min(...local.slice(1).map((l, i) => l - (local[i] ?? 0)));
        ticks.forEach((t, i) => {
          expect(t).toBeGreaterThanOrEqual(min);
          expect(t).toBeLessThanOrEqual(min + span);
          // Evenly spaced on the local clock (a tick in a daylight-saving gap is left out).
          if (i > 0) expect(((local[i] ?? 0) - (local[i - 1] ?? 0)) % step).toBe(0);
        });
        const closest = Math.min(...ticks.slice(1).map((t, i) => t - (ticks[i] ?? 0)));
        expect((closest / span) * width).toBeGreaterThanOrEqual(45);
        expect(ticks.length).toBeLessThanOrEqual(Math.max(Math.floor(width / TICK_SPACING), MIN_TICKS + 2));
      }),
    );
  });

  it('puts ticks on round local times: whole seconds, minutes, hours or local midnights in the zone', () => {
    fc.assert(
      fc.property(axis, ({ min, span, width, timeZone }) => {
        const ticks = timeTicks(min, min + span, width, { timeZone });
        const local = ticks.map((t) => t + zoneOffset(t, timeZone));
        const step = Math.min(...local.slice(1).map((l, i) => l - (local[i] ?? 0)));
        // Round on the local clock, across a daylight-saving change too (day ticks stay on midnights).
        for (const l of local) expect(l % step).toBe(0);
      }),
    );
  });
});

describe('timeTickLabels', () => {
  it('reads back as the wall-clock time of each tick, with the date on the first tick and where the day changes, and the zone on the first', () => {
    fc.assert(
      fc.property(axis, ({ min, span, width, timeZone }) => {
        const ticks = timeTicks(min, min + span, width, { timeZone });
        const labels = timeTickLabels(ticks, { locale: 'en-GB', timeZone });
        const step = (ticks[1] ?? 0) - (ticks[0] ?? 0);
        let day = '';
        const seen = new Set<string>();
        ticks.forEach((t, i) => {
          const want = wallClock(t, timeZone, step < MIN);
          const lines = (labels[i] ?? '').split('\n');
          if (step >= DAY) {
            expect(lines).toHaveLength(1);
            expect(lines[0]?.startsWith(want.day)).toBe(true);
            day = want.day;
          } else {
            expect(lines[0]).toBe(want.time);
            if (i === 0 || want.day !== day) expect(lines[1]?.startsWith(want.day), `${labels[i]} on ${want.day}`).toBe(true);
            else expect(lines).toHaveLength(1);
            day = want.day;
          }
          // No two ticks read the same (the date of the last date line and the time).
          const read = `${day} ${lines[0]}`;
          expect(seen.has(read), read).toBe(false);
          seen.add(read);
        });
        expect(labels[0]).toMatch(/ (UTC|GMT[+-][\d:]+|[A-Z]{2,5})$/);
      }),
    );
  });

  it("uses the locale's own formats", () => {
    const ticks = [JAN_5 + 10 * HOUR, JAN_5 + 10 * HOUR + 30 * MIN, JAN_5 + 11 * HOUR];
    expect(timeTickLabels(ticks, { locale: 'en-US', timeZone: 'UTC' })).toEqual(['10:00 AM\nJan 5 UTC', '10:30 AM', '11:00 AM']);
    expect(timeTickLabels(ticks, { locale: 'de-DE', timeZone: 'Europe/Berlin' })).toEqual(['11:00\n5. Jan. MEZ', '11:30', '12:00']);
    expect(timeTickLabels(ticks, { locale: 'ja-JP', timeZone: 'Asia/Tokyo' })).toEqual(['19:00\n1月5日 JST', '19:30', '20:00']);
    expect(timeTickLabels([JAN_5, JAN_5 + 15, JAN_5 + 30], { locale: 'en-GB', timeZone: 'UTC' })).toEqual(['0:00:00\n5 Jan UTC', '0:00:15', '0:00:30']);
    expect(timeTickLabels([JAN_5, JAN_5 + DAY, JAN_5 + 2 * DAY], { locale: 'en-US', timeZone: 'UTC' })).toEqual(['Jan 5 UTC', 'Jan 6', 'Jan 7']);
  });
});
