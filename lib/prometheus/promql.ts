/**
 * Safe construction of PromQL. Every value that reaches a query goes through
 * `quote` (string literal) or `regexAnyOf` (regex alternation), never through
 * string concatenation.
 */

import { quoteValue } from '../format';

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** A PromQL string literal for any value: quotes, backslashes, control, bidi and invisible characters and U+FFFD escaped. */
export function quote(value: string): string {
  // PromQL string literals use Go's escape rules; JSON's escapes (\uXXXX included) are a subset of them.
  // Lone surrogates cannot be represented in UTF-8, so they become U+FFFD first (quoteValue does);
  // and Prometheus' lexer refuses a raw U+FFFD ("invalid UTF-8 rune", it cannot tell it from
  // broken UTF-8), so that one is written as the escape \ufffd. Bidi and invisible characters
  // are escaped too, so a query shown in the UI or a log reads as written.
  return quoteValue(value, Number.POSITIVE_INFINITY).replaceAll('\ufffd', '\\ufffd');
}

/** Escapes RE2 metacharacters so the value matches itself literally. */
export function escapeRegex(value: string): string {
  return value.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&');
}

/** A regex matching exactly one of the given literal values (Prometheus anchors it). */
export function regexAnyOf(values: readonly string[]): string {
  if (values.length === 0) throw new Error('regexAnyOf needs at least one value');
  return values.map(escapeRegex).join('|');
}

export type MatchOp = '=' | '!=' | '=~' | '!~';

/** One label matcher, e.g. `reporter="source"`. */
export function matcher(label: string, op: MatchOp, value: string): string {
  if (!LABEL_NAME.test(label)) throw new Error(`invalid label name: ${label}`);
  return `${label}${op}${quote(value)}`;
}

/** A selector body `{a="b", c=~"d"}` from matchers. */
export function selector(matchers: readonly string[]): string {
  return `{${matchers.join(', ')}}`;
}

/**
 * `f(m{a}[r]) or f(m{b}[r])`: a range function over every series any of the
 * selectors matches, each series once (`or` drops a right-hand series whose
 * labels the left already has, and the selectors' series keep all their
 * labels). One selector gives the plain `f(m{a}[r])`.
 */
export function overAny(fn: string, metric: string, selectors: readonly (readonly string[])[], range: string): string {
  const parts = selectors.map((m) => `${fn}(${metric}${selector(m)}[${range}])`);
  if (parts.length === 0) throw new Error('overAny: no selector');
  return parts.length === 1 ? parts[0]! : `(${parts.join(' or ')})`;
}

/** A label list for `by (...)`. */
export function byLabels(labels: readonly string[]): string {
  for (const l of labels) if (!LABEL_NAME.test(l)) throw new Error(`invalid label name: ${l}`);
  return `(${labels.join(', ')})`;
}

/**
 * Prometheus durations as model.ParseDuration reads them (query parameters,
 * PromQL ranges, rule files): "0", or whole numbers with units largest first,
 * each at most once ("1h30m", never "30m1h" or "5m5m").
 */
const DURATION = /^(?:(\d+)y)?(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?(?:(\d+)ms)?$/;
const UNIT_MS = [365 * 86400_000, 7 * 86400_000, 86400_000, 3600_000, 60_000, 1000, 1];
/** model.ParseDuration refuses anything longer than int64 nanoseconds (about 292 years). */
const MAX_DURATION_MS = 292 * 365 * 86400_000;

/** Milliseconds of a Prometheus duration ("0", "90s", "1h30m"), or null when Prometheus would refuse it. */
export function parseDurationMs(text: string): number | null {
  if (text === '0') return 0;
  if (text === '' || text.length > 64) return null;
  const m = DURATION.exec(text);
  if (m === null) return null;
  let ms = 0;
  for (let i = 0; i < UNIT_MS.length; i++) {
    const n = m[i + 1];
    if (n !== undefined) ms += Number(n) * (UNIT_MS[i] ?? 0);
  }
  return ms <= MAX_DURATION_MS ? ms : null;
}

/** Parses a Prometheus duration ("1h30m") to seconds, or returns null when it is not one. */
export function parseDuration(text: string): number | null {
  const ms = parseDurationMs(text);
  return ms === null ? null : ms / 1000;
}

/** Formats whole seconds as the shortest Prometheus duration ("90s" -> "1m30s"). */
export function formatDuration(totalSeconds: number): string {
  if (!Number.isInteger(totalSeconds) || totalSeconds <= 0) throw new Error(`invalid duration: ${totalSeconds}`);
  const units: [string, number][] = [['d', 86400], ['h', 3600], ['m', 60], ['s', 1]];
  let rest = totalSeconds;
  let out = '';
  for (const [unit, size] of units) {
    const n = Math.floor(rest / size);
    if (n > 0) {
      out += `${n}${unit}`;
      rest -= n * size;
    }
  }
  return out;
}
