import { describe, expect, it } from 'vitest';
import { CounterSeries, integrateRate, rateAt } from './counter-series';
import type { RateSpec } from './types';

const ORIGIN = 1_700_000_100; // a multiple of 15 somewhere in 2023
const WAVE: RateSpec = { perSecond: 4, amplitude: 0.2, period: 6 * 3600, phase: 0.3 };

/** Composite Simpson's rule, independent of the closed-form integral. */
function simpson(f: (t: number) => number, a: number, b: number, n = 2000): number {
  const h = (b - a) / n;
  let sum = f(a) + f(b);
  for (let i = 1; i < n; i++) sum += f(a + i * h) * (i % 2 === 0 ? 2 : 4);
  return (sum * h) / 3;
}

describe('integrateRate', () => {
  it('matches numeric integration of rateAt for a sine rate', () => {
    for (const [a, b] of [
      [ORIGIN, ORIGIN + 300],
      [ORIGIN + 1234.5, ORIGIN + 9000],
      [ORIGIN, ORIGIN + 86_400],
    ] as const) {
      const exact = integrateRate(WAVE, a, b);
      expect(exact).toBeCloseTo(simpson((t) => rateAt(WAVE, t), a, b), 6);
    }
  });

  it('is rate x duration for a constant rate and 0 for empty intervals', () => {
    const steady: RateSpec = { perSecond: 0.05, amplitude: 0, period: 3600, phase: 0 };
    expect(integrateRate(steady, 10, 310)).toBeCloseTo(15, 12);
    expect(integrateRate(WAVE, 20, 20)).toBe(0);
    expect(integrateRate(WAVE, 30, 20)).toBe(0);
  });

  it('keeps the rate within ±amplitude', () => {
    for (let t = ORIGIN; t < ORIGIN + WAVE.period; t += 97) {
      const r = rateAt(WAVE, t);
      expect(r).toBeGreaterThanOrEqual(4 * 0.8 - 1e-9);
      expect(r).toBeLessThanOrEqual(4 * 1.2 + 1e-9);
    }
  });
});

describe('CounterSeries', () => {
  const resetAt = ORIGIN + 5400;
  const series = new CounterSeries({ name: 'x_total', labels: {}, rate: WAVE, from: ORIGIN, resetAt });

  it('is 0 before it starts and exists from its first instant', () => {
    expect(series.valueAt(ORIGIN - 100)).toBe(0);
    expect(series.valueAt(ORIGIN)).toBe(0);
    expect(series.existsAt(ORIGIN - 15)).toBe(false);
    expect(series.existsAt(ORIGIN)).toBe(true);
  });

  it('is monotone on the 15 s grid except right after the reset instant', () => {
    let previous = series.valueAt(ORIGIN);
    for (let t = ORIGIN + 15; t <= ORIGIN + 4 * 3600; t += 15) {
      const v = series.valueAt(t);
      expect(Number.isFinite(v)).toBe(true);
      if (t === resetAt + 15) expect(v).toBeLessThan(previous);
      else expect(v).toBeGreaterThanOrEqual(previous);
      previous = v;
    }
  });

  it('holds the old count at the reset grid point and counts from 0 after it', () => {
    expect(series.valueAt(resetAt)).toBeCloseTo(integrateRate(WAVE, ORIGIN, resetAt), 9);
    expect(series.valueAt(resetAt + 15)).toBeCloseTo(integrateRate(WAVE, resetAt, resetAt + 15), 9);
    // What rate() sees across the reset (v(after) + v(before) - v(first)) is the true increase.
    const seen = series.valueAt(resetAt + 150) + series.valueAt(resetAt) - series.valueAt(resetAt - 150);
    expect(seen).toBeCloseTo(series.increase(resetAt - 150, resetAt + 150), 9);
  });

  it('stops existing after `until` and keeps its value frozen', () => {
    const until = ORIGIN + 7200;
    const ending = new CounterSeries({ name: 'x_total', labels: {}, rate: WAVE, from: ORIGIN, until });
    expect(ending.existsAt(until)).toBe(true);
    expect(ending.existsAt(until + 15)).toBe(false);
    expect(ending.valueAt(until + 600)).toBe(ending.valueAt(until));
    expect(ending.increase(until, until + 600)).toBe(0);
  });

  it('starts at 0 when it starts late', () => {
    const late = new CounterSeries({ name: 'x_total', labels: {}, rate: WAVE, from: ORIGIN + 7200 });
    expect(late.existsAt(ORIGIN + 7185)).toBe(false);
    expect(late.valueAt(ORIGIN + 7200)).toBe(0);
    expect(late.increase(ORIGIN + 7000, ORIGIN + 7500)).toBeCloseTo(integrateRate(WAVE, ORIGIN + 7200, ORIGIN + 7500), 9);
  });
});
