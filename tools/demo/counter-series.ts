/** Counters as exact integrals of a rate, so history, live scrapes and the oracle agree. */
import type { DemoSeries, RateSpec } from './types';

const TWO_PI = 2 * Math.PI;

/** Instantaneous rate of a RateSpec at unix time t. */
export function rateAt(spec: RateSpec, t: number): number {
  if (spec.amplitude === 0) return spec.perSecond;
  return spec.perSecond * (1 + spec.amplitude * Math.sin(angle(spec, t)));
}

/** Integral of the rate over [a, b] (a <= b). */
export function integrateRate(spec: RateSpec, a: number, b: number): number {
  if (b <= a) return 0;
  if (spec.amplitude === 0) return spec.perSecond * (b - a);
  const k = (spec.amplitude * spec.period) / TWO_PI;
  return spec.perSecond * (b - a - k * (Math.cos(angle(spec, b)) - Math.cos(angle(spec, a))));
}

/** The sine's angle, computed from t modulo the period to keep precision at epoch-sized t. */
function angle(spec: RateSpec, t: number): number {
  return TWO_PI * ((t % spec.period) / spec.period + spec.phase);
}

export interface CounterSeriesInit {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly rate: RateSpec;
  /** First instant of the series (value 0). */
  readonly from: number;
  /** Last instant of the series; the value stays frozen afterwards. */
  readonly until?: number;
  /** The process restarts right after this instant: the value at `resetAt` is the old count, then it counts from 0. */
  readonly resetAt?: number;
}

/** A Prometheus counter whose value is the integral of its rate since it started (or since its last reset). */
export class CounterSeries implements DemoSeries {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly rate: RateSpec;
  readonly from: number;
  readonly until: number;
  readonly resetAt: number | undefined;

  constructor(init: CounterSeriesInit) {
    this.name = init.name;
    this.labels = init.labels;
    this.rate = init.rate;
    this.from = init.from;
    this.until = init.until ?? Number.POSITIVE_INFINITY;
    this.resetAt = init.resetAt !== undefined && init.resetAt > init.from && init.resetAt < this.until ? init.resetAt : undefined;
  }

  existsAt(t: number): boolean {
    return t >= this.from && t <= this.until;
  }

  valueAt(t: number): number {
    if (t <= this.from) return 0;
    const end = Math.min(t, this.until);
    const start = this.resetAt !== undefined && end > this.resetAt ? this.resetAt : this.from;
    return integrateRate(this.rate, start, end);
  }

  /** Events counted in [a, b], ignoring resets: what rate()/increase() must recover. */
  increase(a: number, b: number): number {
    return integrateRate(this.rate, Math.max(a, this.from), Math.min(b, this.until));
  }
}
