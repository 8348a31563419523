/**
 * Prometheus durations as rule files and PromQL accept them. Stricter than
 * `parseDuration` in lib/prometheus/promql: Prometheus 2.x (model.ParseDuration)
 * wants the units largest first, each at most once ("1h30m", never "30m1h").
 */

const PROM_DURATION = /^(?:(\d+)y)?(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?(?:(\d+)ms)?$/;
const UNIT_MS = [365 * 86400_000, 7 * 86400_000, 86400_000, 3600_000, 60_000, 1000, 1];
/** model.ParseDuration refuses anything longer than int64 nanoseconds (about 292 years). */
const MAX_MS = 292 * 365 * 86400_000;

/** Milliseconds of a Prometheus duration ("0", "90s", "1h30m"), or null when Prometheus would refuse it. */
export function parsePromDuration(text: string): number | null {
  if (text === '0') return 0;
  if (text === '') return null;
  const m = PROM_DURATION.exec(text);
  if (m === null) return null;
  let ms = 0;
  for (let i = 0; i < UNIT_MS.length; i++) {
    const n = m[i + 1];
    if (n !== undefined) ms += Number(n) * (UNIT_MS[i] ?? 0);
  }
  return ms <= MAX_MS ? ms : null;
}

/** A number as a PromQL literal; PromQL reads JavaScript's shortest form, exponents included ("1e-7"). */
export function promNumber(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`not a finite number: ${value}`);
  return String(value);
}
