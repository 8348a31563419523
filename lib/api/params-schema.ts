/**
 * The API's query parameters as zod schemas: one definition read by the
 * server's parsers (params.ts, host-id.ts, timeseries-params.ts) and by the
 * browser's URL builders and URL view state (lib/view, lib/promote/options.ts,
 * components/panels/chart-params.ts, components/promote/promote-request.ts),
 * so a URL the browser writes is one the server reads (params-schema.test.ts
 * checks it as a law). Browser-safe: zod and pure lib code only.
 *
 * A query is read as `Record<name, string[]>` (every value of every
 * parameter): a parameter given at most once is `once(schema)`, a repeatable
 * one `many(schema, max)`. Messages say what is wrong with the value; the
 * server prefixes the parameter's name (`window: "5m5m" is not ...`).
 */
import { z } from 'zod';
import { quoteValue } from '../format';
import { MAX_HOST_LENGTH } from '../egress/host';
import { HOST_ID } from '../egress/host-id';
import { UNKNOWN } from '../egress/rules';
import { EGRESS_STATUSES, type EgressProtocol, type WorkloadRef } from '../egress/types';
import { parseDuration } from '../prometheus/promql';
import { isDns1123Label, isDns1123Subdomain, MAX_SUBDOMAIN } from '../resources/names';

// zod compiles object parsers with `new Function` unless told not to, and merely probing
// for it is a violation of the app's Content Security Policy (script-src has no
// 'unsafe-eval'; e2e/security-headers.spec.ts): parse without compiling, in the browser
// and on the server alike.
z.config({ jitless: true });

/** A user-supplied value for an error message: quoted and clipped. */
export function show(value: string): string {
  return quoteValue(value, 64);
}

/** A message that starts with the offending value, quoted and clipped. */
const said = (text: string) => (issue: { readonly input?: unknown }) => `${show(String(issue.input))} ${text}`;

export const MIN_WINDOW_SECONDS = 30;
export const MAX_WINDOW_SECONDS = 30 * 86400;
export const MAX_NAMESPACES = 200;
/** Most host ids one request may name (a promote request takes as many hosts). */
export const MAX_HOST_IDS = 50;
/** How far past the server's clock an end time may lie (clock skew). */
export const MAX_FUTURE_SECONDS = 300;

/** `window`: a Prometheus duration from 30s to 30d, as whole seconds. */
export const windowParam = z.string().transform((raw, ctx) => {
  const seconds = parseDuration(raw);
  const problem =
    seconds === null
      ? 'is not a Prometheus duration such as 5m, 1h or 1h30m (whole numbers, units largest first, each once)'
      : !Number.isInteger(seconds)
        ? 'must be a whole number of seconds'
        : seconds < MIN_WINDOW_SECONDS
          ? 'is shorter than 30s (too few samples for a rate)'
          : seconds > MAX_WINDOW_SECONDS
            ? 'is longer than the maximum of 30d'
            : null;
  if (problem !== null || seconds === null) {
    ctx.addIssue({ code: 'custom', message: `${show(raw)} ${problem}` });
    return z.NEVER;
  }
  return seconds;
});

const UNIX_SECONDS = /^\d{1,12}(?:\.\d{1,9})?$/;
/** RFC 3339 (upper-case, `T`); zod checks the fields, calendar included. */
const RFC3339 = z.iso.datetime({ offset: true });
/** The shape of an RFC 3339 time, fields unchecked: says "out of range" rather than "not a time". */
const RFC3339_SHAPE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)$/;

/** Seconds of a valid RFC 3339 time, fraction kept to the nanosecond (Date.parse keeps milliseconds). */
function rfc3339Seconds(iso: string): number {
  const fraction = /\.(\d+)/.exec(iso)?.[1];
  return Date.parse(iso.replace(/\.\d+/, '')) / 1000 + (fraction === undefined ? 0 : Number(`0.${fraction}`));
}

/**
 * `end`: unix seconds or an RFC 3339 time (`t`, `z` and a space for `T` as
 * RFC 3339 allows), from 1970 on, as unix seconds. Whether it lies in the
 * future is the server's clock to say (parseEnd).
 */
export const endParam = z.string().transform((raw, ctx) => {
  const fail = (text: string) => {
    ctx.addIssue({ code: 'custom', message: `${show(raw)} ${text}` });
    return z.NEVER;
  };
  let t: number;
  if (UNIX_SECONDS.test(raw)) t = Number(raw);
  else {
    const iso = raw.toUpperCase().replace(/^(\d{4}-\d\d-\d\d) /, '$1T');
    if (RFC3339.safeParse(iso).success) t = rfc3339Seconds(iso);
    else if (RFC3339_SHAPE.test(iso)) return fail('is not a valid time (a field is out of range)');
    else return fail('is neither unix seconds nor an RFC 3339 time (e.g. 2026-11-21T10:00:00Z)');
  }
  if (!Number.isFinite(t)) return fail('is not a valid time (a field is out of range)');
  if (t < 0) return fail('is before 1970-01-01T00:00:00Z (unix time 0)');
  return t;
});

/** A Kubernetes namespace name (a DNS-1123 label). */
export const namespaceParam = z.string().refine(isDns1123Label, { error: said("is not a Kubernetes namespace name (lower-case letters, digits and '-', at most 63)") });

/** A cluster name a URL may hold: Istio's cluster ids are free text; these are the ones real meshes use (no comma, slash or space). */
const CLUSTER = /^[A-Za-z0-9](?:[A-Za-z0-9._:@-]{0,126}[A-Za-z0-9_])?$/;

/** Whether `c` is a cluster name the cluster filter keeps. */
export function isClusterName(c: string): boolean {
  return CLUSTER.test(c);
}

/** A source cluster (`source_cluster`). */
export const clusterParam = z.string().refine(isClusterName, { error: said("is not a cluster name (letters, digits, '.', '_', ':', '@', '-')") });

/** A host by its id: `h_` and 22 base64url characters (lib/egress/host-id.ts). */
export const hostIdParam = z.string().regex(HOST_ID, { error: said('is not a host id (h_ and 22 base64url characters, as /api/egress reports destination.hostId)') });

/** A host as the API reports it, whatever it holds (control characters are data): not empty, not Istio's "unknown", at most MAX_HOST_LENGTH. */
export const hostParam = z
  .string()
  .min(1, 'empty; leave host out for the destination without a host (TLS/TCP passthrough, blocked TCP)')
  .refine((h) => h !== UNKNOWN, '"unknown" is not a host; leave host out for the destination without a host')
  .refine((h) => h.length <= MAX_HOST_LENGTH, `longer than ${MAX_HOST_LENGTH} characters`);

/** `namespace/workload`: a Kubernetes namespace and a workload name (a DNS-1123 subdomain). */
export const workloadParam = z.string().transform((raw, ctx): WorkloadRef => {
  const slash = raw.indexOf('/');
  const namespace = slash < 0 ? '' : raw.slice(0, slash);
  const workload = slash < 0 ? '' : raw.slice(slash + 1);
  if (!isDns1123Label(namespace) || !isDns1123Subdomain(workload)) {
    ctx.addIssue({ code: 'custom', message: `${show(raw)} is not namespace/workload (a Kubernetes namespace, '/', and a lower-case workload name of at most ${MAX_SUBDOMAIN} characters)` });
    return z.NEVER;
  }
  return { namespace, workload };
});

/** One of a fixed list of values. */
export function oneOf<const T extends readonly string[]>(values: T) {
  return z.enum(values, { error: said(`is not one of ${values.join(', ')}`) });
}

export const TIMESERIES_KINDS = ['host', 'edge'] as const;
export const STATUSES = EGRESS_STATUSES;
export const PROTOCOLS = ['http', 'grpc', 'tcp'] as const satisfies readonly EgressProtocol[];

/** A parameter given at most once: its value, or undefined when absent. */
export function once<T extends z.ZodType<unknown, string>>(param: T) {
  return z
    .array(z.string())
    .max(1, 'given more than once')
    .optional()
    .transform((values) => values?.[0])
    .pipe(param.optional());
}

/** A repeatable parameter: every value valid, at most `max`, deduplicated and sorted. */
export function many<T extends z.ZodType<string, string>>(param: T, max: number, what: string) {
  return z
    .array(param)
    .max(max, `at most ${max} ${what}`)
    .default([])
    .transform((values) => [...new Set(values)].sort());
}

/** end, window and namespace: the query of every GET route over a time range that filters by namespace. */
export const flowQuery = z.object({ end: once(endParam), window: once(windowParam), namespace: many(namespaceParam, MAX_NAMESPACES, 'namespaces') });
/** end and window: the query of a GET route over a time range (/api/blocked). */
export const rangeQuery = flowQuery.pick({ end: true, window: true });
/** GET /api/egress: a flow query, and repeated `hostId` filters. */
export const egressQuery = flowQuery.extend({ hostId: many(hostIdParam, MAX_HOST_IDS, 'host ids') });
/** GET /api/timeseries, each parameter by itself (which ones go together is the parser's, timeseries-params.ts). */
export const timeseriesQuery = z.object({
  kind: once(oneOf(TIMESERIES_KINDS)),
  status: once(oneOf(STATUSES)),
  host: once(hostParam),
  hostId: once(hostIdParam),
  protocol: once(oneOf(PROTOCOLS)),
  source: once(workloadParam),
  cluster: once(clusterParam),
  via: once(workloadParam),
  end: once(endParam),
  window: once(windowParam),
});

/** A query schema: parameters by name. */
export type QuerySchema = z.ZodObject<Record<string, z.ZodType<unknown, string[] | undefined>>>;

/** The values a URL builder may give a route's query: its parameter names only; a value, several, or none. */
export type QueryValues<S extends QuerySchema> = { readonly [K in keyof S['shape']]?: QueryValue | null };
type QueryValue = string | number | readonly (string | number)[];

/**
 * The query string of a route for `values`, in their order; absent and null
 * values are left out. The schema names the route: `values` may only use its
 * parameter names (checked by the compiler).
 */
export function writeQuery<S extends QuerySchema>(_route: S, values: QueryValues<S>): URLSearchParams {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(values) as [string, QueryValue | null | undefined][]) {
    if (value === undefined || value === null) continue;
    for (const v of Array.isArray(value) ? value : [value]) params.append(name, String(v));
  }
  return params;
}

/** Every value of every parameter, as the query schemas read them. */
export function queryRecord(params: URLSearchParams): Record<string, string[]> {
  const record: Record<string, string[]> = Object.create(null) as Record<string, string[]>;
  for (const [name, value] of params) (record[name] ??= []).push(value);
  return record;
}

// ---------------------------------------------------------------------------
// The browser's URL state is read leniently: a bad value falls back (an old or
// hand-edited link still opens) instead of failing the page.

/** The first value of a parameter if `param` takes it, else `fallback`. */
export function firstOr<T extends z.ZodType<unknown, string>, const F>(param: T, fallback: F) {
  return z
    .array(z.string())
    .optional()
    .transform((values) => values?.[0])
    .pipe(param as z.ZodType<z.output<T> | F, string | undefined>)
    .catch(fallback);
}

/** Every value of a repeated parameter that `param` takes, once each (sorted with `sorted`); the others are dropped. */
export function everyValid<T extends z.ZodType<string, string>>(param: T, { sorted = false } = {}) {
  return z
    .array(z.string())
    .optional()
    .transform((values) => {
      const valid = [...new Set((values ?? []).filter((v) => param.safeParse(v).success))];
      return sorted ? valid.sort() : valid;
    });
}

/** A switch of a page URL: on when the parameter holds `on`, else off. */
export function flagOr(on: string) {
  return firstOr(z.literal(on).transform(() => true), false);
}

/** A page URL's `end`: what the API reads (endParam), in whole seconds. */
export const viewEndParam = endParam.pipe(z.number().int());
