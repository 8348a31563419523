import { describe, expect, it } from 'vitest';
import { generateBundle } from './generate';
import { at, callers, evidence, expectValidBundle, first, kindsOf, NOW, ofKind, QUERY } from '../../testing/serviceentry';

describe('generateBundle: one destination', () => {
  it('HTTP: port 80 named http, resolution DNS, MESH_EXTERNAL, in the only calling namespace with exportTo ["."]', () => {
    const b = generateBundle([evidence('httpbin.org')], {}, NOW);
    expectValidBundle(b);
    expect(kindsOf(b)).toEqual(['ServiceEntry']);
    const se = first(b, 'ServiceEntry');
    expect(se.apiVersion).toBe('networking.istio.io/v1');
    expect(se.metadata).toMatchObject({ name: 'httpbin-org', namespace: 'shop' });
    expect(se.spec).toStrictEqual({
      hosts: ['httpbin.org'],
      location: 'MESH_EXTERNAL',
      ports: [{ number: 80, name: 'http', protocol: 'HTTP' }],
      resolution: 'DNS',
      exportTo: ['.'],
    });
    expect(b.notes.join(' ')).toContain('the only namespace calling httpbin.org');
  });

  it('records the evidence in egress-lens.io annotations (strings only)', () => {
    const b = generateBundle([evidence('httpbin.org', { callers: callers('shop', 'data') })], { requestedBy: 'alice@example.com' }, NOW);
    expectValidBundle(b);
    const a = first(b, 'ServiceEntry').metadata.annotations;
    expect(a).toMatchObject({
      'egress-lens.io/callers': 'data/app, shop/app',
      'egress-lens.io/observed-rate': '1/s',
      'egress-lens.io/first-seen': '2026-11-21T09:02:00Z',
      'egress-lens.io/last-seen': '2026-11-21T09:58:00Z',
      'egress-lens.io/window': '1h',
      'egress-lens.io/window-end': '2026-11-21T10:00:00.000Z',
      'egress-lens.io/promql': QUERY,
      'egress-lens.io/generated-at': '2026-11-21T10:05:00.000Z',
      'egress-lens.io/requested-by': 'alice@example.com',
    });
    expect(Object.values(a).every((v) => typeof v === 'string')).toBe(true);
  });

  it('caps the callers annotation with "+N more" and clips long values', () => {
    const many = Array.from({ length: 30 }, (_, i) => ({ namespace: `ns${String(i).padStart(2, '0')}`, workload: 'w', ratePerSecond: 30 - i }));
    const b = generateBundle([evidence('httpbin.org', { callers: many, queries: ['x'.repeat(10_000)] })], {}, NOW);
    expectValidBundle(b);
    const a = first(b, 'ServiceEntry').metadata.annotations;
    expect(a['egress-lens.io/callers']).toMatch(/^ns00\/w, ns01\/w, .*ns19\/w, \+10 more$/);
    expect(a['egress-lens.io/promql']?.length).toBeLessThanOrEqual(4096);
    expect(a['egress-lens.io/promql']).toMatch(/truncated\)$/);
  });

  it('HTTP with explicit Host header ports: only those ports, http-<port>, and a note about port 80', () => {
    const b = generateBundle([evidence('api.example.com', { ports: [8080] })], {}, NOW);
    expectValidBundle(b);
    expect(first(b, 'ServiceEntry').spec.ports).toEqual([{ number: 8080, name: 'http-8080', protocol: 'HTTP' }]);
    expect(b.notes.join(' ')).toContain('port 80 is not registered');
    const both = generateBundle([evidence('api.example.com', { ports: [80, 8080] })], {}, NOW);
    expectValidBundle(both);
    expect(first(both, 'ServiceEntry').spec.ports?.map((p) => p.name)).toEqual(['http', 'http-8080']);
  });

  it('gRPC: protocol GRPC on its port; HTTP and gRPC together: HTTP2, each explained in a note', () => {
    const grpc = generateBundle([evidence('grpc.example.com', { protocols: ['grpc'], ports: [50051] })], {}, NOW);
    expectValidBundle(grpc);
    expect(first(grpc, 'ServiceEntry').spec.ports).toEqual([{ number: 50051, name: 'grpc-50051', protocol: 'GRPC' }]);
    expect(grpc.notes.join(' ')).toContain('protocol GRPC');
    const mixed = generateBundle([evidence('api.example.com', { protocols: ['grpc', 'http'] })], {}, NOW);
    expectValidBundle(mixed);
    expect(first(mixed, 'ServiceEntry').spec.ports).toEqual([{ number: 80, name: 'http2', protocol: 'HTTP2' }]);
    expect(mixed.notes.join(' ')).toContain('HTTP2');
  });

  it('TLS (a named host seen over TCP): port 443 named tls, protocol TLS, DNS, no VirtualService', () => {
    const b = generateBundle([evidence('api.stripe.com', { protocols: ['tcp'] })], {}, NOW);
    expectValidBundle(b);
    expect(kindsOf(b)).toEqual(['ServiceEntry']);
    expect(first(b, 'ServiceEntry').spec).toMatchObject({ ports: [{ number: 443, name: 'tls', protocol: 'TLS' }], resolution: 'DNS' });
    expect(b.notes.join(' ')).toContain('no VirtualService is needed');
  });

  it('a host with no traffic in the window is assumed HTTPS, with a note', () => {
    const b = generateBundle([evidence('quiet.example.com', { protocols: [] })], {}, NOW);
    expectValidBundle(b);
    expect(first(b, 'ServiceEntry').spec.ports).toEqual([{ number: 443, name: 'tls', protocol: 'TLS' }]);
    expect(b.notes.join(' ')).toContain('No traffic to quiet.example.com');
  });

  it('wildcard: resolution NONE by default, with the trade-off explained', () => {
    const b = generateBundle([evidence('*.googleapis.com', { protocols: ['tcp'] })], {}, NOW);
    expectValidBundle(b);
    const se = first(b, 'ServiceEntry');
    expect(se.metadata.name).toBe('wildcard-googleapis-com');
    expect(se.spec).toMatchObject({ hosts: ['*.googleapis.com'], resolution: 'NONE', ports: [{ number: 443, name: 'tls', protocol: 'TLS' }] });
    expect(b.notes.join(' ')).toMatch(/resolution NONE.*Host header or SNI alone decides.*DYNAMIC_DNS/);
  });

  it('wildcard with DYNAMIC_DNS when asked, explained (1.28+, HTTP/TLS/GRPC/HTTP2 only)', () => {
    const b = generateBundle([evidence('*.googleapis.com', { protocols: ['tcp'] })], { resolution: 'DYNAMIC_DNS' }, NOW);
    expectValidBundle(b);
    expect(first(b, 'ServiceEntry').spec.resolution).toBe('DYNAMIC_DNS');
    expect(b.notes.join(' ')).toContain('Istio 1.28+');
  });

  it('wildcard with DNS and no endpoints is an error naming spec.hosts[0]', () => {
    const b = generateBundle([evidence('*.googleapis.com', { protocols: ['tcp'] })], { resolution: 'DNS' }, NOW);
    expect(at(b.validation.errors, 'spec.hosts[0]')[0]?.message).toContain('cannot be a wildcard');
  });

  it('IP host: the TCP form with a synthetic host, addresses [ip/32], tcp-<port>, resolution NONE', () => {
    const b = generateBundle([evidence('203.0.113.10', { ip: true, ports: [8080] })], {}, NOW);
    expectValidBundle(b);
    const se = first(b, 'ServiceEntry');
    expect(se.metadata.name).toBe('ip-203-0-113-10-external');
    expect(se.spec).toStrictEqual({
      hosts: ['ip-203-0-113-10.external'],
      addresses: ['203.0.113.10/32'],
      location: 'MESH_EXTERNAL',
      ports: [{ number: 8080, name: 'tcp-8080', protocol: 'TCP' }],
      resolution: 'NONE',
      exportTo: ['.'],
    });
    expect(b.notes.join(' ')).toContain('istio/istio#13009');
  });

  it('IP host with STATIC: the IP as the endpoint; IPv6 gets /128', () => {
    const b = generateBundle([evidence('203.0.113.10', { ip: true, ports: [80] })], { resolution: 'STATIC' }, NOW);
    expectValidBundle(b);
    expect(first(b, 'ServiceEntry').spec).toMatchObject({ resolution: 'STATIC', endpoints: [{ address: '203.0.113.10' }], ports: [{ number: 80, name: 'tcp-80', protocol: 'TCP' }] });
    const v6 = generateBundle([evidence('2001:db8::1', { ip: true, ports: [443] })], {}, NOW);
    expectValidBundle(v6);
    expect(first(v6, 'ServiceEntry').spec).toMatchObject({ hosts: ['ip-2001-db8--1.external'], addresses: ['2001:db8::1/128'] });
  });

  it('IP host with no port seen or given: no objects, an error asking for the port (an IP is not a host)', () => {
    const b = generateBundle([evidence('10.0.0.1', { ip: true })], {}, NOW);
    expect(b.objects).toEqual([]);
    expect(b.validation.errors[0]?.message).toMatch(/Istio rejects IPs as ServiceEntry hosts.*give its port/);
    const withPort = generateBundle([evidence('10.0.0.1', { ip: true })], { ports: [{ number: 5432, protocol: 'TCP' }] }, NOW);
    expectValidBundle(withPort);
    expect(first(withPort, 'ServiceEntry').spec).toMatchObject({ addresses: ['10.0.0.1/32'], ports: [{ number: 5432, protocol: 'TCP' }] });
  });

  it('unattributed TLS/TCP without options.tcp: no objects, an error asking for address and port', () => {
    const b = generateBundle([evidence(null)], {}, NOW);
    expect(b.objects).toEqual([]);
    expect(b.yaml).toBe('');
    const [err] = at(b.validation.errors, 'options.tcp');
    expect(err?.doc).toBe(-1);
    expect(err?.message).toMatch(/metrics do not carry the destination.*address.*port/);
  });

  it('unattributed TLS/TCP with options.tcp: the TCP form, synthetic or given host', () => {
    const b = generateBundle([evidence(null, { status: 'blocked', callers: callers('data') })], { tcp: { address: '198.51.100.7', port: 5432 } }, NOW);
    expectValidBundle(b);
    expect(first(b, 'ServiceEntry').spec).toMatchObject({
      hosts: ['ip-198-51-100-7.external'],
      addresses: ['198.51.100.7/32'],
      ports: [{ number: 5432, name: 'tcp-5432', protocol: 'TCP' }],
      resolution: 'NONE',
    });
    expect(first(b, 'ServiceEntry').metadata.namespace).toBe('data');
    const named = generateBundle([evidence(null)], { tcp: { address: '198.51.100.7/32', port: 5432, host: 'db.partner.example' } }, NOW);
    expectValidBundle(named);
    expect(first(named, 'ServiceEntry').spec).toMatchObject({ hosts: ['db.partner.example'], addresses: ['198.51.100.7/32'] });
    expect(first(named, 'ServiceEntry').metadata.name).toBe('db-partner-example');
  });

  it('a hostile Host header is an invalid host error, never a broken name or object', () => {
    const b = generateBundle([evidence('<img src=x onerror=alert(1)>.evil.test')], {}, NOW);
    expect(b.objects).toEqual([]);
    const [err] = b.validation.errors;
    expect(err).toMatchObject({ doc: -1, kind: 'ServiceEntry', path: 'spec.hosts[0]' });
    expect(err?.name).toMatch(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/);
    expect(err?.message).toContain('not a valid host name');
    expect(err?.message).toContain("Host header");
  });

  it('registered hosts are skipped, saying which ServiceEntry namespace covers them', () => {
    const b = generateBundle([evidence('api.github.com', { status: 'registered', serviceEntryNamespace: 'ci' }), evidence('httpbin.org')], {}, NOW);
    expectValidBundle(b);
    expect(ofKind(b, 'ServiceEntry').map((s) => s.spec.hosts[0])).toEqual(['httpbin.org']);
    expect(b.skipped).toEqual([{ host: 'api.github.com', reason: expect.stringContaining('namespace ci') as unknown as string, serviceEntryNamespace: 'ci' }]);
  });
});

describe('generateBundle: placement', () => {
  it('several calling namespaces: istio-egress, exported to exactly those namespaces (sorted)', () => {
    const b = generateBundle([evidence('httpbin.org', { callers: callers('shop', 'data', 'shop') })], {}, NOW);
    expectValidBundle(b);
    const se = first(b, 'ServiceEntry');
    expect(se.metadata.namespace).toBe('istio-egress');
    expect(se.spec.exportTo).toEqual(['data', 'shop']);
    expect(b.notes.join(' ')).toContain('called from 2 namespaces (data, shop)');
  });

  it('egressConfigNamespace replaces istio-egress', () => {
    const b = generateBundle([evidence('httpbin.org', { callers: callers('a', 'b') })], { egressConfigNamespace: 'egress-config' }, NOW);
    expectValidBundle(b);
    expect(first(b, 'ServiceEntry').metadata.namespace).toBe('egress-config');
  });

  it('options.namespace and options.exportTo override the placement', () => {
    const b = generateBundle([evidence('httpbin.org', { callers: callers('a', 'b') })], { namespace: 'platform', exportTo: ['*'] }, NOW);
    expectValidBundle(b);
    expect(first(b, 'ServiceEntry').metadata.namespace).toBe('platform');
    expect(first(b, 'ServiceEntry').spec.exportTo).toEqual(['*']);
    const same = generateBundle([evidence('httpbin.org')], { namespace: 'shop' }, NOW);
    expect(first(same, 'ServiceEntry').spec.exportTo).toEqual(['.']);
    const other = generateBundle([evidence('httpbin.org')], { namespace: 'platform' }, NOW);
    expectValidBundle(other);
    expect(first(other, 'ServiceEntry').spec.exportTo).toEqual(['shop']);
  });

  it('no callers in the window: exported to its own namespace, with a warning to set exportTo', () => {
    const b = generateBundle([evidence('httpbin.org', { callers: [], protocols: [] })], {}, NOW);
    expectValidBundle(b);
    expect(first(b, 'ServiceEntry').metadata.namespace).toBe('istio-egress');
    expect(at(b.validation.warnings, 'spec.exportTo')[0]?.message).toContain('set exportTo');
  });

  it('port and resolution overrides', () => {
    const b = generateBundle([evidence('api.example.com')], { ports: [{ number: 8443, protocol: 'tls' }, { number: 9000, protocol: 'HTTP', name: 'web' }], resolution: 'DNS_ROUND_ROBIN' }, NOW);
    expectValidBundle(b);
    expect(first(b, 'ServiceEntry').spec).toMatchObject({
      ports: [{ number: 8443, name: 'tls-8443', protocol: 'TLS' }, { number: 9000, name: 'web', protocol: 'HTTP' }],
      resolution: 'DNS_ROUND_ROBIN',
    });
  });

  it('bad overrides are reported by validation, naming the field', () => {
    const b = generateBundle([evidence('api.example.com')], { ports: [{ number: 70000, protocol: 'FOO' }], exportTo: ['.', '.'], namespace: 'Bad_NS' }, NOW);
    const paths = b.validation.errors.map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['spec.ports[0].number', 'spec.ports[0].protocol', 'spec.exportTo[1]', 'metadata.namespace']));
  });
});

describe('generateBundle: host syntax decides', () => {
  it('a value flagged as an IP that is no IP is checked as a host name; a hostile options.tcp.host is an invalid host', () => {
    const flagged = generateBundle([evidence('db.example.com', { ip: true })], {}, NOW);
    expectValidBundle(flagged);
    expect(first(flagged, 'ServiceEntry').spec.hosts).toEqual(['db.example.com']);
    const hostile = generateBundle([evidence(null)], { tcp: { address: '198.51.100.7', port: 5432, host: '"><script>.x' } }, NOW);
    expect(at(hostile.validation.errors, 'spec.hosts[0]')[0]?.message).toContain('not a valid host name');
    expect(first(hostile, 'ServiceEntry').metadata.name).toMatch(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/);
  });
});
