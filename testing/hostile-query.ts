/**
 * Hostile and malformed input for every API route, shared by the in-process
 * tests (lib/api/hostile-*.test.ts) and the end-to-end spec
 * (e2e/hostile-input.spec.ts), so both layers throw exactly the same things.
 * Each case says what must happen: a 4xx naming the parameter, or (for values
 * a route takes as data, such as a host to chart) an answer whose PromQL has
 * the value inside string literals only.
 */
import { MAX_HOST_LENGTH } from '../lib/egress/host';
import { hostIdOf } from '../lib/egress/host-id';

/** Values aimed at PromQL, shells, templates and HTML. */
export const INJECTIONS: readonly string[] = [
  '"} or vector(1) #',
  '.*',
  '.+',
  '|',
  '\\',
  'a\\',
  '\\"',
  '\n',
  '\r\n',
  '\u0000',
  '{__name__=~".+"}',
  '{__name__!=""} or up',
  "' or '1'='1",
  '`',
  ')',
  '[5m]',
  '@ 0',
  ' offset 1d',
  '<script>alert(1)</script>',
  '$(reboot)',
  '${7*7}',
  '{{7*7}}',
  '\ufffd',
  '\u2028',
  '\u202e',
  '😀',
];

/** Numbers that are not times or durations, and values of the wrong type. */
export const ODD_VALUES: readonly string[] = ['1e308', '-1', 'NaN', 'Infinity', '-Infinity', '1e999', '0x10', '1_000', '١٢٣', 'true', 'false', 'null', '[]', '{}', '[1]', '{"a":1}', '5 minutes', ' 5m', '5m ', '5M', '1700000000s', '1.5.5', ''];

/** Windows a rate cannot use. */
export const BAD_WINDOWS: readonly string[] = ['0', '0s', '1ms', '1500ms', '29s', '100y', '31d', '30d1s', '-5m', '5m5m', '30m1h', '1h1h', '5', 'm', '1.5h', `${'9'.repeat(400)}s`, '10000000000000000000000y'];

/** Ends that are no time, or none the metrics can have. */
export const BAD_ENDS: readonly string[] = [
  '0000-01-01T00:00:00Z',
  '9999-12-31T23:59:59Z',
  '1969-12-31T23:59:59Z',
  '-1',
  '-62135596800',
  'yesterday',
  'now',
  '999999999999',
  '1e10',
  '2023-02-30T00:00:00Z',
  '2023-11-14T24:00:00Z',
  '2023-11-14T10:00:00+25:00',
  '2023-11-14T23:59:60Z',
  '2023-11-14',
  '10:00:00',
  '1700000000.',
  '1700000000.1234567890',
  '+1700000000',
  '17000000000000',
];

/** Raw percent-encoding that is not UTF-8 (inserted into the query as is). */
export const BAD_ENCODINGS: readonly string[] = ['%ZZ', '%', '%2', 'a%', '%E0%A4%A', '%FF', '%C0%AF', '%ED%A0%80', '%F4%90%80%80'];

/** Parameter names no route knows, including array and object notations. */
export const UNKNOWN_PARAMS: readonly string[] = ['bogus', 'END', 'Window', 'end[]', 'end[0]', 'window[a]', 'namespace[]', '__proto__', 'constructor', '<script>', 'ns', 'q', ' end'];

/** A value far past any limit (100 kB); over HTTP it exceeds Node's 16 KiB header limit, so only the in-process layer sends it. */
export const HUGE = 'x'.repeat(100_000);

/** What a case expects. */
export type Expectation =
  /** 400 whose message starts with the parameter's name. */
  | { readonly status: 400; readonly names: string }
  /** Answered (200); `value` reaches PromQL only inside string literals. */
  | { readonly status: 200; readonly value: string; readonly param: string };

export interface HostileQueryCase {
  readonly name: string;
  /** The raw query string, percent-encoded as sent (no leading '?'). */
  readonly query: string;
  readonly expect: Expectation;
  /** Over 16 KiB: Node refuses the URL before the app (431), so HTTP tests send it only to check that. */
  readonly huge?: boolean;
  /**
   * Next.js decodes a query string leniently before a route sees it (a
   * malformed escape stays literal text or becomes U+FFFD) and drops a
   * `__proto__` parameter: over HTTP the app may get a different, valid value.
   */
  readonly lenientOverHttp?: boolean;
}

type ParamKind = 'end' | 'window' | 'namespace' | 'enum' | 'workload' | 'host' | 'hostId' | 'hostIds';

export interface GetRoute {
  readonly path: string;
  /** A valid query string the hostile parameter is added to (its own valid value removed). */
  readonly base: Readonly<Record<string, string>>;
  /** Valid query per parameter, when it needs other parameters (timeseries). */
  readonly baseFor?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  readonly params: Readonly<Record<string, ParamKind>>;
  /** A valid value per parameter, for the repeated-parameter cases. */
  readonly valid: Readonly<Record<string, string>>;
}

const RANGE = { end: 'end', window: 'window' } as const;
const RANGE_NS = { ...RANGE, namespace: 'namespace' } as const;
const VALID_RANGE = { end: '1700000000', window: '1h', namespace: 'shop' };
/** A well-formed host id (of httpbin.org). Ids are only ever well-formed or not: a hostile value is never one. */
const VALID_HOST_ID = hostIdOf('httpbin.org');
/** Values shaped almost like a host id. */
const NEAR_HOST_IDS: readonly string[] = ['h_', `h_${'a'.repeat(21)}`, `h_${'a'.repeat(23)}`, `H_${'a'.repeat(22)}`, `h_${'a'.repeat(21)}=`, `h_${'a'.repeat(21)}/`, `${VALID_HOST_ID} `];

/** Every GET route with its parameters. */
export const GET_ROUTES: readonly GetRoute[] = [
  { path: '/api/egress', base: {}, params: { ...RANGE_NS, hostId: 'hostIds' }, valid: { ...VALID_RANGE, hostId: VALID_HOST_ID } },
  { path: '/api/graph', base: {}, params: RANGE_NS, valid: VALID_RANGE },
  { path: '/api/readiness', base: {}, params: RANGE_NS, valid: VALID_RANGE },
  { path: '/api/hosts', base: {}, params: RANGE_NS, valid: VALID_RANGE },
  { path: '/api/blocked', base: {}, params: RANGE, valid: VALID_RANGE },
  { path: '/api/health', base: {}, params: {}, valid: {} },
  {
    path: '/api/timeseries',
    base: { kind: 'host', status: 'passthrough', host: 'httpbin.org' },
    baseFor: {
      source: { kind: 'edge', status: 'passthrough', protocol: 'http' },
      via: { kind: 'host' },
    },
    params: { kind: 'enum', status: 'enum', protocol: 'enum', host: 'host', hostId: 'hostId', source: 'workload', via: 'workload', end: 'end', window: 'window' },
    valid: { kind: 'host', status: 'passthrough', protocol: 'http', host: 'httpbin.org', hostId: VALID_HOST_ID, source: 'shop/web', via: 'istio-system/istio-egressgateway', end: '1700000000', window: '1h' },
  },
];

const DNS1123_LABEL = /^[a-z0-9](?:[-a-z0-9]*[a-z0-9])?$/;

/** Whether the API takes `value` for a parameter of this kind (the documented rules, restated). */
function accepts(kind: ParamKind, value: string): boolean {
  if (kind === 'namespace') return value.length <= 63 && DNS1123_LABEL.test(value);
  // A host is data, control characters included (Host headers reach the metrics
  // unvalidated; see tools/demo/hostile.ts): any text but empty, "unknown" or past MAX_HOST_LENGTH.
  if (kind === 'host') return value !== '' && value !== 'unknown' && value.length <= MAX_HOST_LENGTH;
  return false;
}

function valuesFor(kind: ParamKind): readonly string[] {
  const extra =
    kind === 'end'
      ? BAD_ENDS
      : kind === 'window'
        ? BAD_WINDOWS
        : kind === 'namespace'
          ? ['Shop', 'a_b', '-a', 'a-', 'a.b', 'a'.repeat(64)]
          : kind === 'host'
            ? ['unknown', 'a'.repeat(1025)]
            : kind === 'hostId' || kind === 'hostIds'
              ? NEAR_HOST_IDS
              : [];
  return [...INJECTIONS, ...ODD_VALUES, ...extra];
}

function encodeQuery(params: Readonly<Record<string, string>>, except: string): string[] {
  return Object.entries(params)
    .filter(([k]) => k !== except)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`);
}

const label = (value: string) => JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…(${value.length})` : value);

/** Every hostile query-string case of a GET route. */
export function hostileQueryCases(route: GetRoute): HostileQueryCase[] {
  const cases: HostileQueryCase[] = [];
  for (const [param, kind] of Object.entries(route.params)) {
    const base = encodeQuery(route.baseFor?.[param] ?? route.base, param);
    const add = (name: string, rawValue: string, expect: Expectation, extra: Pick<HostileQueryCase, 'huge' | 'lenientOverHttp'> = {}) =>
      cases.push({ name: `${param}=${name}`, query: [...base, `${param}=${rawValue}`].join('&'), expect, ...extra });
    for (const value of valuesFor(kind)) {
      const expect: Expectation = accepts(kind, value) ? { status: 200, value, param } : { status: 400, names: param };
      add(label(value), encodeURIComponent(value), expect);
    }
    add('100 kB', HUGE, { status: 400, names: param }, { huge: true });
    if (kind === 'host') {
      // At and past the longest host (MAX_HOST_LENGTH): URLs over Node's 16 KiB header limit (431 over HTTP).
      add('MAX_HOST_LENGTH', 'a'.repeat(MAX_HOST_LENGTH), { status: 200, value: 'a'.repeat(MAX_HOST_LENGTH), param }, { huge: true });
      add('MAX_HOST_LENGTH + 1', 'a'.repeat(MAX_HOST_LENGTH + 1), { status: 400, names: param }, { huge: true });
    }
    for (const raw of BAD_ENCODINGS) add(`${raw} (not UTF-8)`, raw, { status: 400, names: param }, { lenientOverHttp: true });
    cases.push({ name: `${param} (bare, no "=")`, query: [...base, param].join('&'), expect: { status: 400, names: param } });
    if (kind !== 'namespace' && kind !== 'hostIds') {
      const v = encodeURIComponent(route.valid[param] ?? '');
      cases.push({ name: `${param} twice`, query: [...base, `${param}=${v}`, `${param}=${v}`].join('&'), expect: { status: 400, names: param } });
    }
  }
  for (const [param, kind] of Object.entries(route.params)) {
    if (kind !== 'hostIds') continue;
    const ids = Array.from({ length: 51 }, (_, i) => hostIdOf(`h${i}.test`));
    cases.push({ name: `${param} 51 times`, query: ids.map((id) => `${param}=${id}`).join('&'), expect: { status: 400, names: param } });
  }
  if ('namespace' in route.params) {
    cases.push({ name: 'namespace 201 times', query: Array.from({ length: 201 }, (_, i) => `namespace=ns${i}`).join('&'), expect: { status: 400, names: 'namespace' } });
  }
  const base = encodeQuery(route.base, '');
  const otherRoutes = ['end', 'window', 'namespace', 'kind', 'host', 'hostId'].filter((p) => !(p in route.params));
  for (const name of [...UNKNOWN_PARAMS, ...otherRoutes]) {
    cases.push({ name: `unknown ${label(name)}`, query: [...base, `${encodeURIComponent(name)}=1`].join('&'), expect: { status: 400, names: name }, ...(name === '__proto__' ? { lenientOverHttp: true } : {}) });
  }
  cases.push({ name: 'unknown, empty name', query: [...base, '=1'].join('&'), expect: { status: 400, names: '' } });
  cases.push({ name: 'unknown, name not UTF-8', query: [...base, '%FF=1'].join('&'), expect: { status: 400, names: '%FF' }, lenientOverHttp: true });
  return cases;
}

/** Whether an error message names `param` at its start, plainly or quoted. */
export function namesParameter(message: string, param: string): boolean {
  return message.startsWith(`${param}: `) || message.startsWith(`${JSON.stringify(param)}: `);
}

/** A benign value per kind of parameter that takes data, for the shape the hostile value must not change. */
const BENIGN: Readonly<Record<string, string>> = { namespace: 'benign', host: 'benign.example' };

/** The route's valid query with a benign value for `param`: what a hostile value's queries are compared with. */
export function benignQuery(route: GetRoute, param: string): string {
  return [...encodeQuery(route.baseFor?.[param] ?? route.base, param), `${param}=${encodeURIComponent(BENIGN[param] ?? route.valid[param] ?? '')}`].join('&');
}
