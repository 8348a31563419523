import { describe, expect, it } from 'vitest';
import { expectRule, type RuleCase } from '../../testing/serviceentry';

/** A valid HTTP ServiceEntry, with spec fields overridden (undefined removes a field). */
function se(spec: Record<string, unknown> = {}, metadata: Record<string, unknown> = {}): Record<string, unknown> {
  const base: Record<string, unknown> = { hosts: ['api.example.com'], location: 'MESH_EXTERNAL', ports: [{ number: 80, name: 'http', protocol: 'HTTP' }], resolution: 'DNS', ...spec };
  for (const k of Object.keys(base)) if (base[k] === undefined) delete base[k];
  return { apiVersion: 'networking.istio.io/v1', kind: 'ServiceEntry', metadata: { name: 'api', namespace: 'shop', ...metadata }, spec: base };
}

const tcp = (n: number, name = `tcp-${n}`): Record<string, unknown> => ({ number: n, name, protocol: 'TCP' });

const RULES: RuleCase[] = [
  { rule: 'schema: hosts is required', valid: se(), invalid: se({ hosts: undefined }), path: 'spec.hosts', says: /required.*add it/ },
  { rule: 'schema: hosts is a list', valid: se(), invalid: se({ hosts: 'api.example.com' }), path: 'spec.hosts', says: /must be an array/ },
  { rule: 'schema: a port needs a name', valid: se(), invalid: se({ ports: [{ number: 80, protocol: 'HTTP' }] }), path: 'spec.ports[0].name', says: /required/ },
  { rule: 'schema: location enum', valid: se({ location: 'MESH_INTERNAL' }), invalid: se({ location: 'OUTSIDE' }), path: 'spec.location', says: /MESH_EXTERNAL, MESH_INTERNAL/ },
  { rule: 'schema: resolution enum', valid: se({ resolution: 'DNS' }), invalid: se({ resolution: 'MAGIC' }), path: 'spec.resolution', says: /one of NONE, STATIC, DNS/ },
  { rule: 'no bare * host', valid: se({ hosts: ['*.example.com'], resolution: 'NONE' }), invalid: se({ hosts: ['*'], resolution: 'NONE' }), path: 'spec.hosts[0]', says: /bare "\*"/ },
  { rule: 'no IPv4 host', valid: se({ hosts: ['ip-10-0-0-1.external'], addresses: ['10.0.0.1'] }), invalid: se({ hosts: ['10.0.0.1'] }), path: 'spec.hosts[0]', says: /istio\/istio#13009.*spec\.addresses/ },
  { rule: 'no IPv6 host', valid: se({ hosts: ['v6.example.com'] }), invalid: se({ hosts: ['2001:db8::1'] }), path: 'spec.hosts[0]', says: /IP address/ },
  { rule: 'no all-numeric top-level label', valid: se({ hosts: ['a.b2'] }), invalid: se({ hosts: ['a.123'] }), path: 'spec.hosts[0]', says: /all-numeric/ },
  { rule: 'hosts ≤ 255 characters', valid: se({ hosts: [`${'a'.repeat(60)}.${'b'.repeat(60)}.${'c'.repeat(60)}.example.com`] }), invalid: se({ hosts: [Array.from({ length: 5 }, () => 'a'.repeat(60)).join('.')] }), path: 'spec.hosts[0]', says: /at most 255/ },
  { rule: 'hosts are DNS names', valid: se({ hosts: ['short'] }), invalid: se({ hosts: ['<img src=x onerror=alert(1)>.evil.test'] }), path: 'spec.hosts[0]', says: /not a valid host name/ },
  { rule: 'a wildcard only as the whole first label', valid: se({ hosts: ['*.example.com'], resolution: 'NONE' }), invalid: se({ hosts: ['a.*.example.com'], resolution: 'NONE' }), path: 'spec.hosts[0]', says: /label "\*"/ },
  { rule: '*foo.com only warns', valid: se({ hosts: ['*.foo.com'], resolution: 'NONE' }), invalid: se({ hosts: ['*foo.com'], resolution: 'NONE' }), path: 'spec.hosts[0]', says: /partial wildcard.*"\*\.foo\.com"/, warning: true },
  { rule: 'port numbers 1–65535', valid: se({ ports: [{ number: 65535, name: 'http', protocol: 'HTTP' }] }), invalid: se({ ports: [{ number: 99999, name: 'http', protocol: 'HTTP' }] }), path: 'spec.ports[0].number', says: /1 to 65535/ },
  { rule: 'port number 0 is out of range', valid: se({ ports: [{ number: 1, name: 'http', protocol: 'HTTP' }] }), invalid: se({ ports: [{ number: 0, name: 'http', protocol: 'HTTP' }] }), path: 'spec.ports[0].number', says: /1 to 65535/ },
  { rule: 'targetPort in range', valid: se({ ports: [{ number: 80, name: 'http', protocol: 'HTTP', targetPort: 8080 }] }), invalid: se({ ports: [{ number: 80, name: 'http', protocol: 'HTTP', targetPort: 70000 }] }), path: 'spec.ports[0].targetPort', says: /1 to 65535/ },
  { rule: 'port names are DNS-1123 labels', valid: se({ ports: [{ number: 80, name: 'http-web', protocol: 'HTTP' }] }), invalid: se({ ports: [{ number: 80, name: 'HTTP_Web', protocol: 'HTTP' }] }), path: 'spec.ports[0].name', says: /DNS-1123 label/ },
  { rule: 'port names ≤ 63', valid: se({ ports: [{ number: 80, name: 'a'.repeat(63), protocol: 'HTTP' }] }), invalid: se({ ports: [{ number: 80, name: 'a'.repeat(64), protocol: 'HTTP' }] }), path: 'spec.ports[0].name', says: /at most 63/ },
  { rule: 'port names unique', valid: se({ ports: [{ number: 80, name: 'http', protocol: 'HTTP' }, { number: 81, name: 'http-81', protocol: 'HTTP' }] }), invalid: se({ ports: [{ number: 80, name: 'http', protocol: 'HTTP' }, { number: 81, name: 'http', protocol: 'HTTP' }] }), path: 'spec.ports[1].name', says: /must be unique/ },
  { rule: 'port numbers unique', valid: se({ ports: [{ number: 80, name: 'a', protocol: 'HTTP' }, { number: 81, name: 'b', protocol: 'HTTP' }] }), invalid: se({ ports: [{ number: 80, name: 'a', protocol: 'HTTP' }, { number: 80, name: 'b', protocol: 'HTTP' }] }), path: 'spec.ports[1].number', says: /must be unique/ },
  { rule: 'known protocols, any case', valid: se({ ports: [{ number: 80, name: 'http', protocol: 'grpc-web' }] }), invalid: se({ ports: [{ number: 80, name: 'http', protocol: 'FOO' }] }), path: 'spec.ports[0].protocol', says: /HTTP, HTTPS, HTTP2, GRPC/ },
  { rule: 'NONE takes no endpoints', valid: se({ resolution: 'NONE', addresses: ['10.0.0.1'], ports: [tcp(5432)] }), invalid: se({ resolution: 'NONE', addresses: ['10.0.0.1'], ports: [tcp(5432)], endpoints: [{ address: '10.0.0.1' }] }), path: 'spec.endpoints', says: /no endpoints/ },
  { rule: 'NONE + TCP port without addresses matches every IP (warning)', valid: se({ resolution: 'NONE', addresses: ['10.0.0.1/32'], ports: [tcp(5432)] }), invalid: se({ resolution: 'NONE', ports: [tcp(5432)] }), path: 'spec.ports[0].protocol', says: /every IP on port 5432/, warning: true },
  { rule: 'NONE + unset protocol without addresses (warning)', valid: se({ resolution: 'NONE', ports: [{ number: 80, name: 'http', protocol: 'HTTP' }] }), invalid: se({ resolution: 'NONE', ports: [{ number: 80, name: 'p' }] }), path: 'spec.ports[0].protocol', says: /sniffed/, warning: true },
  { rule: 'STATIC needs endpoints', valid: se({ resolution: 'STATIC', endpoints: [{ address: '10.0.0.1' }] }), invalid: se({ resolution: 'STATIC' }), path: 'spec.endpoints', says: /needs endpoints/ },
  { rule: 'STATIC endpoints are IPs', valid: se({ resolution: 'STATIC', endpoints: [{ address: 'unix:///var/run/x.sock' }] }), invalid: se({ resolution: 'STATIC', endpoints: [{ address: 'db.example.com' }] }), path: 'spec.endpoints[0].address', says: /use resolution DNS/ },
  { rule: 'DNS with a wildcard host needs endpoints', valid: se({ hosts: ['*.example.com'], endpoints: [{ address: 'lb.example.com' }] }), invalid: se({ hosts: ['*.example.com'] }), path: 'spec.hosts[0]', says: /cannot be a wildcard.*NONE or DYNAMIC_DNS/ },
  { rule: 'DNS_ROUND_ROBIN with a wildcard host needs endpoints', valid: se({ resolution: 'DNS_ROUND_ROBIN' }), invalid: se({ resolution: 'DNS_ROUND_ROBIN', hosts: ['*.example.com'] }), path: 'spec.hosts[0]', says: /wildcard/ },
  { rule: 'DNS_ROUND_ROBIN ≤ 1 endpoint', valid: se({ resolution: 'DNS_ROUND_ROBIN', endpoints: [{ address: 'a.example.com' }] }), invalid: se({ resolution: 'DNS_ROUND_ROBIN', endpoints: [{ address: 'a.example.com' }, { address: 'b.example.com' }] }), path: 'spec.endpoints', says: /at most one endpoint/ },
  { rule: 'DYNAMIC_DNS: wildcard hosts only', valid: se({ resolution: 'DYNAMIC_DNS', hosts: ['*.example.com'] }), invalid: se({ resolution: 'DYNAMIC_DNS' }), path: 'spec.hosts[0]', says: /wildcard hosts only.*"\*\.api\.example\.com"/ },
  { rule: 'DYNAMIC_DNS: no addresses', valid: se({ resolution: 'DYNAMIC_DNS', hosts: ['*.example.com'] }), invalid: se({ resolution: 'DYNAMIC_DNS', hosts: ['*.example.com'], addresses: ['10.0.0.1'] }), path: 'spec.addresses', says: /no addresses/ },
  { rule: 'DYNAMIC_DNS: no endpoints', valid: se({ resolution: 'DYNAMIC_DNS', hosts: ['*.example.com'] }), invalid: se({ resolution: 'DYNAMIC_DNS', hosts: ['*.example.com'], endpoints: [{ address: '10.0.0.1' }] }), path: 'spec.endpoints', says: /no endpoints/ },
  { rule: 'DYNAMIC_DNS: HTTP/TLS/GRPC/HTTP2 ports only', valid: se({ resolution: 'DYNAMIC_DNS', hosts: ['*.example.com'], ports: [{ number: 443, name: 'tls', protocol: 'tls' }] }), invalid: se({ resolution: 'DYNAMIC_DNS', hosts: ['*.example.com'], ports: [tcp(443)] }), path: 'spec.ports[0].protocol', says: /only HTTP, TLS, GRPC, HTTP2/ },
  { rule: 'non-NONE with several hosts: HTTP/TLS ports only', valid: se({ hosts: ['a.example.com', 'b.example.com'], ports: [{ number: 443, name: 'tls', protocol: 'TLS' }] }), invalid: se({ hosts: ['a.example.com', 'b.example.com'], ports: [tcp(5432)] }), path: 'spec.ports[0].protocol', says: /several hosts.*one ServiceEntry per host/ },
  { rule: 'addresses are IPs or CIDRs', valid: se({ resolution: 'NONE', addresses: ['10.0.0.0/8', '2001:db8::/32'], ports: [tcp(1)] }), invalid: se({ resolution: 'NONE', addresses: ['10.0.0.300'], ports: [tcp(1)] }), path: 'spec.addresses[0]', says: /neither an IP nor a CIDR/ },
  { rule: 'CIDRs only with NONE or STATIC', valid: se({ addresses: ['10.0.0.1'] }), invalid: se({ addresses: ['10.0.0.0/24'] }), path: 'spec.addresses[0]', says: /only with resolution NONE or STATIC/ },
  { rule: 'exportTo: namespace names', valid: se({ exportTo: ['.', 'shop'] }), invalid: se({ exportTo: ['Shop!'] }), path: 'spec.exportTo[0]', says: /not a namespace/ },
  { rule: 'exportTo: no duplicates', valid: se({ exportTo: ['a', 'b'] }), invalid: se({ exportTo: ['a', 'a'] }), path: 'spec.exportTo[1]', says: /listed twice/ },
  { rule: 'exportTo: * alone', valid: se({ exportTo: ['*'] }), invalid: se({ exportTo: ['*', 'a'] }), path: 'spec.exportTo[0]', says: /only entry/ },
  { rule: 'exportTo: ~ alone (ServiceEntry only)', valid: se({ exportTo: ['~'] }), invalid: se({ exportTo: ['a', '~'] }), path: 'spec.exportTo[1]', says: /only entry/ },
  { rule: 'endpoint ports name declared ports', valid: se({ resolution: 'STATIC', endpoints: [{ address: '10.0.0.1', ports: { http: 8080 } }] }), invalid: se({ resolution: 'STATIC', endpoints: [{ address: '10.0.0.1', ports: { web: 8080 } }] }), path: 'spec.endpoints[0].ports.web', says: /no port of spec.ports/ },
  { rule: 'workloadSelector needs MESH_INTERNAL', valid: se({ location: 'MESH_INTERNAL', resolution: 'STATIC', workloadSelector: { labels: { app: 'x' } } }), invalid: se({ resolution: 'STATIC', workloadSelector: { labels: { app: 'x' } } }), path: 'spec.workloadSelector', says: /MESH_INTERNAL/ },
  { rule: 'workloadSelector excludes endpoints', valid: se({ location: 'MESH_INTERNAL', resolution: 'STATIC', workloadSelector: { labels: { app: 'x' } } }), invalid: se({ location: 'MESH_INTERNAL', resolution: 'STATIC', workloadSelector: { labels: { app: 'x' } }, endpoints: [{ address: '10.0.0.1' }] }), path: 'spec.workloadSelector', says: /exclude each other/ },
  { rule: 'unknown spec fields', valid: se(), invalid: se({ resolutoin: 'DNS' }), path: 'spec.resolutoin', says: /unknown field.*drop it/ },
  { rule: 'unknown port fields', valid: se(), invalid: se({ ports: [{ number: 80, name: 'http', protocol: 'HTTP', port: 81 }] }), path: 'spec.ports[0].port', says: /unknown field/ },
  { rule: 'metadata.name is a DNS-1123 subdomain', valid: se({}, { name: 'api.example-com' }), invalid: se({}, { name: 'API_example' }), path: 'metadata.name', says: /DNS-1123 subdomain/ },
  { rule: 'metadata.name is required', valid: se(), invalid: se({}, { name: undefined }), path: 'metadata.name', says: /is required/ },
  { rule: 'metadata.namespace is a namespace name', valid: se({}, { namespace: 'istio-egress' }), invalid: se({}, { namespace: 'a.b' }), path: 'metadata.namespace', says: /not a namespace name/ },
  { rule: 'annotation values are strings (schema)', valid: se({}, { annotations: { 'egress-lens.io/x': 'true' } }), invalid: se({}, { annotations: { 'egress-lens.io/x': true } }), path: 'metadata.annotations["egress-lens.io/x"]', says: /must be a string/ },
];

describe('validateObjects: ServiceEntry rules (facts §5, §7)', () => {
  for (const r of RULES) {
    it(r.rule, () => {
      const found = expectRule(r);
      expect(found[0]).toMatchObject({ doc: 0, kind: 'ServiceEntry' });
    });
  }
});
