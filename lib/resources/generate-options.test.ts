import { describe, expect, it } from 'vitest';
import { generateBundle } from './generate';
import { sidecarAdmits } from './sidecar-hosts';
import { at, callers, evidence, expectValidBundle, first, kindsOf, NOW, ofKind } from '../../testing/serviceentry';
import { validateObjects } from './validate';

const GATEWAY_SERVICE = 'istio-egressgateway.istio-system.svc.cluster.local';

describe('generateBundle: egress gateway', () => {
  it('HTTP: ServiceEntry (DNS) + Gateway port 80 + DestinationRule subset + VirtualService mesh -> gateway -> host', () => {
    const b = generateBundle([evidence('httpbin.org')], { egressGateway: true }, NOW);
    expectValidBundle(b);
    expect(kindsOf(b)).toEqual(['ServiceEntry', 'Gateway', 'DestinationRule', 'VirtualService']);
    const se = first(b, 'ServiceEntry');
    expect(se.spec.resolution).toBe('DNS');
    expect(se.spec.exportTo).toEqual(['.', 'istio-system']);
    expect(first(b, 'Gateway').spec).toStrictEqual({
      selector: { istio: 'egressgateway' },
      servers: [{ port: { number: 80, name: 'http', protocol: 'HTTP' }, hosts: ['httpbin.org'] }],
    });
    expect(first(b, 'DestinationRule').spec).toMatchObject({ host: GATEWAY_SERVICE, subsets: [{ name: 'httpbin-org' }] });
    const vs = first(b, 'VirtualService');
    expect(vs.spec?.hosts).toEqual(['httpbin.org']);
    expect(vs.spec?.gateways).toEqual(['mesh', 'shop/httpbin-org-egress']);
    expect(vs.spec?.http).toEqual([
      { match: [{ gateways: ['mesh'], port: 80 }], route: [{ destination: { host: GATEWAY_SERVICE, subset: 'httpbin-org', port: { number: 80 } } }] },
      { match: [{ gateways: ['shop/httpbin-org-egress'], port: 80 }], route: [{ destination: { host: 'httpbin.org', port: { number: 80 } } }] },
    ]);
    expect(b.notes.join(' ')).toContain('Istio cannot force traffic through it');
    expect(b.notes.join(' ')).toContain('NetworkPolicy');
  });

  it('TLS: Gateway 443 PASSTHROUGH and tls routes on sniHosts + port', () => {
    const b = generateBundle([evidence('api.stripe.com', { protocols: ['tcp'], callers: callers('a', 'b') })], { egressGateway: true }, NOW);
    expectValidBundle(b);
    expect(first(b, 'Gateway').spec?.servers).toEqual([{ port: { number: 443, name: 'tls', protocol: 'TLS' }, hosts: ['api.stripe.com'], tls: { mode: 'PASSTHROUGH' } }]);
    const vs = first(b, 'VirtualService');
    expect(vs.spec?.http).toBeUndefined();
    expect(vs.spec?.tls).toEqual([
      { match: [{ gateways: ['mesh'], port: 443, sniHosts: ['api.stripe.com'] }], route: [{ destination: { host: GATEWAY_SERVICE, subset: 'api-stripe-com', port: { number: 443 } } }] },
      { match: [{ gateways: ['istio-egress/api-stripe-com-egress'], port: 443, sniHosts: ['api.stripe.com'] }], route: [{ destination: { host: 'api.stripe.com', port: { number: 443 } } }] },
    ]);
    expect(first(b, 'ServiceEntry').spec.exportTo).toEqual(['a', 'b', 'istio-system']);
  });

  it('a custom gateway: its selector, service and namespace', () => {
    const gateway = { namespace: 'egress', selector: { app: 'egw' }, service: 'egw.egress.svc.cluster.local' };
    const b = generateBundle([evidence('httpbin.org')], { egressGateway: true, gateway, sidecar: true }, NOW);
    expectValidBundle(b);
    expect(first(b, 'Gateway').spec?.selector).toEqual({ app: 'egw' });
    expect(first(b, 'DestinationRule').spec?.host).toBe('egw.egress.svc.cluster.local');
    expect(first(b, 'ServiceEntry').spec.exportTo).toEqual(['.', 'egress']);
    // The callers' Sidecar must still let them reach the gateway's service.
    expect(sidecarAdmits(first(b, 'Sidecar').spec?.egress?.[0]?.hosts ?? [], 'shop', { namespace: 'egress', host: 'egw.egress.svc.cluster.local' })).toBe(true);
  });

  it('resolution NONE through a gateway is an error: the gateway would loop to itself', () => {
    const b = generateBundle([evidence('httpbin.org')], { egressGateway: true, resolution: 'NONE' }, NOW);
    expect(at(b.validation.errors, 'spec.resolution')[0]?.message).toContain('loop');
  });

  it('an explicit exportTo hiding the entry from the gateway is kept, with a warning', () => {
    const b = generateBundle([evidence('httpbin.org')], { egressGateway: true, exportTo: ['.'] }, NOW);
    expect(first(b, 'ServiceEntry').spec.exportTo).toEqual(['.']);
    expect(at(b.validation.warnings, 'spec.exportTo')[0]?.message).toContain('add istio-system to exportTo');
  });

  it('wildcard and TCP destinations get no gateway routing, with a warning', () => {
    const b = generateBundle([evidence('*.example.com'), evidence('203.0.113.9', { ip: true, ports: [8080] })], { egressGateway: true }, NOW);
    expectValidBundle(b);
    expect(kindsOf(b)).toEqual(['ServiceEntry', 'ServiceEntry']);
    expect(b.validation.warnings.map((w) => w.message).join(' ')).toMatch(/wildcard.*TCP destination/);
  });

  it('route rules apply on the gateway route to the host', () => {
    const b = generateBundle([evidence('httpbin.org')], { egressGateway: true, routeRules: { timeout: '5s' } }, NOW);
    expectValidBundle(b);
    expect(first(b, 'VirtualService').spec?.http?.[1]).toMatchObject({ timeout: '5s' });
  });
});

describe('generateBundle: Sidecar and route rules', () => {
  it('a REGISTRY_ONLY Sidecar per calling namespace that keeps every service visible (*/*), so in-mesh calls are not cut', () => {
    const b = generateBundle([evidence('httpbin.org', { callers: callers('shop', 'data') }), evidence('api.stripe.com', { protocols: ['tcp'] })], { sidecar: true }, NOW);
    expectValidBundle(b);
    const sidecars = ofKind(b, 'Sidecar');
    expect(sidecars.map((s) => s.metadata.namespace)).toEqual(['data', 'shop']);
    expect(sidecars.map((s) => s.metadata.name)).toEqual(['default', 'default']);
    for (const s of sidecars) {
      // Listing only ./*, istio-system/* and the bundle's hosts would drop calls to services in other namespaces (BlackHoleCluster).
      expect(s.spec).toStrictEqual({ outboundTrafficPolicy: { mode: 'REGISTRY_ONLY' }, egress: [{ hosts: ['*/*'] }] });
    }
    expect(sidecars[0]?.metadata.annotations['egress-lens.io/callers']).toBe('data/app');
    expect(b.notes.join(' ')).toContain('REGISTRY_ONLY in data, shop');
    expect(b.notes.join(' ')).toContain('services in other namespaces and every exported ServiceEntry stay reachable');
  });

  it('never offers a Sidecar in the root namespace (a mesh-wide switch) or for a namespace label that is not a name', () => {
    const b = generateBundle([evidence('httpbin.org', { callers: [...callers('istio-system', 'shop'), ...callers('Team_A', '__proto__')] })], { sidecar: true }, NOW);
    expect(ofKind(b, 'Sidecar').map((s) => s.metadata.namespace)).toEqual(['shop']);
    const notes = b.notes.join(' ');
    expect(notes).toContain('istio-system is the root namespace');
    expect(notes).toContain('"Team_A" is not a namespace name');
    expect(notes).toContain('"__proto__" is not a namespace name');
    const configured = generateBundle([evidence('httpbin.org', { callers: callers('mesh-root', 'istio-system') })], { sidecar: true, rootNamespace: 'mesh-root' }, NOW);
    expect(ofKind(configured, 'Sidecar').map((s) => s.metadata.namespace)).toEqual(['istio-system']);
  });

  it('warns when a calling namespace cannot see the entry its Sidecar relies on', () => {
    const b = generateBundle([evidence('httpbin.org', { callers: callers('shop', 'data') })], { sidecar: true, exportTo: ['shop'] }, NOW);
    expect(at(b.validation.warnings, 'spec.exportTo')[0]?.message).toContain('namespace data calls httpbin.org');
  });

  it('route rules: a VirtualService on the external host with timeout and retries', () => {
    const b = generateBundle([evidence('httpbin.org')], { routeRules: { timeout: '10s', retries: { attempts: 3, perTryTimeout: '2s' } } }, NOW);
    expectValidBundle(b);
    expect(kindsOf(b)).toEqual(['ServiceEntry', 'VirtualService']);
    const vs = first(b, 'VirtualService');
    expect(vs.metadata.name).toBe('httpbin-org-routes');
    expect(vs.spec).toStrictEqual({
      hosts: ['httpbin.org'],
      exportTo: ['.'],
      http: [{ route: [{ destination: { host: 'httpbin.org', port: { number: 80 } } }], timeout: '10s', retries: { attempts: 3, perTryTimeout: '2s' } }],
    });
  });

  it('route rules with several HTTP ports match each port; TLS-only hosts get none, with a note', () => {
    const b = generateBundle([evidence('api.example.com', { ports: [8080, 9090] }), evidence('api.stripe.com', { protocols: ['tcp'] })], { routeRules: { timeout: '1s' } }, NOW);
    expectValidBundle(b);
    expect(first(b, 'VirtualService').spec?.http?.map((h) => h.match)).toEqual([[{ port: 8080 }], [{ port: 9090 }]]);
    expect(ofKind(b, 'VirtualService')).toHaveLength(1);
    expect(b.notes.join(' ')).toContain('Route rules are not generated for api.stripe.com');
  });

  it('invalid durations are reported on the VirtualService', () => {
    const b = generateBundle([evidence('httpbin.org')], { routeRules: { timeout: 'soon', retries: { attempts: -1 } } }, NOW);
    expect(b.validation.errors.map((e) => e.path)).toEqual(['spec.http[0].timeout', 'spec.http[0].retries.attempts']);
  });
});

describe('generateBundle: several hosts', () => {
  it('one multi-document bundle, one ServiceEntry per host, documents in order', () => {
    const b = generateBundle([evidence('httpbin.org'), evidence('api.stripe.com', { protocols: ['tcp'] }), evidence('203.0.113.10', { ip: true, ports: [8080] })], { requestedBy: 'bob' }, NOW);
    expectValidBundle(b);
    expect(ofKind(b, 'ServiceEntry').map((s) => s.spec.hosts[0])).toEqual(['httpbin.org', 'api.stripe.com', 'ip-203-0-113-10.external']);
    expect(b.yaml.match(/^---$/gm)).toHaveLength(2);
  });

  it('the same host twice is merged into one entry', () => {
    const b = generateBundle([evidence('HTTPBIN.org', { callers: callers('a') }), evidence('httpbin.org', { status: 'blocked', callers: callers('b') })], {}, NOW);
    expectValidBundle(b);
    expect(ofKind(b, 'ServiceEntry')).toHaveLength(1);
    expect(first(b, 'ServiceEntry').metadata.annotations['egress-lens.io/observed-status']).toBe('blocked, passthrough');
  });

  it('companions: the known sets the hosts belong to, with the missing hosts', () => {
    const b = generateBundle([evidence('pypi.org', { protocols: ['tcp'] }), evidence('deb.debian.org', { protocols: ['tcp'] }), evidence('security.debian.org', { protocols: ['tcp'] })], {}, NOW);
    expectValidBundle(b);
    expect(b.companions).toEqual([{ set: 'PyPI', reason: expect.stringContaining('files.pythonhosted.org') as unknown as string, hosts: ['pypi.org'], missing: ['files.pythonhosted.org'] }]);
  });

  it('wildcard offers: ≥ 2 hosts under one registrable domain, explaining what *.domain opens', () => {
    const b = generateBundle([evidence('api.github.com'), evidence('uploads.github.com'), evidence('github.com'), evidence('a.github.io'), evidence('b.github.io')], {}, NOW);
    expectValidBundle(b);
    expect(b.wildcardOffers).toHaveLength(1);
    expect(b.wildcardOffers[0]).toMatchObject({ domain: 'github.com', hosts: ['api.github.com', 'uploads.github.com'] });
    expect(b.wildcardOffers[0]?.explanation).toContain('including ones never observed');
  });

  it('wildcard: collapses hosts sharing a registrable domain into *.domain (NONE), keeping the apex and other hosts', () => {
    const b = generateBundle([evidence('api.github.com', { callers: callers('a') }), evidence('uploads.github.com', { callers: callers('b'), protocols: ['tcp'] }), evidence('github.com'), evidence('httpbin.org')], { wildcard: true }, NOW);
    expectValidBundle(b);
    expect(b.wildcardOffers).toEqual([]);
    const entries = ofKind(b, 'ServiceEntry');
    expect(entries.map((s) => s.spec.hosts[0])).toEqual(['*.github.com', 'github.com', 'httpbin.org']);
    expect(entries[0]?.spec).toMatchObject({ resolution: 'NONE', exportTo: ['a', 'b'], ports: [{ number: 80, protocol: 'HTTP' }, { number: 443, protocol: 'TLS' }] });
    expect(entries[0]?.metadata.annotations['egress-lens.io/observed-hosts']).toBe('api.github.com, uploads.github.com');
    expect(b.notes.join(' ')).toContain('opens every other subdomain of github.com');
  });

  it('every object of a full bundle validates on its own again', () => {
    const b = generateBundle([evidence('httpbin.org', { callers: callers('a', 'b') }), evidence('api.stripe.com', { protocols: ['tcp'] })], { egressGateway: true, sidecar: true, routeRules: { timeout: '3s' }, requestedBy: 'yes' }, NOW);
    expectValidBundle(b);
    for (const o of b.objects) expect(validateObjects([o]).errors).toEqual([]);
    expect(b.yaml).toContain('egress-lens.io/requested-by: "yes"');
  });
});
