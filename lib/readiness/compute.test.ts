import { describe, expect, it } from 'vitest';
import type { EgressFlow, EgressStatus } from '../egress/types';
import { computeReadiness } from './compute';
import type { InMeshCall } from './in-mesh';

const GW = { namespace: 'istio-system', workload: 'istio-egressgateway' };

function http(ns: string, workload: string, host: string | null, status: EgressStatus, rps: number, extra: Partial<EgressFlow> = {}): EgressFlow {
  return { source: { namespace: ns, workload }, destination: { host, status }, protocol: 'http', dataPlane: 'sidecar', requestsPerSecond: rps, responses: { '200': rps }, ...extra };
}

function tcp(ns: string, workload: string, host: string | null, status: EgressStatus, cps: number): EgressFlow {
  return { source: { namespace: ns, workload }, destination: { host, status }, protocol: 'tcp', dataPlane: 'sidecar', connectionsPerSecond: cps };
}

const report = (flows: EgressFlow[], warnings: string[] = []) => ({ end: '2026-01-01T01:00:00.000Z', window: '1h', flows, warnings });

describe('computeReadiness', () => {
  it('splits rates per source namespace and status, requests apart from connections', () => {
    const r = computeReadiness(
      report([
        http('shop', 'web', 'api.stripe.com', 'registered', 3),
        http('shop', 'web', 'httpbin.org', 'passthrough', 1),
        tcp('shop', 'cart', null, 'passthrough', 2),
        tcp('data', 'etl', 'db.example.com', 'registered', 4),
      ]),
    );
    expect(r.namespaces.map((n) => n.namespace)).toEqual(['data', 'shop']);
    const shop = r.namespaces[1];
    expect(shop?.requests).toEqual({ registered: 3, passthrough: 1, blocked: 0 });
    expect(shop?.connections).toEqual({ registered: 0, passthrough: 2, blocked: 0 });
    expect(shop?.readiness).toBeCloseTo(3 / 6, 12);
    expect(r.namespaces[0]?.readiness).toBe(1);
    expect(r.mesh.readiness).toBeCloseTo(7 / 10, 12);
    expect(r.end).toBe('2026-01-01T01:00:00.000Z');
    expect(r.window).toBe('1h');
  });

  it('lists named passthrough hosts with their callers and protocols, busiest first, per namespace and merged for the mesh', () => {
    const r = computeReadiness(
      report([
        http('shop', 'web', 'httpbin.org', 'passthrough', 1),
        http('shop', 'api', 'httpbin.org', 'passthrough', 0.5, { protocol: 'grpc', dataPlane: 'sidecar' }),
        http('shop', 'web', 'api.ipify.org', 'passthrough', 2),
        http('ml', 'trainer', 'httpbin.org', 'passthrough', 0.25),
        http('ml', 'trainer', 'pastebin.com', 'blocked', 9),
      ]),
    );
    expect(r.namespaces.find((n) => n.namespace === 'shop')?.toRegister).toEqual([
      { host: 'api.ipify.org', callers: ['shop/web'], ratePerSecond: 2, protocols: ['http'] },
      { host: 'httpbin.org', callers: ['shop/api', 'shop/web'], ratePerSecond: 1.5, protocols: ['grpc', 'http'] },
    ]);
    expect(r.mesh.toRegister).toEqual([
      { host: 'api.ipify.org', callers: ['shop/web'], ratePerSecond: 2, protocols: ['http'] },
      { host: 'httpbin.org', callers: ['ml/trainer', 'shop/api', 'shop/web'], ratePerSecond: 1.75, protocols: ['grpc', 'http'] },
    ]);
  });

  it('does not count blocked traffic as ready, nor list it to register', () => {
    const r = computeReadiness(report([http('data', 'etl', 'db.example.com', 'registered', 1), http('data', 'etl', 'pastebin.com', 'blocked', 1), tcp('data', 'cdc', null, 'blocked', 1), http('data', 'etl', 'x.io', 'passthrough', 1)]));
    const data = r.namespaces[0];
    expect(data?.readiness).toBe(0.5);
    expect(data?.requests.blocked).toBe(1);
    expect(data?.connections.blocked).toBe(1);
    expect(data?.toRegister.map((h) => h.host)).toEqual(['x.io']);
    expect(data?.unattributed).toBeNull();
  });

  it('answers null readiness when a namespace has no registered or passthrough egress', () => {
    const r = computeReadiness(report([http('legacy', 'cms', 'pastebin.com', 'blocked', 1)]));
    expect(r.namespaces[0]).toMatchObject({ namespace: 'legacy', readiness: null, toRegister: [], unattributed: null, viaGateway: 0 });
    const empty = computeReadiness(report([]));
    expect(empty.namespaces).toEqual([]);
    expect(empty.mesh).toEqual({
      requests: { registered: 0, passthrough: 0, blocked: 0 },
      connections: { registered: 0, passthrough: 0, blocked: 0 },
      readiness: null,
      toRegister: [],
      registeredHosts: [],
      unattributed: null,
      viaGateway: 0,
      stillBlocked: { ratePerSecond: 0, hosts: [], unnamedPerSecond: 0, hostsNotListed: 0 },
      inMesh: { destinations: [], podIp: null },
      dataPlanes: [],
      ambient: null,
    });
  });

  it('names what is blocked today: hosts with callers busiest first, host-less TCP, and folded hosts, in the blocked rate', () => {
    const other: EgressFlow = { source: { namespace: 'data', workload: 'etl' }, destination: { host: null, status: 'blocked', otherHosts: 4 }, protocol: 'http', dataPlane: 'sidecar', requestsPerSecond: 0.1 };
    const r = computeReadiness(
      report([
        http('data', 'etl', 'pastebin.com', 'blocked', 0.2),
        http('data', 'report', 'pastebin.com', 'blocked', 0.1),
        http('data', 'etl', 'evil.test', 'blocked', 0.5),
        tcp('data', 'cdc', null, 'blocked', 0.25),
        other,
        http('data', 'etl', 'warehouse.example.com', 'registered', 1),
      ]),
    );
    expect(r.namespaces[0]?.stillBlocked).toEqual({
      ratePerSecond: 1.15,
      hosts: [
        { host: 'evil.test', callers: ['data/etl'], ratePerSecond: 0.5 },
        { host: 'pastebin.com', callers: ['data/etl', 'data/report'], ratePerSecond: expect.closeTo(0.3, 12) as number },
      ],
      unnamedPerSecond: 0.25,
      hostsNotListed: 4,
    });
    expect(r.namespaces[0]?.readiness).toBe(1);
    expect(r.mesh.stillBlocked.ratePerSecond).toBeCloseTo(1.15, 12);
  });

  it('adds in-mesh calls per source namespace (destinations busiest first; pod-IP calls apart), also for namespaces without egress', () => {
    const call = (from: string, kind: 'service' | 'pod-ip', to: string, service: string, rate: number, workload = 'w'): InMeshCall => ({
      source: { namespace: from, workload },
      kind,
      namespace: to,
      service,
      workload: 'dest',
      ratePerSecond: rate,
    });
    const r = computeReadiness(report([http('shop', 'web', 'httpbin.org', 'passthrough', 1)]), [
      call('shop', 'service', 'shop', 'catalog.shop.svc.cluster.local', 20),
      call('shop', 'service', 'payments', 'payment-gateway.payments.svc.cluster.local', 2),
      call('shop', 'service', 'payments', 'ledger.payments.svc.cluster.local', 1),
      call('legacy', 'pod-ip', 'payments', '10.244.1.7:8080', 0.5, 'billing'),
    ]);
    expect(r.namespaces.map((n) => n.namespace)).toEqual(['legacy', 'shop']);
    expect(r.namespaces[1]?.inMesh).toEqual({
      destinations: [
        { namespace: 'shop', services: ['catalog.shop.svc.cluster.local'], ratePerSecond: 20 },
        { namespace: 'payments', services: ['ledger.payments.svc.cluster.local', 'payment-gateway.payments.svc.cluster.local'], ratePerSecond: 3 },
      ],
      podIp: null,
    });
    expect(r.namespaces[0]).toMatchObject({ readiness: null, inMesh: { destinations: [], podIp: { ratePerSecond: 0.5, callers: ['legacy/billing'], destinations: ['payments/dest'] } } });
    expect(r.mesh.inMesh.podIp?.callers).toEqual(['legacy/billing']);
    expect(r.mesh.inMesh.destinations.map((d) => d.namespace)).toEqual(['shop', 'payments']);
  });

  it('keys namespaces by value, never by object property: __proto__, constructor and Team_A are namespaces like any other', () => {
    const names = ['__proto__', 'constructor', 'Team_A', 'toString', ''];
    const r = computeReadiness(report(names.map((ns) => http(ns, 'w', 'httpbin.org', 'passthrough', 1))));
    expect(r.namespaces.map((n) => n.namespace)).toEqual([...names].sort());
    for (const n of r.namespaces) expect(n.toRegister).toEqual([{ host: 'httpbin.org', callers: [`${n.namespace}/w`], ratePerSecond: 1, protocols: ['http'] }]);
    expect(r.mesh.requests.passthrough).toBe(names.length);
  });

  it('reports unattributed TLS/TCP passthrough with its share of the egress and its callers', () => {
    const r = computeReadiness(report([tcp('ml', 'server', null, 'passthrough', 1), tcp('ml', 'loader', null, 'passthrough', 0.5), tcp('ml', 'loader', 'storage.googleapis.com', 'registered', 2.5), http('shop', 'web', 'httpbin.org', 'passthrough', 4)]));
    const ml = r.namespaces.find((n) => n.namespace === 'ml');
    expect(ml?.unattributed).toEqual({ connectionsPerSecond: 1.5, share: 1.5 / 4, callers: ['ml/loader', 'ml/server'] });
    expect(ml?.toRegister).toEqual([]);
    expect(ml?.readiness).toBeCloseTo(2.5 / 4, 12);
    expect(r.namespaces.find((n) => n.namespace === 'shop')?.unattributed).toBeNull();
    expect(r.mesh.unattributed).toEqual({ connectionsPerSecond: 1.5, share: 1.5 / 8, callers: ['ml/loader', 'ml/server'] });
  });

  it('counts a gateway first hop for the caller (registered, viaGateway) and its second hop for the gateway namespace, once in the mesh', () => {
    const r = computeReadiness(
      report([
        http('shop', 'checkout', null, 'registered', 2, { via: GW }),
        http('shop', 'checkout', '203.0.113.10', 'passthrough', 2),
        tcp('ml', 'trainer', '*.googleapis.com', 'registered', 1),
        { ...tcp('ml', 'trainer', null, 'registered', 1), via: GW },
        http('istio-system', 'istio-egressgateway', 'api.shipengine.com', 'registered', 2),
        tcp('istio-system', 'istio-egressgateway', 'huggingface.co', 'registered', 1),
      ]),
    );
    const shop = r.namespaces.find((n) => n.namespace === 'shop');
    expect(shop).toMatchObject({ readiness: 0.5, viaGateway: 2, requests: { registered: 2, passthrough: 2, blocked: 0 } });
    const gw = r.namespaces.find((n) => n.namespace === 'istio-system');
    expect(gw).toMatchObject({ readiness: 1, viaGateway: 0, requests: { registered: 2 }, connections: { registered: 1 } });
    expect(r.namespaces.find((n) => n.namespace === 'ml')?.viaGateway).toBe(1);
    // Mesh: the gateway's registered second hops repeat the first hops and are not counted again.
    expect(r.mesh.requests).toEqual({ registered: 2, passthrough: 2, blocked: 0 });
    expect(r.mesh.connections).toEqual({ registered: 2, passthrough: 0, blocked: 0 });
    expect(r.mesh.viaGateway).toBe(3);
    expect(r.mesh.readiness).toBeCloseTo(4 / 6, 12);
  });

  it('counts the "other hosts" bucket in the totals and reports it in the warnings, after the report warnings', () => {
    const other = (ns: string, wl: string, n: number, rps: number): EgressFlow => ({
      source: { namespace: ns, workload: wl },
      destination: { host: null, status: 'passthrough', otherHosts: n },
      protocol: 'http', dataPlane: 'sidecar',
      requestsPerSecond: rps,
    });
    const r = computeReadiness(
      report(
        [http('shop', 'web', 'httpbin.org', 'passthrough', 1), other('shop', 'web', 12, 3), http('ml', 'a', 'x.io', 'registered', 1), other('ml', 'a', 3, 1), other('ml', 'b', 4, 1)],
        ['Prometheus: partial response'],
      ),
    );
    const shop = r.namespaces.find((n) => n.namespace === 'shop');
    expect(shop?.requests.passthrough).toBe(4);
    expect(shop?.readiness).toBe(0);
    expect(shop?.toRegister.map((h) => h.host)).toEqual(['httpbin.org']);
    expect(shop?.unattributed).toBeNull();
    expect(r.mesh.requests.passthrough).toBe(6);
    expect(r.warnings[0]).toBe('Prometheus: partial response');
    expect(r.warnings[1]).toMatch(/^ml: up to 7 hosts not listed/);
    expect(r.warnings[2]).toMatch(/^shop: 12 hosts not listed/);
    expect(r.warnings).toHaveLength(3);
  });

  it('does not mutate its input', () => {
    const flows = [http('shop', 'web', 'httpbin.org', 'passthrough', 1)];
    const input = report(flows, ['w']);
    const copy = structuredClone(input);
    computeReadiness(input).warnings.push('x');
    expect(input).toEqual(copy);
  });
});
