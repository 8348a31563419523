import { parseDuration } from '../prometheus/promql';
import { badParameter } from './errors';
import { rejectUnknownParams, show, single } from './query';

/** Validated time range (and source namespaces) of the GET routes. */
export interface FlowParams {
  /** Unix seconds. */
  readonly end: number;
  readonly windowSeconds: number;
  /** Source namespaces, deduplicated and sorted; empty means all. */
  readonly namespaces: string[];
}

export const DEFAULT_WINDOW_SECONDS = 300;
export const MIN_WINDOW_SECONDS = 30;
export const MAX_WINDOW_SECONDS = 30 * 86400;
export const MAX_NAMESPACES = 200;
/** How far past the server's clock an end time may lie (clock skew). */
const MAX_FUTURE_SECONDS = 300;

const DNS1123_LABEL = /^[a-z0-9](?:[-a-z0-9]*[a-z0-9])?$/;
const UNIX_SECONDS = /^\d{1,12}(?:\.\d{1,9})?$/;
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(?:[Zz]|([+-])(\d{2}):(\d{2}))$/;

function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return month === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Seconds of an RFC 3339 time, or null when a field is out of range (Feb 30, 24:00, a +25:00 offset). */
function rfc3339Seconds(m: RegExpExecArray): number | null {
  const [, y, mo, d, h, mi, s, frac, sign, oh, om] = m;
  const [year, month, day, hour, minute, second] = [y, mo, d, h, mi, s].map(Number) as [number, number, number, number, number, number];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 59) return null;
  if (sign !== undefined && (Number(oh) > 23 || Number(om) > 59)) return null;
  // Date.UTC would read years 0-99 as 1900-1999.
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, 0);
  const offsetSeconds = sign === undefined ? 0 : (Number(oh) * 60 + Number(om)) * 60 * (sign === '-' ? -1 : 1);
  return date.getTime() / 1000 + Number(frac ?? 0) - offsetSeconds;
}

/** Parses `end`: unix seconds or RFC 3339, from 1970 to now; absent means now. */
export function parseEnd(raw: string | undefined, nowSeconds: number): number {
  if (raw === undefined) return nowSeconds;
  const rfc = RFC3339.exec(raw);
  let t: number | null;
  if (UNIX_SECONDS.test(raw)) t = Number(raw);
  else if (rfc) t = rfc3339Seconds(rfc);
  else throw badParameter('end', `${show(raw)} is neither unix seconds nor an RFC 3339 time (e.g. 2026-11-21T10:00:00Z)`);
  if (t === null || !Number.isFinite(t)) throw badParameter('end', `${show(raw)} is not a valid time (a field is out of range)`);
  if (t < 0) throw badParameter('end', `${show(raw)} is before 1970-01-01T00:00:00Z (unix time 0)`);
  if (t > nowSeconds + MAX_FUTURE_SECONDS) throw badParameter('end', `${show(raw)} is in the future`);
  return t;
}

/** Parses `window`: a Prometheus duration from 30s to 30d. */
export function parseWindow(raw: string | undefined, fallback = DEFAULT_WINDOW_SECONDS): number {
  if (raw === undefined) return fallback;
  const seconds = parseDuration(raw);
  if (seconds === null) throw badParameter('window', `${show(raw)} is not a Prometheus duration such as 5m, 1h or 1h30m (whole numbers, units largest first, each once)`);
  if (!Number.isInteger(seconds)) throw badParameter('window', `${show(raw)} must be a whole number of seconds`);
  if (seconds < MIN_WINDOW_SECONDS) throw badParameter('window', `${show(raw)} is shorter than 30s (too few samples for a rate)`);
  if (seconds > MAX_WINDOW_SECONDS) throw badParameter('window', `${show(raw)} is longer than the maximum of 30d`);
  return seconds;
}

/** Parses repeated `namespace` values: Kubernetes namespace names (DNS-1123 labels). */
export function parseNamespaces(values: readonly string[]): string[] {
  if (values.length > MAX_NAMESPACES) throw badParameter('namespace', `at most ${MAX_NAMESPACES} namespaces`);
  for (const ns of values) {
    if (ns.length > 63 || !DNS1123_LABEL.test(ns))
      throw badParameter('namespace', `${show(ns)} is not a Kubernetes namespace name (lower-case letters, digits and '-', at most 63)`);
  }
  return [...new Set(values)].sort();
}

export interface RangeParamsSpec {
  /** The window when the request gives none. */
  readonly defaultWindowSeconds: number;
  /** Whether the route takes repeated `namespace` filters. */
  readonly namespaces: boolean;
}

/**
 * Validates `end`, `window` and (when the route takes it) `namespace`, the
 * parameters every GET route over a time range shares, and refuses any other.
 * Throws ApiError (400) naming the parameter.
 */
export function parseRangeParams(params: URLSearchParams, nowSeconds: number, spec: RangeParamsSpec): FlowParams {
  rejectUnknownParams(params, spec.namespaces ? ['end', 'window', 'namespace'] : ['end', 'window']);
  return {
    end: parseEnd(single(params, 'end'), nowSeconds),
    windowSeconds: parseWindow(single(params, 'window'), spec.defaultWindowSeconds),
    namespaces: spec.namespaces ? parseNamespaces(params.getAll('namespace')) : [],
  };
}

/** Validates the query string of /api/egress and /api/graph (and, with their default window, /api/readiness and /api/hosts). Throws ApiError (400). */
export function parseFlowParams(params: URLSearchParams, nowSeconds: number, defaultWindowSeconds = DEFAULT_WINDOW_SECONDS): FlowParams {
  return parseRangeParams(params, nowSeconds, { defaultWindowSeconds, namespaces: true });
}
