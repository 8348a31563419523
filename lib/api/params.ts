import { quoteValue } from '../format';
import { parseDuration } from '../prometheus/promql';
import { badParameter } from './errors';

/** Validated parameters of /api/egress and /api/graph. */
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
const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:[Zz]|[+-]\d{2}:\d{2})$/;

const ALLOWED = ['end', 'window', 'namespace'];

/** The one value of a parameter; 400 when it is given more than once. */
export function single(params: URLSearchParams, name: string): string | undefined {
  const all = params.getAll(name);
  if (all.length > 1) throw badParameter(name, 'given more than once');
  return all[0];
}

/** 400 for any parameter not in `allowed`, naming it and the allowed ones. */
export function rejectUnknownParams(params: URLSearchParams, allowed: readonly string[]): void {
  for (const key of new Set(params.keys())) {
    if (!allowed.includes(key)) throw badParameter(key, `unknown parameter (allowed: ${allowed.join(', ')})`);
  }
}

/** A user-supplied value for an error message: quoted and clipped. */
export function show(value: string): string {
  return quoteValue(value, 64);
}

/** Parses `end`: unix seconds or RFC 3339; absent means now. */
export function parseEnd(raw: string | undefined, nowSeconds: number): number {
  if (raw === undefined) return nowSeconds;
  let t: number;
  if (UNIX_SECONDS.test(raw)) t = Number(raw);
  else if (RFC3339.test(raw)) t = Date.parse(raw.replace(' ', 'T')) / 1000;
  else throw badParameter('end', `${show(raw)} is neither unix seconds nor an RFC 3339 time (e.g. 2026-11-21T10:00:00Z)`);
  if (!Number.isFinite(t)) throw badParameter('end', `${show(raw)} is not a valid time`);
  if (t > nowSeconds + MAX_FUTURE_SECONDS) throw badParameter('end', `${show(raw)} is in the future`);
  return t;
}

/** Parses `window`: a Prometheus duration from 30s to 30d. */
export function parseWindow(raw: string | undefined, fallback = DEFAULT_WINDOW_SECONDS): number {
  if (raw === undefined) return fallback;
  const seconds = parseDuration(raw);
  if (seconds === null) throw badParameter('window', `${show(raw)} is not a Prometheus duration such as 5m, 1h or 1h30m`);
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

/** Validates the query string of /api/egress and /api/graph. Throws ApiError (400). */
export function parseFlowParams(params: URLSearchParams, nowSeconds: number): FlowParams {
  rejectUnknownParams(params, ALLOWED);
  return {
    end: parseEnd(single(params, 'end'), nowSeconds),
    windowSeconds: parseWindow(single(params, 'window')),
    namespaces: parseNamespaces(params.getAll('namespace')),
  };
}
