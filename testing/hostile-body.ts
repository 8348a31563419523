/**
 * Hostile and malformed bodies for every POST route, shared by the in-process
 * tests and the end-to-end spec (see hostile.ts for the query strings).
 */
import { INJECTIONS } from './hostile-query';
import { MAX_BODY_BYTES } from '../lib/api/body';
import { REFUSED_YAML } from './hostile-yaml';
import { MAX_HOST_LENGTH } from '../lib/egress/host';

export interface HostileBodyCase {
  readonly name: string;
  /** The raw body; a function builds big ones lazily. */
  readonly body: string | Uint8Array | (() => string);
  /** The Content-Type sent; null sends none. Default application/json. */
  readonly contentType?: string | null;
  /** A query string on the POST URL (no leading '?'). */
  readonly query?: string;
  readonly status: 400 | 413 | 415;
  /** What the message must name: a field path (`hosts.0`), a parameter, or Content-Type. */
  readonly names: string;
  /** Over HTTP, sent without Content-Length (chunked), so only reading can catch the size. */
  readonly chunked?: boolean;
  /** Next.js drops a `__proto__` query parameter before the route sees it (see HostileQueryCase). */
  readonly lenientOverHttp?: boolean;
}

export type PostPath = '/api/serviceentries' | '/api/serviceentries/validate' | '/api/alert-rules';
export const POST_PATHS: readonly PostPath[] = ['/api/serviceentries', '/api/serviceentries/validate', '/api/alert-rules'];

/** What each route calls the body itself in messages. */
const ROOT: Readonly<Record<PostPath, string>> = { '/api/serviceentries': 'body', '/api/serviceentries/validate': 'body', '/api/alert-rules': 'options' };

const deep = (open: string, close: string, inner: string, n: number) => `${open.repeat(n)}${inner}${close.repeat(n)}`;
const NOT_UTF8 = Uint8Array.from([...new TextEncoder().encode('{"hosts":["'), 0xff, 0xfe, ...new TextEncoder().encode('"]}')]);
const oversize = () => JSON.stringify({ hosts: ['x'.repeat(MAX_BODY_BYTES)] });

/** Cases every POST route answers the same way (transport, JSON, shape of the body). */
function commonCases(path: PostPath): HostileBodyCase[] {
  const root = ROOT[path];
  const json = (name: string, body: string) => ({ name: `not JSON: ${name}`, body, status: 400 as const, names: 'the body is not valid JSON' });
  return [
    json('open brace', '{'),
    json('unclosed array', '{"hosts": [}'),
    json('single quotes', "{'hosts': []}"),
    json('trailing comma', '{"hosts": ["a.example",]}'),
    json('NaN', 'NaN'),
    json('undefined', 'undefined'),
    json('leading zero', '{"a": 01}'),
    json('raw control character in a string', '{"a": "\u0000"}'),
    json('hex escape', '{"a": "\\x41"}'),
    json('two documents', '{}{}'),
    json('trailing garbage', '{} trailing'),
    json('a comment', '{} // x'),
    { name: 'empty', body: '', status: 400, names: 'the body is empty' },
    { name: 'whitespace only', body: ' \n\t ', status: 400, names: 'the body is empty' },
    { name: 'not UTF-8', body: NOT_UTF8, status: 400, names: 'the body is not UTF-8' },
    ...['[]', '[{"hosts":["a.example"]}]', '"x"', 'null', '1', 'true', '-0', '1e308', '1e999'].map((body) => ({ name: `not an object: ${body}`, body, status: 400 as const, names: root })),
    ...[null, 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json; charset=latin1', 'application/jsonx', 'application/xml', 'json', '*/*', 'text/json'].map((contentType) => ({
      name: `Content-Type ${String(contentType)}`,
      body: '{}',
      contentType,
      status: 415 as const,
      names: 'Content-Type',
    })),
    { name: 'larger than 1 MiB', body: oversize, status: 413, names: 'the body is larger than 1 MiB' },
    { name: 'larger than 1 MiB, chunked', body: oversize, status: 413, names: 'the body is larger than 1 MiB', chunked: true },
    ...[
      ['x=1', 'x'],
      ['hosts=a.example', 'hosts'],
      ['yaml=x', 'yaml'],
      ['%ZZ=1', '%ZZ'],
      ['a=%FF', 'a'],
      ['__proto__=1', '__proto__'],
    ].map(([query, names]) => ({ name: `query parameter ${query}`, body: '{}', query, status: 400 as const, names: names as string, ...(names === '__proto__' ? { lenientOverHttp: true } : {}) })),
    { name: '__proto__ key', body: '{"__proto__": {"hosts": ["a.example"]}}', status: 400, names: '__proto__' },
    { name: 'constructor key', body: '{"constructor": {"prototype": {"x": 1}}}', status: 400, names: 'constructor' },
  ];
}

const field = (name: string, body: unknown, names: string): HostileBodyCase => ({ name, body: JSON.stringify(body), status: 400, names });

function promoteCases(): HostileBodyCase[] {
  const h = ['a.example'];
  return [
    field('no host', {}, 'hosts'),
    field('hosts a string', { hosts: 'pastebin.com' }, 'hosts'),
    ...[1, null, {}, [], '', true, 'x'.repeat(MAX_HOST_LENGTH + 1)].map((v) => field(`hosts [${JSON.stringify(v).slice(0, 20)}]`, { hosts: [v] }, 'hosts.0')),
    field('hosts [100 kB]', { hosts: ['x'.repeat(100_000)] }, 'hosts.0'),
    field('51 hosts', { hosts: Array.from({ length: 51 }, (_, i) => `h${i}.example`) }, 'hosts'),
    field('hostIds a string', { hostIds: 'h_aaaaaaaaaaaaaaaaaaaaaa' }, 'hostIds'),
    ...[1, null, '', 'pastebin.com', `h_${'a'.repeat(21)}`, `h_${'a'.repeat(23)}`, '"} or vector(1) #', 'x'.repeat(100_000)].map((v) => field(`hostIds [${JSON.stringify(v).slice(0, 20)}]`, { hostIds: [v] }, 'hostIds.0')),
    field('51 hostIds', { hostIds: Array.from({ length: 51 }, () => `h_${'a'.repeat(22)}`) }, 'hostIds'),
    { name: 'hosts nested 100000 deep', body: `{"hosts": ${deep('[', ']', '', 100_000)}}`, status: 400, names: 'hosts.0' },
    { name: 'routeRules nested 100000 deep', body: `{"hosts": ["a.example"], "routeRules": ${deep('{"a":', '}', '1', 100_000)}}`, status: 400, names: 'routeRules.a' },
    field('an unknown field', { hosts: h, bogus: 1 }, 'bogus'),
    field('an unknown field with a hostile name', { hosts: h, '"} or vector(1) #': 1 }, '"} or vector(1) #'),
    ...['tomorrow', '9999-12-31T23:59:59Z', '0000-01-01T00:00:00Z', '2023-02-30T00:00:00Z', '-1', ''].map((end) => field(`end ${JSON.stringify(end)}`, { hosts: h, end }, 'end')),
    ...[1e308, -1, 1.5e15, true, [], {}, null].map((end) => field(`end ${JSON.stringify(end)}`, { hosts: h, end }, 'end')),
    { name: 'end 1e999 (Infinity)', body: '{"hosts": ["a.example"], "end": 1e999}', status: 400, names: 'end' },
    ...['5m5m', '0s', '100y', '-5m', '', '1ms', 'x'.repeat(100)].map((window) => field(`window ${JSON.stringify(window).slice(0, 20)}`, { hosts: h, window }, 'window')),
    ...[5, null, ['1h']].map((window) => field(`window ${JSON.stringify(window)}`, { hosts: h, window }, 'window')),
    ...['Shop', '"} or vector(1) #', 'a'.repeat(64), 5].map((namespace) => field(`namespace ${JSON.stringify(namespace).slice(0, 20)}`, { hosts: h, namespace }, 'namespace')),
    field('ports a string', { hosts: h, ports: '80' }, 'ports'),
    field('ports empty', { hosts: h, ports: [] }, 'ports'),
    field('port number a string', { hosts: h, ports: [{ number: '80', protocol: 'HTTP' }] }, 'ports.0.number'),
    field('port number 1.5', { hosts: h, ports: [{ number: 1.5, protocol: 'HTTP' }] }, 'ports.0.number'),
    field('port without protocol', { hosts: h, ports: [{ number: 80 }] }, 'ports.0.protocol'),
    field('port with an extra field', { hosts: h, ports: [{ number: 80, protocol: 'HTTP', extra: 1 }] }, 'ports.0.extra'),
    field('egressGateway a string', { hosts: h, egressGateway: 'true' }, 'egressGateway'),
    field('sidecar a number', { hosts: h, sidecar: 1 }, 'sidecar'),
    field('wildcard null', { hosts: h, wildcard: null }, 'wildcard'),
    field('resolution unknown', { hosts: h, resolution: 'ALL' }, 'resolution'),
    field('unattributed unknown', { unattributed: 'both' }, 'unattributed'),
    field('timeout with a space', { hosts: h, routeRules: { timeout: '5 s' } }, 'routeRules.timeout'),
    field('retries 1e308', { hosts: h, routeRules: { retries: { attempts: 1e308 } } }, 'routeRules.retries.attempts'),
    field('tcp address empty', { unattributed: 'blocked', tcp: { address: '', port: 1 } }, 'tcp.address'),
    field('exportTo empty', { hosts: h, exportTo: [] }, 'exportTo'),
  ];
}

function validateCases(): HostileBodyCase[] {
  return [
    field('no yaml', {}, 'yaml'),
    ...[1, null, [], {}, true].map((yaml) => field(`yaml ${JSON.stringify(yaml)}`, { yaml }, 'yaml')),
    { name: 'yaml past 512 KiB', body: () => JSON.stringify({ yaml: 'x'.repeat(512 * 1024 + 1) }), status: 400, names: 'yaml' },
    field('an extra field', { yaml: '', extra: 1 }, 'extra'),
    { name: 'yaml nested 100000 deep', body: `{"yaml": ${deep('[', ']', '', 100_000)}}`, status: 400, names: 'yaml' },
    // YAML text past a reading limit: the message names the limit (a phrase, so namesField looks for it anywhere).
    ...REFUSED_YAML.map((y) => ({ name: `yaml: ${y.name}`, body: () => JSON.stringify({ yaml: y.text() }), status: 400 as const, names: y.says })),
  ];
}

function alertCases(): HostileBodyCase[] {
  return [
    field('an unknown option', { bogus: 1 }, 'bogus'),
    field('namespaces a string', { namespaces: 'shop' }, 'namespaces'),
    field('a namespace with a newline', { namespaces: ['a\nb'] }, 'namespaces.0'),
    field('a namespace with NUL', { namespaces: ['a\u0000'] }, 'namespaces.0'),
    field('201 namespaces', { namespaces: Array.from({ length: 201 }, (_, i) => `n${i}`) }, 'namespaces'),
    ...['3', 1e308, -1, 1, null].map((factor) => field(`spike.factor ${JSON.stringify(factor)}`, { spike: { factor } }, 'spike.factor')),
    ...[1.5, 1e308, 0, '7'].map((lookbackDays) => field(`lookbackDays ${JSON.stringify(lookbackDays)}`, { newPassthroughHost: { lookbackDays } }, 'newPassthroughHost.lookbackDays')),
    ...['5m5m', '0s', '5 m', '-5m', '1e3s', ''].map((window) => field(`blackhole.window ${JSON.stringify(window)}`, { blackhole: { window } }, 'blackhole.window')),
    field('labels an array', { labels: [] }, 'labels'),
    field('a label value a number', { labels: { a: 1 } }, 'labels.a'),
    field('a label name with a dash', { labels: { 'bad-name': 'x' } }, 'labels.bad-name'),
    field('teamLabel reserved', { teamLabel: '__x' }, 'teamLabel'),
    field('a PrometheusRule name with spaces', { prometheusRule: { name: 'Bad Name' } }, 'prometheusRule.name'),
    field('an empty group name', { groupName: '' }, 'groupName'),
    field('a group name of 100 kB', { groupName: 'x'.repeat(100_000) }, 'groupName'),
    field('a label value of 100 kB', { labels: { a: 'x'.repeat(100_000) } }, 'labels.a'),
    { name: 'spike.factor 1e999 (Infinity)', body: '{"spike": {"factor": 1e999}}', status: 400, names: 'spike.factor' },
    field('an enabled flag as a string', { spike: { enabled: 'yes' } }, 'spike.enabled'),
    { name: 'labels nested 100000 deep', body: `{"labels": {"a": ${deep('{"a":', '}', '1', 100_000)}}}`, status: 400, names: 'labels.a' },
  ];
}

/** Every hostile body case of a POST route. */
export function hostileBodyCases(path: PostPath): HostileBodyCase[] {
  const specific = path === '/api/serviceentries' ? promoteCases() : path === '/api/serviceentries/validate' ? validateCases() : alertCases();
  return [...commonCases(path), ...specific];
}

/** Hosts a promote request may carry as data: they reach the evidence queries (inside literals) and then fail validation. */
export const HOSTILE_HOSTS: readonly string[] = INJECTIONS.filter((v) => !/[\u0000-\u001f]/.test(v));

/** Namespaces an alert rule takes as data (matched literally): single-line text. */
export const HOSTILE_ALERT_NAMESPACES: readonly string[] = INJECTIONS.filter((v) => !/[\u0000-\u001f\u2028]/.test(v));

/** Whether a message names `what`: at the start or after "; ", followed by ": ", or as a phrase it contains. */
export function namesField(message: string, what: string): boolean {
  if (what.includes(' ') || what === 'Content-Type') return message.includes(what);
  return [what, JSON.stringify(what)].some((w) => message.startsWith(`${w}: `) || message.includes(`; ${w}: `));
}
