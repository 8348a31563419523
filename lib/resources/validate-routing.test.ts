import { describe, expect, it } from 'vitest';
import { at, expectRule, type RuleCase } from '../../testing/serviceentry';
import { validateObjects } from './validate';
import { durationMs } from './validate-routing';

function obj(kind: string, spec: Record<string, unknown>, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { apiVersion: 'networking.istio.io/v1', kind, metadata: { name: 'x', namespace: 'shop' }, spec, ...extra };
}

const gateway = (server: Record<string, unknown> = {}): Record<string, unknown> =>
  obj('Gateway', { selector: { istio: 'egressgateway' }, servers: [{ port: { number: 443, name: 'tls', protocol: 'TLS' }, hosts: ['api.example.com'], tls: { mode: 'PASSTHROUGH' }, ...server }] });
const vs = (http: Record<string, unknown> = {}, spec: Record<string, unknown> = {}): Record<string, unknown> =>
  obj('VirtualService', { hosts: ['api.example.com'], http: [{ route: [{ destination: { host: 'api.example.com', port: { number: 80 } } }], ...http }], ...spec });
const dr = (spec: Record<string, unknown> = {}): Record<string, unknown> => obj('DestinationRule', { host: 'istio-egressgateway.istio-system.svc.cluster.local', subsets: [{ name: 'api' }], ...spec });
const sidecar = (hosts: unknown[], spec: Record<string, unknown> = {}): Record<string, unknown> => obj('Sidecar', { outboundTrafficPolicy: { mode: 'REGISTRY_ONLY' }, egress: [{ hosts }], ...spec });

const RULES: RuleCase[] = [
  { rule: 'Gateway: schema requires server hosts', valid: gateway(), invalid: gateway({ hosts: undefined }), path: 'spec.servers[0].hosts', says: /required/ },
  { rule: 'Gateway: port numbers in range', valid: gateway(), invalid: gateway({ port: { number: 70000, name: 'tls', protocol: 'TLS' } }), path: 'spec.servers[0].port.number', says: /1 to 65535/ },
  { rule: 'Gateway: hosts are [namespace/]dnsName', valid: gateway({ hosts: ['shop/api.example.com', '*/*.example.com'] }), invalid: gateway({ hosts: ['Bad NS/api.example.com'] }), path: 'spec.servers[0].hosts[0]', says: /not a namespace/ },
  { rule: 'Gateway: a TLS server needs tls settings', valid: gateway(), invalid: gateway({ tls: undefined }), path: 'spec.servers[0].tls', says: /PASSTHROUGH/ },
  { rule: 'Gateway: tls.mode enum (schema)', valid: gateway(), invalid: gateway({ tls: { mode: 'OPEN' } }), path: 'spec.servers[0].tls.mode', says: /PASSTHROUGH, SIMPLE/ },
  { rule: 'VirtualService: timeout is a duration', valid: vs({ timeout: '1m30s' }), invalid: vs({ timeout: 'soon' }), path: 'spec.http[0].timeout', says: /like 5s/ },
  { rule: 'VirtualService: timeout ≥ 1ms', valid: vs({ timeout: '1ms' }), invalid: vs({ timeout: '0s' }), path: 'spec.http[0].timeout', says: /at least 1ms/ },
  { rule: 'VirtualService: retries.attempts ≥ 0', valid: vs({ retries: { attempts: 0 } }), invalid: vs({ retries: { attempts: -1 } }), path: 'spec.http[0].retries.attempts', says: /integer ≥ 0/ },
  { rule: 'VirtualService: perTryTimeout is a duration', valid: vs({ retries: { attempts: 2, perTryTimeout: '250ms' } }), invalid: vs({ retries: { attempts: 2, perTryTimeout: '2 seconds' } }), path: 'spec.http[0].retries.perTryTimeout', says: /duration/ },
  { rule: 'VirtualService: destination ports in range', valid: vs(), invalid: vs({ route: [{ destination: { host: 'api.example.com', port: { number: 0 } } }] }), path: 'spec.http[0].route[0].destination.port.number', says: /1 to 65535/ },
  { rule: 'VirtualService: an HTTP route needs a destination', valid: vs(), invalid: vs({ route: undefined }), path: 'spec.http[0]', says: /route, redirect or directResponse/ },
  { rule: 'VirtualService: at least one host', valid: vs(), invalid: vs({}, { hosts: [] }), path: 'spec.hosts', says: /at least one host/ },
  { rule: 'VirtualService: gateway references', valid: vs({}, { gateways: ['mesh', 'shop/egress', 'egress'] }), invalid: vs({}, { gateways: ['shop/Bad_GW'] }), path: 'spec.gateways[0]', says: /"mesh" or <namespace>\/<gateway name>/ },
  { rule: 'VirtualService: TLS routes match sniHosts (schema)', valid: vs({}, { tls: [{ match: [{ sniHosts: ['api.example.com'] }], route: [{ destination: { host: 'api.example.com' } }] }] }), invalid: vs({}, { tls: [{ match: [{ port: 443 }], route: [{ destination: { host: 'api.example.com' } }] }] }), path: 'spec.tls[0].match[0].sniHosts', says: /required/ },
  { rule: 'VirtualService: TLS routes need a match', valid: vs({}, { tls: [{ match: [{ sniHosts: ['a.example.com'] }], route: [{ destination: { host: 'a.example.com' } }] }] }), invalid: vs({}, { tls: [{ route: [{ destination: { host: 'a.example.com' } }] }] }), path: 'spec.tls[0].match', says: /sniHosts/ },
  { rule: 'VirtualService: exportTo has no "~"', valid: vs({}, { exportTo: ['.'] }), invalid: vs({}, { exportTo: ['~'] }), path: 'spec.exportTo[0]', says: /not a namespace/ },
  { rule: 'DestinationRule: host is required (schema)', valid: dr(), invalid: dr({ host: undefined }), path: 'spec.host', says: /required/ },
  { rule: 'DestinationRule: subset names are DNS-1123 labels', valid: dr(), invalid: dr({ subsets: [{ name: 'Api.v1' }] }), path: 'spec.subsets[0].name', says: /DNS-1123 label/ },
  { rule: 'DestinationRule: subset names unique', valid: dr({ subsets: [{ name: 'a' }, { name: 'b' }] }), invalid: dr({ subsets: [{ name: 'a' }, { name: 'a' }] }), path: 'spec.subsets[1].name', says: /must be unique/ },
  { rule: 'Sidecar: egress hosts are namespace/dnsName', valid: sidecar(['./*', 'istio-system/*', 'istio-egress/api.example.com', '*/*.example.com', '~/*']), invalid: sidecar(['api.example.com']), path: 'spec.egress[0].hosts[0]', says: /namespace\/dnsName/ },
  { rule: 'Sidecar: the namespace part is a namespace', valid: sidecar(['shop/*']), invalid: sidecar(['Shop!/*']), path: 'spec.egress[0].hosts[0]', says: /not a namespace/ },
  { rule: 'Sidecar: the DNS part is a host name', valid: sidecar(['shop/a.example.com']), invalid: sidecar(['shop/<b>.example.com']), path: 'spec.egress[0].hosts[0]', says: /after the "\/"/ },
  { rule: 'Sidecar: short names only warn', valid: sidecar(['shop/reviews.shop.svc.cluster.local']), invalid: sidecar(['shop/reviews']), path: 'spec.egress[0].hosts[0]', says: /short name.*FQDN/, warning: true },
  { rule: 'Sidecar: egress needs hosts', valid: sidecar(['./*']), invalid: sidecar([]), path: 'spec.egress[0].hosts', says: /needs hosts/ },
  { rule: 'Sidecar: outboundTrafficPolicy.mode enum (schema)', valid: sidecar(['./*']), invalid: sidecar(['./*'], { outboundTrafficPolicy: { mode: 'DENY' } }), path: 'spec.outboundTrafficPolicy.mode', says: /REGISTRY_ONLY, ALLOW_ANY/ },
  { rule: 'any kind: unknown spec fields', valid: dr(), invalid: dr({ trafficPolicyy: {} }), path: 'spec.trafficPolicyy', says: /unknown field/ },
];

describe('validateObjects: Gateway, VirtualService, DestinationRule, Sidecar', () => {
  for (const r of RULES) {
    it(r.rule, () => {
      expectRule(r, { noWarnings: true });
    });
  }
});

describe('validateObjects: documents', () => {
  it('unknown kinds, missing kinds and non-objects are errors', () => {
    const r = validateObjects([obj('PeerAuthentication', {}), { apiVersion: 'v1' }, 'text', null]);
    expect(r.errors.map((e) => [e.doc, e.path])).toEqual([
      [0, 'kind'],
      [1, 'kind'],
      [2, ''],
      [3, ''],
    ]);
    expect(r.errors[0]?.message).toContain('use one of ServiceEntry, Gateway, DestinationRule, VirtualService, Sidecar');
  });

  it('apiVersion: v1 required; v1beta1 and v1alpha3 warn; others are errors', () => {
    expect(validateObjects([dr()])).toEqual({ errors: [], warnings: [] });
    const old = validateObjects([{ ...dr(), apiVersion: 'networking.istio.io/v1beta1' }]);
    expect(old.errors).toEqual([]);
    expect(at(old.warnings, 'apiVersion')[0]?.message).toContain('networking.istio.io/v1 is the current version');
    expect(at(validateObjects([{ ...dr(), apiVersion: 'apps/v1' }]).errors, 'apiVersion')[0]?.message).toContain('use networking.istio.io/v1');
  });

  it('unknown top-level fields and a missing metadata are errors', () => {
    const r = validateObjects([{ ...dr(), specs: {} }, { apiVersion: 'networking.istio.io/v1', kind: 'DestinationRule', spec: { host: 'a' } }]);
    expect(at(r.errors, 'specs')[0]?.doc).toBe(0);
    expect(at(r.errors, 'metadata')[0]?.doc).toBe(1);
  });

  it('two documents defining the same object are an error on the second', () => {
    const r = validateObjects([dr(), dr()]);
    expect(r.errors).toEqual([expect.objectContaining({ doc: 1, path: 'metadata.name', message: expect.stringContaining('document 0 already defines DestinationRule/shop/x') as unknown })]);
  });

  it('a ServiceEntry with resolution NONE routed through a gateway is an error (the gateway loops)', () => {
    const se = (resolution: string): Record<string, unknown> => ({
      ...obj('ServiceEntry', { hosts: ['api.example.com'], ports: [{ number: 80, name: 'http', protocol: 'HTTP' }], resolution }),
      metadata: { name: 'se', namespace: 'shop' },
    });
    const route = vs({ match: [{ gateways: ['shop/egress'], port: 80 }] }, { gateways: ['mesh', 'shop/egress'] });
    expect(validateObjects([se('DNS'), route]).errors).toEqual([]);
    const loop = validateObjects([se('NONE'), route]);
    expect(at(loop.errors, 'spec.resolution')[0]).toMatchObject({ doc: 0, kind: 'ServiceEntry', message: expect.stringContaining('use resolution DNS') as unknown });
  });
});

describe('durationMs', () => {
  it('reads Go durations', () => {
    expect(durationMs('1m30s')).toBe(90_000);
    expect(durationMs('250ms')).toBe(250);
    expect(durationMs('1.5h')).toBe(5_400_000);
    expect(durationMs('5')).toBeNull();
    expect(durationMs('-1s')).toBeNull();
  });
});
