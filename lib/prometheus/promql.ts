/**
 * Safe construction of PromQL. Every value that reaches a query goes through
 * `quote` (string literal) or `regexAnyOf` (regex alternation), never through
 * string concatenation.
 */

import { quoteValue } from '../format';

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** A PromQL string literal for any value: quotes, backslashes, control, bidi and invisible characters escaped. */
export function quote(value: string): string {
  // PromQL string literals use Go's escape rules; JSON's escapes (\uXXXX included) are a subset of them.
  // Lone surrogates cannot be represented in UTF-8, so they become U+FFFD first (quoteValue does).
  // Bidi and invisible characters are escaped too, so a query shown in the UI or a log reads as written.
  return quoteValue(value, Number.POSITIVE_INFINITY);
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

/** A label list for `by (...)`. */
export function byLabels(labels: readonly string[]): string {
  for (const l of labels) if (!LABEL_NAME.test(l)) throw new Error(`invalid label name: ${l}`);
  return `(${labels.join(', ')})`;
}

const UNIT_SECONDS = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86400, w: 604800, y: 31536000 } as const;
type Unit = keyof typeof UNIT_SECONDS;
const DURATION = /^(?:\d+(?:ms|s|m|h|d|w|y))+$/;
const DURATION_PART = /(\d+)(ms|s|m|h|d|w|y)/g;

/** Parses a Prometheus duration ("1h30m") to seconds, or returns null when it is not one. */
export function parseDuration(text: string): number | null {
  if (!DURATION.test(text)) return null;
  let seconds = 0;
  for (const m of text.matchAll(DURATION_PART)) seconds += Number(m[1]) * UNIT_SECONDS[m[2] as Unit];
  return Number.isFinite(seconds) ? seconds : null;
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
