/** Rules the CRD schemas of Gateway, VirtualService, DestinationRule and Sidecar miss (facts §6, Istio's webhook). */
import { asArray, asRecord, asString, checkKnownFields, type PathPart, type Reporter } from './issues';
import { checkHost, isDns1123Label, isDns1123Subdomain, quote } from './names';
import { checkExportTo, checkPortNumber } from './validate-service-entry';

const GO_DURATION = /^(?:\d+(?:\.\d+)?(?:ns|us|µs|ms|s|m|h))+$/;
const UNIT_MS: Readonly<Record<string, number>> = { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** Milliseconds of a Go-style duration ("1.5s", "100ms", "1m30s"), or null. */
export function durationMs(text: string): number | null {
  if (!GO_DURATION.test(text)) return null;
  let total = 0;
  for (const m of text.matchAll(/(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g)) total += Number(m[1]) * (UNIT_MS[m[2] ?? ''] ?? 0);
  return total;
}

function checkDuration(value: unknown, at: readonly PathPart[], r: Reporter): void {
  if (value === undefined) return;
  const text = asString(value);
  const ms = text === undefined ? null : durationMs(text);
  if (ms === null || ms < 1) r.error(at, `${quote(value)} is not a duration of at least 1ms: write it like 5s, 250ms or 1m30s`);
}

/** A `namespace/dnsName` host (Sidecar egress; Gateway servers with `optionalNamespace`). */
function checkNamespacedHost(value: string, at: readonly PathPart[], r: Reporter, optionalNamespace: boolean): void {
  const slash = value.indexOf('/');
  if (slash < 0 && !optionalNamespace) {
    r.error(at, `${quote(value)} must be namespace/dnsName (e.g. "./*", "istio-system/*", "istio-egress/api.example.com"): prefix the namespace that exports the host`);
    return;
  }
  const ns = slash < 0 ? '*' : value.slice(0, slash);
  const dns = slash < 0 ? value : value.slice(slash + 1);
  if (ns !== '*' && ns !== '.' && ns !== '~' && !isDns1123Label(ns)) r.error(at, `${quote(ns)} is not a namespace: use "*", ".", "~" or a namespace name before the "/"`);
  if (dns === '*') return;
  const c = checkHost(dns);
  if (c.error) r.error(at, `the DNS name after the "/": ${c.error}`);
  else if (!dns.includes('.')) r.warn(at, `${quote(dns)} is a short name, which is not expanded here: use the FQDN (e.g. ${dns}.<namespace>.svc.cluster.local)`);
}

const GATEWAY_FIELDS = ['selector', 'servers'];
const VS_FIELDS = ['hosts', 'gateways', 'http', 'tls', 'tcp', 'exportTo'];
const DR_FIELDS = ['host', 'trafficPolicy', 'subsets', 'exportTo', 'workloadSelector'];
const SIDECAR_FIELDS = ['workloadSelector', 'ingress', 'egress', 'inboundConnectionPool', 'outboundTrafficPolicy'];

/** Gateway: port numbers, `[ns/]dnsName` hosts, TLS servers with a tls mode. */
export function checkGatewaySpec(value: unknown, r: Reporter): void {
  const spec = asRecord(value);
  if (!spec) return;
  checkKnownFields(spec, GATEWAY_FIELDS, ['spec'], r);
  if (Object.keys(asRecord(spec.selector) ?? {}).length === 0) r.warn(['spec', 'selector'], 'an empty selector matches no particular gateway: select the egress gateway pods, e.g. istio: egressgateway');
  asArray(spec.servers).forEach((s, i) => {
    const server = asRecord(s);
    const port = asRecord(server?.port);
    checkPortNumber(port?.number, ['spec', 'servers', i, 'port', 'number'], r);
    const name = asString(port?.name);
    if (name !== undefined && !isDns1123Label(name)) r.error(['spec', 'servers', i, 'port', 'name'], `${quote(name)} is not a DNS-1123 label: use lower-case letters, digits or '-'`);
    asArray(server?.hosts).forEach((h, j) => {
      if (typeof h === 'string') checkNamespacedHost(h, ['spec', 'servers', i, 'hosts', j], r, true);
    });
    const protocol = asString(port?.protocol)?.toUpperCase();
    if ((protocol === 'TLS' || protocol === 'HTTPS') && server?.tls === undefined) {
      r.error(['spec', 'servers', i, 'tls'], `a ${protocol} server needs tls settings: add tls.mode (PASSTHROUGH to route on SNI without terminating TLS)`);
    }
  });
}

function checkDestinations(routes: unknown, at: readonly PathPart[], r: Reporter): void {
  asArray(routes).forEach((d, k) => {
    const dest = asRecord(asRecord(d)?.destination);
    if (asString(dest?.host) === '') r.error([...at, k, 'destination', 'host'], 'is empty: name the destination host');
    checkPortNumber(asRecord(dest?.port)?.number, [...at, k, 'destination', 'port', 'number'], r);
  });
}

/** VirtualService: gateway references, route destinations, timeouts and retries. */
export function checkVirtualServiceSpec(value: unknown, r: Reporter): void {
  const spec = asRecord(value);
  if (!spec) return;
  checkKnownFields(spec, VS_FIELDS, ['spec'], r);
  if (asArray(spec.hosts).length === 0) r.error(['spec', 'hosts'], 'a VirtualService needs at least one host: add the host it routes');
  asArray(spec.gateways).forEach((g, i) => {
    const gw = asString(g);
    if (gw === undefined || gw === 'mesh') return;
    const name = gw.includes('/') ? gw.slice(gw.indexOf('/') + 1) : gw;
    const ns = gw.includes('/') ? gw.slice(0, gw.indexOf('/')) : null;
    if (!isDns1123Subdomain(name) || (ns !== null && !isDns1123Label(ns))) {
      r.error(['spec', 'gateways', i], `${quote(gw)} is not a gateway reference: use "mesh" or <namespace>/<gateway name>`);
    }
  });
  asArray(spec.http).forEach((h, i) => {
    const route = asRecord(h);
    if (route && route.route === undefined && route.redirect === undefined && route.directResponse === undefined) {
      r.error(['spec', 'http', i], 'an HTTP route needs route, redirect or directResponse: add a route to the destination');
    }
    checkDuration(route?.timeout, ['spec', 'http', i, 'timeout'], r);
    const retries = asRecord(route?.retries);
    const attempts = retries?.attempts;
    if (typeof attempts === 'number' && (!Number.isInteger(attempts) || attempts < 0)) r.error(['spec', 'http', i, 'retries', 'attempts'], `${attempts} is not a number of attempts: use an integer ≥ 0`);
    checkDuration(retries?.perTryTimeout, ['spec', 'http', i, 'retries', 'perTryTimeout'], r);
    checkDestinations(route?.route, ['spec', 'http', i, 'route'], r);
  });
  for (const section of ['tls', 'tcp'] as const) {
    asArray(spec[section]).forEach((t, i) => {
      const route = asRecord(t);
      if (section === 'tls' && asArray(route?.match).length === 0) r.error(['spec', 'tls', i, 'match'], 'a TLS route needs a match with sniHosts: add match: [{sniHosts: [<host>]}]');
      checkDestinations(route?.route, ['spec', section, i, 'route'], r);
    });
  }
  checkExportTo(spec.exportTo, r, false);
}

/** DestinationRule: subset names are unique DNS-1123 labels. */
export function checkDestinationRuleSpec(value: unknown, r: Reporter): void {
  const spec = asRecord(value);
  if (!spec) return;
  checkKnownFields(spec, DR_FIELDS, ['spec'], r);
  if (asString(spec.host) === '') r.error(['spec', 'host'], 'is empty: name the service this rule applies to');
  const seen = new Set<string>();
  asArray(spec.subsets).forEach((s, i) => {
    const name = asString(asRecord(s)?.name);
    if (name === undefined) return;
    if (!isDns1123Label(name)) r.error(['spec', 'subsets', i, 'name'], `${quote(name)} is not a DNS-1123 label: use lower-case letters, digits or '-'`);
    if (seen.has(name)) r.error(['spec', 'subsets', i, 'name'], `${quote(name)} is defined twice: subset names must be unique`);
    seen.add(name);
  });
  checkExportTo(spec.exportTo, r, false);
}

/** Sidecar: egress hosts are `namespace/dnsName` (facts §6), egress ports in range. */
export function checkSidecarSpec(value: unknown, r: Reporter): void {
  const spec = asRecord(value);
  if (!spec) return;
  checkKnownFields(spec, SIDECAR_FIELDS, ['spec'], r);
  asArray(spec.egress).forEach((e, i) => {
    const egress = asRecord(e);
    if (asArray(egress?.hosts).length === 0) r.error(['spec', 'egress', i, 'hosts'], 'an egress listener needs hosts: add e.g. "./*" and "istio-system/*"');
    asArray(egress?.hosts).forEach((h, j) => {
      if (typeof h === 'string') checkNamespacedHost(h, ['spec', 'egress', i, 'hosts', j], r, false);
    });
    checkPortNumber(asRecord(egress?.port)?.number, ['spec', 'egress', i, 'port', 'number'], r);
  });
}
