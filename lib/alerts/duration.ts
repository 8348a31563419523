import { parseDurationMs } from '../prometheus/promql';

/** Milliseconds of a Prometheus duration ("0", "90s", "1h30m"), or null when Prometheus would refuse it (units largest first, each once). */
export const parsePromDuration = parseDurationMs;

/** A number as a PromQL literal; PromQL reads JavaScript's shortest form, exponents included ("1e-7"). */
export function promNumber(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`not a finite number: ${value}`);
  return String(value);
}
