import { describe, expect, it } from 'vitest';
import { createDemoMesh, demoSeries } from './mesh';
import { METRIC } from './labels';
import { expectedFlows } from './oracle';
import { scaleHost, scaleNamespaceCount, scaleNamespaces, scalePairCount, scaleTcpCount, scaleTraffic } from './scale-mesh';

const ORIGIN = 1_700_000_100;

function count<T>(items: Iterable<T>): number {
  let n = 0;
  for (const _ of items) n++;
  return n;
}

const BASE_SERIES = count(demoSeries(createDemoMesh({ origin: ORIGIN })));

describe('scale mode', () => {
  it('adds one istio_requests_total series per (workload, host) pair to the small mesh', () => {
    for (const scale of [
      { workloads: 50, hosts: 10 },
      { workloads: 10, hosts: 1000 },
      { workloads: 1, hosts: 1 },
    ]) {
      const mesh = createDemoMesh({ origin: ORIGIN, scale });
      expect(count(demoSeries(mesh))).toBe(BASE_SERIES + Math.max(scale.workloads, scale.hosts));
    }
    // About 200 counters plus one istio_build gauge per proxy pod.
    expect(BASE_SERIES).toBeLessThan(250);
  });

  it('calls every host from at least one workload and gives every workload a host, without repeating a pair', () => {
    const scale = { workloads: 30, hosts: 75 };
    const pairs = new Set<string>();
    const hosts = new Set<string>();
    const workloads = new Set<string>();
    for (const t of scaleTraffic(scale)) {
      const host = t.expect?.host ?? '';
      pairs.add(`${t.source.namespace}/${t.source.name} ${host}`);
      hosts.add(host);
      workloads.add(`${t.source.namespace}/${t.source.name}`);
      expect(t.rate.perSecond).toBeGreaterThanOrEqual(0.05);
      expect(t.rate.perSecond).toBeLessThanOrEqual(50);
    }
    expect(pairs.size).toBe(75);
    expect(hosts.size).toBe(75);
    expect(workloads.size).toBe(30);
    expect(hosts).toContain(scaleHost(74));
    expect(new Set([...workloads].map((w) => w.split('/')[0])).size).toBe(scaleNamespaceCount(scale));
    expect(scaleNamespaceCount(scale)).toBe(3);
    expect(scaleNamespaceCount({ workloads: 4, hosts: 1 })).toBe(1);
  });

  it('is deterministic', () => {
    const a = [...scaleTraffic({ workloads: 20, hosts: 20 })].map((t) => JSON.stringify(t));
    const b = [...scaleTraffic({ workloads: 20, hosts: 20 })].map((t) => JSON.stringify(t));
    expect(a).toEqual(b);
  });

  it('reaches 10^5 series and 5x10^4 hosts lazily', () => {
    const scale = { workloads: 100_000, hosts: 50_000 };
    expect(scalePairCount(scale)).toBe(100_000);
    expect(count(scaleTraffic(scale))).toBe(100_000);
    const mesh = createDemoMesh({ origin: ORIGIN, scale: { workloads: 10_000, hosts: 10 } });
    let requests = 0;
    for (const s of demoSeries(mesh)) if (s.name === 'istio_requests_total' && s.labels.destination_service?.endsWith('.scale.test')) requests++;
    expect(requests).toBe(10_000);
  });

  it('has one oracle flow per pair, besides the small mesh flows', () => {
    const q = { end: ORIGIN + 3600, window: 300 };
    const base = expectedFlows(createDemoMesh({ origin: ORIGIN }), q).length;
    const flows = expectedFlows(createDemoMesh({ origin: ORIGIN, scale: { workloads: 200, hosts: 1000 } }), q);
    expect(flows).toHaveLength(base + 1000);
    const scaled = flows.filter((f) => f.destination.host?.endsWith('.scale.test'));
    for (const f of scaled) expect(f).toMatchObject({ protocol: 'http', destination: { status: 'passthrough' } });
    expect(new Set(scaled.map((f) => f.destination.host)).size).toBe(1000);
  });
  it('spreads the workloads over an explicit number of namespaces, each holding at least one', () => {
    const scale = { workloads: 400, hosts: 1000, namespaces: 200 };
    expect(scaleNamespaceCount(scale)).toBe(200);
    const names = scaleNamespaces(scale);
    expect(names).toHaveLength(200);
    expect(names[0]).toBe('scale-0');
    expect(names[199]).toBe('scale-199');
    const seen = new Set<string>();
    for (const t of scaleTraffic(scale)) seen.add(t.source.namespace);
    expect([...seen].sort()).toEqual([...names].sort());
    // The default stays ~workloads/10.
    expect(scaleNamespaceCount({ workloads: 400, hosts: 1 })).toBe(40);
    expect(scaleNamespaces({ workloads: 1, hosts: 1 })).toEqual(['scale-0']);
  });

  it('adds TLS/TCP passthrough from the first tcpWorkloads workloads: four TCP series each, no host', () => {
    const scale = { workloads: 50, hosts: 100, tcpWorkloads: 20 };
    expect(scaleTcpCount(scale)).toBe(20);
    expect(scaleTcpCount({ workloads: 50, hosts: 100 })).toBe(0);
    const tcp = [...scaleTraffic(scale)].filter((t) => t.protocol === 'tcp');
    expect(tcp).toHaveLength(20);
    expect(new Set(tcp.map((t) => t.source.name)).size).toBe(20);
    for (const t of tcp) expect(t).toMatchObject({ destination: { kind: 'passthrough' }, expect: { status: 'passthrough', host: null } });

    const mesh = createDemoMesh({ origin: ORIGIN, scale });
    const perMetric = new Map<string, number>();
    for (const s of demoSeries(mesh)) {
      if (!s.labels.source_workload_namespace?.startsWith('scale-')) continue;
      perMetric.set(s.name, (perMetric.get(s.name) ?? 0) + 1);
    }
    expect(Object.fromEntries(perMetric)).toEqual({
      [METRIC.requests]: 100,
      [METRIC.tcpSent]: 20,
      [METRIC.tcpReceived]: 20,
      [METRIC.tcpOpened]: 20,
      [METRIC.tcpClosed]: 20,
    });
    expect(count(demoSeries(mesh))).toBe(BASE_SERIES + 100 + 4 * 20);

    const q = { end: ORIGIN + 3600, window: 300 };
    const base = expectedFlows(createDemoMesh({ origin: ORIGIN }), q).length;
    const flows = expectedFlows(mesh, q);
    expect(flows).toHaveLength(base + 100 + 20);
    const tcpFlows = flows.filter((f) => f.protocol === 'tcp' && f.source.namespace.startsWith('scale-'));
    expect(tcpFlows).toHaveLength(20);
    for (const f of tcpFlows) {
      expect(f.destination).toEqual({ host: null, status: 'passthrough' });
      expect(f.connectionsPerSecond).toBeGreaterThan(0);
      expect(f.bytesPerSecond).toBeGreaterThan(0);
    }
  });

  it('rejects namespaces or tcpWorkloads outside 0..workloads', () => {
    expect(() => createDemoMesh({ origin: ORIGIN, scale: { workloads: 10, hosts: 1, namespaces: 0 } })).toThrow(/scale\.namespaces/);
    expect(() => createDemoMesh({ origin: ORIGIN, scale: { workloads: 10, hosts: 1, namespaces: 11 } })).toThrow(/scale\.namespaces/);
    expect(() => createDemoMesh({ origin: ORIGIN, scale: { workloads: 10, hosts: 1, namespaces: 2.5 } })).toThrow(/scale\.namespaces/);
    expect(() => createDemoMesh({ origin: ORIGIN, scale: { workloads: 10, hosts: 1, tcpWorkloads: 11 } })).toThrow(/scale\.tcpWorkloads/);
    expect(() => createDemoMesh({ origin: ORIGIN, scale: { workloads: 10, hosts: 1, tcpWorkloads: -1 } })).toThrow(/scale\.tcpWorkloads/);
    expect(() => createDemoMesh({ origin: ORIGIN, scale: { workloads: 10, hosts: 0 } })).toThrow(/scale\.hosts/);
    expect(() => createDemoMesh({ origin: ORIGIN, scale: { workloads: 10, hosts: 1, namespaces: 10, tcpWorkloads: 0 } })).not.toThrow();
  });
});

describe('scale mode with varied domains', () => {
  it('spreads hosts over d<k>.example and S3 buckets, some blocked; without domains nothing changes', () => {
    const scale = { workloads: 12, hosts: 60, domains: 5 };
    const traffic = [...scaleTraffic(scale)];
    const hosts = new Set(traffic.map((t) => t.expect?.host));
    expect(hosts.size).toBe(60);
    expect(hosts).toContain('h0.d0.example');
    expect(hosts).toContain('h6.d1.example');
    expect(hosts).toContain('bucket-9.s3.amazonaws.com');
    const blocked = traffic.filter((t) => t.expect?.status === 'blocked');
    expect(blocked.map((t) => t.expect?.host).sort()).toEqual(['h22.d2.example', 'h45.d0.example']);
    for (const t of blocked) expect(t.destination.kind).toBe('blackhole');
    expect([...scaleTraffic({ workloads: 3, hosts: 30 })].every((t) => t.expect?.status === 'passthrough' && /^h\d+\.scale\.test$/.test(t.expect.host ?? ''))).toBe(true);
    expect(() => createDemoMesh({ origin: ORIGIN, scale: { workloads: 1, hosts: 2, domains: 3 } })).toThrow(/domains/);
  });
});
