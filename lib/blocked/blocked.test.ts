import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Series } from '../prometheus/types';
import { blockedQueries, buildBlockedAttempts, TREND_POINTS, trendRange, trendStep, type TrendRange } from './blocked';

const MIN = 60;
const HOUR = 3600;
const DAY = 86400;

const labels = { source_workload_namespace: 'data', source_workload: 'etl-worker', destination_service: 'pastebin.com', request_protocol: 'http' };

/**
 * The points a Prometheus range query returns, as Prometheus computes them:
 * start and end cut to whole milliseconds (the client sends Dates), then
 * start, start + step, ... up to end inclusive.
 */
function evaluationTimes(range: TrendRange): number[] {
  const startMs = new Date(range.start * 1000).getTime();
  const endMs = new Date(range.end * 1000).getTime();
  const times: number[] = [];
  for (let t = startMs; t <= endMs; t += range.step * 1000) times.push(t / 1000);
  return times;
}

/** Windows from a minute to 30 days, in whole seconds. */
const window = fc.oneof(fc.integer({ min: MIN, max: 30 * DAY }), fc.integer({ min: 1, max: 30 * 24 }).map((h) => h * HOUR), fc.constantFrom(MIN, HOUR, 6 * HOUR, DAY, 7 * DAY, 30 * DAY));
/** Unix seconds, whole or to the millisecond. */
const end = fc.tuple(fc.integer({ min: 1_600_000_000, max: 2_000_000_000 }), fc.integer({ min: 0, max: 999 }), fc.boolean()).map(([s, ms, whole]) => (whole ? s : s + ms / 1000));

describe('trendStep', () => {
  it.each([
    [MIN, MIN, 1],
    [HOUR, 2 * MIN, 30],
    [6 * HOUR, 8 * MIN, 45],
    [DAY, 30 * MIN, 48],
    [7 * DAY, 210 * MIN, 48],
    [30 * DAY, 900 * MIN, 48],
    [61 * MIN, 122, 30],
    [30, 30, 1],
  ])('window %i s: step %i s, %i points', (w, step, points) => {
    expect(trendStep(w)).toBe(step);
    expect(w / trendStep(w)).toBe(points);
  });

  it('divides every window from 1m to 30d exactly into at most TREND_POINTS steps of at least a minute', () => {
    fc.assert(
      fc.property(window, (w) => {
        const step = trendStep(w);
        expect(Number.isInteger(step)).toBe(true);
        expect(w % step).toBe(0);
        expect(step).toBeGreaterThanOrEqual(MIN);
        expect(w / step).toBeLessThanOrEqual(TREND_POINTS);
        // Windows of whole minutes from half an hour keep at least half the points.
        if (w % MIN === 0 && w >= 30 * MIN) expect(w / step).toBeGreaterThanOrEqual(TREND_POINTS / 2);
      }),
    );
  });
});

describe('trendRange and the slot mapping', () => {
  it('queries exactly the window: one point per slot, the last at end, each counting the step before it', () => {
    fc.assert(
      fc.property(window, end, (w, e) => {
        const range = trendRange(e, w);
        expect(range.slots * range.step).toBe(w);
        const times = evaluationTimes(range);
        expect(times).toHaveLength(range.slots);
        // Point i counts increase() over (t - step, t]: together they tile (end - window, end].
        expect((times[0] ?? NaN) - range.step).toBeCloseTo(e - w, 2);
        expect(times.at(-1)).toBeCloseTo(e, 2);
      }),
    );
  });

  it('maps each point Prometheus returns to its own slot, and the slots to first and last seen', () => {
    fc.assert(
      fc.property(window, end, fc.nat(), fc.nat(), (w, e, a, b) => {
        const range = trendRange(e, w);
        const times = evaluationTimes(range);
        const [lo, hi] = [a % range.slots, b % range.slots].sort((x, y) => x - y) as [number, number];
        // Attempts in slots lo..hi only: slot i holds i + 1 attempts.
        const series: Series = { labels, points: times.map((t, i) => ({ t, v: i >= lo && i <= hi ? i + 1 : 0 })) };
        const [row] = buildBlockedAttempts([{ labels, value: 1 }], [], [series], range);
        expect(row?.trend).toEqual(times.map((_, i) => (i >= lo && i <= hi ? i + 1 : 0)));
        expect(Date.parse(row?.firstSeen ?? '') / 1000).toBeCloseTo(times[lo] ?? NaN, 2);
        expect(Date.parse(row?.lastSeen ?? '') / 1000).toBeCloseTo(times[hi] ?? NaN, 2);
      }),
    );
  });

  it('gives attempts that go on up to end a trend whose last point is non-zero and a lastSeen at end', () => {
    fc.assert(
      fc.property(window, end, (w, e) => {
        const range = trendRange(e, w);
        const series: Series = { labels, points: evaluationTimes(range).map((t) => ({ t, v: 5 })) };
        const [row] = buildBlockedAttempts([{ labels, value: 5 * range.slots }], [], [series], range);
        expect(row?.trend.at(-1)).toBe(5);
        expect(row?.trend.every((v) => v === 5)).toBe(true);
        expect(Math.abs(Date.parse(row?.lastSeen ?? '') / 1000 - e)).toBeLessThan(0.002);
      }),
    );
  });

  it('ignores points outside the window and gives a row without points a flat trend of the right length', () => {
    const range = trendRange(1_767_225_600, HOUR);
    const series: Series = { labels, points: [{ t: range.start - range.step, v: 9 }, { t: range.end + range.step, v: 9 }] };
    const [row] = buildBlockedAttempts([{ labels, value: 3 }], [], [series], range);
    expect(row?.trend).toEqual(new Array(30).fill(0));
    expect(row?.firstSeen).toBeUndefined();
    const [alone] = buildBlockedAttempts([{ labels, value: 3 }], [], [], range);
    expect(alone?.trend).toHaveLength(30);
  });
});

describe('blocked attempts of several clusters (source_cluster)', () => {
  const range = trendRange(1_767_225_600, HOUR);
  const at = (i: number) => range.start + i * range.step;

  it('sums by source_cluster in every query, so the same workload in two clusters stays two rows', () => {
    const q = blockedQueries(HOUR, range.step);
    for (const text of [q.current, q.previous, q.trend]) expect(text).toMatch(/^sum by \(source_cluster, source_workload_namespace, source_workload, destination_service, request_protocol\) /);
  });

  it('names the cluster of each row and keeps each cluster its own trend', () => {
    const east = { ...labels, source_cluster: 'east' };
    const west = { ...labels, source_cluster: 'west' };
    const current = [
      { labels: east, value: 10 },
      { labels: west, value: 4 },
    ];
    const trend: Series[] = [
      { labels: east, points: [{ t: at(0), v: 10 }] },
      { labels: west, points: [{ t: at(3), v: 4 }] },
    ];
    const rows = buildBlockedAttempts(current, [{ labels: west, value: 1 }], trend, range);
    expect(rows.map((r) => [r.source.cluster, r.attempts, r.isNew])).toEqual([
      ['east', 10, true],
      ['west', 4, false],
    ]);
    expect(rows[0]!.trend[0]).toBe(10);
    expect(rows[0]!.trend[3]).toBe(0);
    expect(rows[1]!.trend[3]).toBe(4);
    expect(rows[1]!.trend[0]).toBe(0);
  });

  it('leaves the cluster out when the series carry none', () => {
    const rows = buildBlockedAttempts([{ labels, value: 3 }], [], [], range);
    expect(rows[0]!.source).toEqual({ namespace: 'data', workload: 'etl-worker' });
  });
});
