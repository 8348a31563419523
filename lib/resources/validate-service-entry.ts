/**
 * ServiceEntry rules the CRD schema misses (facts §5, and §7 "Not caught by
 * either"), as Istio's webhook (`ValidateServiceEntry`) and CEL rules check them.
 */
import { asArray, asRecord, asString, checkKnownFields, type Reporter } from './issues';
import { checkHost, isDns1123Label, isWildcardHost, quote } from './names';
import { isCidr, isIp } from './net';
import { canonicalProtocol, DYNAMIC_DNS_PROTOCOLS, isAddressRouted, isHttpFamily, isTlsFamily, KNOWN_PROTOCOLS } from './protocols';

const SPEC_FIELDS = ['hosts', 'addresses', 'ports', 'location', 'resolution', 'endpoints', 'workloadSelector', 'exportTo', 'subjectAltNames'];
const PORT_FIELDS = ['number', 'protocol', 'name', 'targetPort'];
const ENDPOINT_FIELDS = ['address', 'ports', 'labels', 'network', 'locality', 'weight', 'serviceAccount'];

interface PortView {
  readonly index: number;
  readonly number: unknown;
  readonly name: string | undefined;
  readonly protocol: string | undefined;
}

/** A port number (or targetPort) in 1–65535; the schema alone allows up to 2³²−1. */
export function checkPortNumber(value: unknown, at: readonly (string | number)[], r: Reporter): void {
  if (typeof value === 'number' && (!Number.isInteger(value) || value < 1 || value > 65535)) {
    r.error(at, `${value} is not a port number: use an integer from 1 to 65535`);
  }
}

/** exportTo: `.`, `*`, `~` (ServiceEntry only) or namespace names; no duplicates; `*` and `~` alone. */
export function checkExportTo(value: unknown, r: Reporter, allowTilde: boolean): void {
  const list = asArray(value);
  const seen = new Set<string>();
  list.forEach((v, i) => {
    const ns = asString(v);
    if (ns === undefined) return;
    const special = ns === '.' || ns === '*' || (allowTilde && ns === '~');
    if (!special && !isDns1123Label(ns)) {
      r.error(['spec', 'exportTo', i], `${quote(ns)} is not a namespace: use ".", "*"${allowTilde ? ', "~"' : ''} or a namespace name (lower-case letters, digits, '-')`);
    }
    if (seen.has(ns)) r.error(['spec', 'exportTo', i], `${quote(ns)} is listed twice: remove the duplicate`);
    seen.add(ns);
    if ((ns === '*' || ns === '~') && list.length > 1) {
      r.error(['spec', 'exportTo', i], `${quote(ns)} must be the only entry of exportTo: remove the others, or replace it with namespace names`);
    }
  });
}

function checkHosts(spec: Record<string, unknown>, r: Reporter): void {
  asArray(spec.hosts).forEach((h, i) => {
    const host = asString(h);
    if (host === undefined) return;
    const c = checkHost(host);
    if (c.error) r.error(['spec', 'hosts', i], c.error);
    if (c.warning) r.warn(['spec', 'hosts', i], c.warning);
  });
}

function readPorts(spec: Record<string, unknown>, r: Reporter): PortView[] {
  const names = new Map<string, number>();
  const numbers = new Map<unknown, number>();
  return asArray(spec.ports).map((p, index) => {
    const port = asRecord(p);
    checkKnownFields(port, PORT_FIELDS, ['spec', 'ports', index], r);
    const view = { index, number: port?.number, name: asString(port?.name), protocol: asString(port?.protocol) };
    checkPortNumber(view.number, ['spec', 'ports', index, 'number'], r);
    checkPortNumber(port?.targetPort, ['spec', 'ports', index, 'targetPort'], r);
    if (view.name !== undefined && !isDns1123Label(view.name)) {
      r.error(['spec', 'ports', index, 'name'], `${quote(view.name)} is not a DNS-1123 label: use at most 63 lower-case letters, digits or '-', e.g. "http" or "tcp-5432"`);
    }
    if (view.name !== undefined && names.has(view.name)) r.error(['spec', 'ports', index, 'name'], `${quote(view.name)} is already the name of ports[${names.get(view.name)}]: port names must be unique`);
    if (view.name !== undefined) names.set(view.name, index);
    if (typeof view.number === 'number' && numbers.has(view.number)) r.error(['spec', 'ports', index, 'number'], `${view.number} is already declared by ports[${numbers.get(view.number)}]: port numbers must be unique`);
    numbers.set(view.number, index);
    if (view.protocol !== undefined && view.protocol !== '' && canonicalProtocol(view.protocol) === null) {
      r.error(['spec', 'ports', index, 'protocol'], `${quote(view.protocol)} is not a protocol Istio knows: use one of ${KNOWN_PROTOCOLS.join(', ')} (any case), or leave it empty for protocol sniffing`);
    }
    return view;
  });
}

function checkEndpoints(spec: Record<string, unknown>, resolution: string, ports: readonly PortView[], r: Reporter): void {
  const portNames = new Set(ports.map((p) => p.name));
  asArray(spec.endpoints).forEach((e, i) => {
    const ep = asRecord(e);
    checkKnownFields(ep, ENDPOINT_FIELDS, ['spec', 'endpoints', i], r);
    const address = asString(ep?.address);
    if (address !== undefined && resolution === 'STATIC' && !isIp(address) && !address.startsWith('unix://')) {
      r.error(['spec', 'endpoints', i, 'address'], `${quote(address)} is not an IP: STATIC endpoints are IP addresses (or unix:// paths); use resolution DNS for names`);
    }
    if (address !== undefined && (resolution === 'DNS' || resolution === 'DNS_ROUND_ROBIN') && !isIp(address) && checkHost(address).error !== undefined) {
      r.error(['spec', 'endpoints', i, 'address'], `${quote(address)} is neither an IP nor a DNS name: give the endpoint's IP or FQDN`);
    }
    for (const [name, value] of Object.entries(asRecord(ep?.ports) ?? {})) {
      if (!portNames.has(name)) r.error(['spec', 'endpoints', i, 'ports', name], `no port of spec.ports is named ${quote(name)}: use the name of one of spec.ports`);
      checkPortNumber(value, ['spec', 'endpoints', i, 'ports', name], r);
    }
  });
}

function checkResolution(spec: Record<string, unknown>, resolution: string, ports: readonly PortView[], r: Reporter): void {
  const hosts = asArray(spec.hosts).map(asString);
  const endpoints = asArray(spec.endpoints);
  const addresses = asArray(spec.addresses);
  switch (resolution) {
    case 'NONE':
      if (endpoints.length > 0) r.error(['spec', 'endpoints'], 'resolution NONE takes no endpoints: remove them, or use STATIC (IPs) or DNS (names)');
      if (addresses.length === 0) {
        for (const p of ports.filter((p) => isAddressRouted(p.protocol))) {
          r.warn(['spec', 'ports', p.index, 'protocol'], `with resolution NONE and no spec.addresses, a ${p.protocol || 'sniffed (no protocol)'} port matches every IP on port ${String(p.number)}: add spec.addresses, or use an HTTP/TLS protocol so the Host/SNI decides`);
        }
      }
      break;
    case 'STATIC':
      // With a workloadSelector, the endpoints are the selected WorkloadEntries and pods.
      if (endpoints.length === 0 && spec.workloadSelector === undefined) r.error(['spec', 'endpoints'], 'resolution STATIC needs endpoints: add the destination IPs as endpoints, or use DNS');
      break;
    case 'DNS':
    case 'DNS_ROUND_ROBIN':
      if (endpoints.length === 0) {
        hosts.forEach((h, i) => {
          if (h !== undefined && h !== '*' && isWildcardHost(h)) r.error(['spec', 'hosts', i], `resolution ${resolution} without endpoints resolves the host itself, so it cannot be a wildcard: use NONE or DYNAMIC_DNS, or list the hosts`);
        });
      }
      if (resolution === 'DNS_ROUND_ROBIN' && endpoints.length > 1) r.error(['spec', 'endpoints'], 'DNS_ROUND_ROBIN takes at most one endpoint: use DNS for several');
      break;
    case 'DYNAMIC_DNS':
      hosts.forEach((h, i) => {
        if (h !== undefined && !h.startsWith('*.')) r.error(['spec', 'hosts', i], `DYNAMIC_DNS (Istio 1.28+) takes wildcard hosts only: use "*.${h.replace(/^\*\.?/, '')}" or resolution DNS`);
      });
      if (addresses.length > 0) r.error(['spec', 'addresses'], 'DYNAMIC_DNS takes no addresses: remove them');
      if (endpoints.length > 0) r.error(['spec', 'endpoints'], 'DYNAMIC_DNS takes no endpoints: remove them');
      for (const p of ports) {
        if (!DYNAMIC_DNS_PROTOCOLS.some((d) => d === p.protocol?.toUpperCase())) {
          r.error(['spec', 'ports', p.index, 'protocol'], `DYNAMIC_DNS supports only ${DYNAMIC_DNS_PROTOCOLS.join(', ')} ports: change the protocol or the resolution`);
        }
      }
      break;
  }
  if (resolution !== 'NONE' && hosts.length > 1) {
    for (const p of ports.filter((p) => !isHttpFamily(p.protocol) && !isTlsFamily(p.protocol))) {
      r.error(['spec', 'ports', p.index, 'protocol'], `with several hosts and resolution ${resolution}, every port must be HTTP- or TLS-family (Istio tells the hosts apart by Host/SNI): use one ServiceEntry per host, or resolution NONE`);
    }
  }
}

function checkAddresses(spec: Record<string, unknown>, resolution: string, r: Reporter): void {
  asArray(spec.addresses).forEach((a, i) => {
    const address = asString(a);
    if (address === undefined) return;
    if (!isIp(address) && !isCidr(address)) r.error(['spec', 'addresses', i], `${quote(address)} is neither an IP nor a CIDR: use e.g. 203.0.113.10 or 203.0.113.0/24`);
    else if (address.includes('/') && resolution !== 'NONE' && resolution !== 'STATIC') {
      r.error(['spec', 'addresses', i], `CIDR addresses are allowed only with resolution NONE or STATIC: give a single IP, or change the resolution`);
    }
  });
}

function checkWorkloadSelector(spec: Record<string, unknown>, r: Reporter): void {
  const selector = asRecord(spec.workloadSelector);
  if (!selector) return;
  if (asArray(spec.endpoints).length > 0) r.error(['spec', 'workloadSelector'], 'workloadSelector and endpoints exclude each other: keep one');
  if (spec.location !== 'MESH_INTERNAL') r.error(['spec', 'workloadSelector'], 'workloadSelector selects mesh workloads, so it needs location MESH_INTERNAL: remove it for an external service');
  for (const [k, v] of Object.entries(asRecord(selector.labels) ?? {})) {
    if (typeof v === 'string' && v.includes('*')) r.error(['spec', 'workloadSelector', 'labels', k], 'label values cannot hold "*": give the exact value');
  }
}

/** Checks a ServiceEntry's spec beyond the CRD schema. */
export function checkServiceEntrySpec(value: unknown, r: Reporter): void {
  const spec = asRecord(value);
  if (!spec) return;
  checkKnownFields(spec, SPEC_FIELDS, ['spec'], r);
  const resolution = asString(spec.resolution) ?? 'NONE';
  checkHosts(spec, r);
  checkAddresses(spec, resolution, r);
  const ports = readPorts(spec, r);
  checkEndpoints(spec, resolution, ports, r);
  checkResolution(spec, resolution, ports, r);
  checkExportTo(spec.exportTo, r, true);
  checkWorkloadSelector(spec, r);
}
