import { describe, expect, it } from 'vitest';
import type { EgressFlow, EgressStatus } from '../egress/types';
import { parseAndValidateYaml } from '../resources';
import { computeReadiness } from './compute';
import { readinessResources } from './resources';
import { readinessVerdict, verdictText } from './verdict';

/** A flow as ztunnel (ambient) or a sidecar reports it, from a cluster when given. */
function flow(ns: string, host: string | null, status: EgressStatus, rate: number, dataPlane: 'sidecar' | 'ambient', cluster?: string): EgressFlow {
  return {
    source: { namespace: ns, workload: 'app', ...(cluster !== undefined ? { cluster } : {}) },
    destination: { host, status },
    protocol: host === null ? 'tcp' : 'http',
    dataPlane,
    ...(host === null ? { connectionsPerSecond: rate } : { requestsPerSecond: rate }),
  };
}
const report = (flows: EgressFlow[]) => ({ end: '2026-01-01T01:00:00.000Z', window: '1h', flows, warnings: [] });
const text = (lines: readonly { line: Parameters<typeof verdictText>[0] }[]) => lines.map((d) => verdictText(d.line)).join('\n');

describe('readiness of ambient namespaces', () => {
  const r = computeReadiness(
    report([
      flow('amb', 'api.example.com', 'passthrough', 2, 'ambient'),
      flow('amb', 'pay.example.com', 'registered', 1, 'ambient'),
      flow('mixed', 'x.example.com', 'passthrough', 1, 'ambient'),
      flow('mixed', 'y.example.com', 'passthrough', 3, 'sidecar'),
      flow('side', 'z.example.com', 'passthrough', 1, 'sidecar'),
    ]),
  );
  const res = readinessResources(r);
  const sw = (ns: string) => res.switches.find((s) => s.namespace === ns);

  it('an ambient namespace gets no Sidecar but the egress waypoint and its AuthorizationPolicy, which validate', () => {
    const amb = sw('amb');
    expect(amb?.kind).toBe('ambient-only');
    expect(amb && 'yaml' in amb).toBe(false);
    expect(amb?.ambient?.hosts).toEqual(['api.example.com', 'pay.example.com']);
    const yaml = amb?.ambient?.yaml ?? '';
    expect(yaml).toMatch(/istio\/istio#54281/);
    expect(yaml).not.toMatch(/kind: Sidecar/);
    const parsed = parseAndValidateYaml(yaml);
    expect(parsed.validation.errors).toEqual([]);
    expect(parsed.objects.map((o) => `${String(o.apiVersion)} ${String(o.kind)}`)).toEqual(['gateway.networking.k8s.io/v1 Gateway', 'security.istio.io/v1 AuthorizationPolicy']);
    expect(parsed.objects[1]).toMatchObject({ spec: { targetRefs: [{ kind: 'Gateway', name: 'egress-waypoint' }], rules: [{ from: [{ source: { namespaces: ['amb'] } }], to: [{ operation: { hosts: ['api.example.com', 'pay.example.com'] } }] }] } });
  });

  it('a namespace with both says both: its Sidecar for the sidecar workloads and the waypoint for the ambient ones', () => {
    const mixed = sw('mixed');
    expect(mixed?.kind).toBe('sidecar');
    expect(mixed?.ambient?.hosts).toEqual(['x.example.com', 'y.example.com']);
    expect(sw('side')?.ambient).toBeUndefined();
    expect(r.namespaces.find((n) => n.namespace === 'mixed')?.dataPlanes).toEqual(['sidecar', 'ambient']);
  });

  it('the verdict names the ambient share with the same numbers as the rates', () => {
    const amb = r.namespaces.find((n) => n.namespace === 'amb');
    const mixed = r.namespaces.find((n) => n.namespace === 'mixed');
    const side = r.namespaces.find((n) => n.namespace === 'side');
    if (!amb || !mixed || !side) throw new Error('missing namespace');
    expect(text(readinessVerdict(amb, { window: '1h', scope: 'namespace' }).details)).toMatch(/^All of this egress \(2\/s of it passthrough\) runs ambient: ztunnel does not enforce REGISTRY_ONLY/m);
    expect(text(readinessVerdict(mixed, { window: '1h', scope: 'namespace' }).details)).toMatch(/^1\/s of this egress \(1\/s of it passthrough\) runs ambient/m);
    expect(text(readinessVerdict(side, { window: '1h', scope: 'namespace' }).details)).not.toMatch(/ambient/);
    expect(readinessVerdict(r.mesh, { window: '1h', scope: 'mesh' }).details.some((d) => d.kind === 'ambient')).toBe(true);
  });
});

describe('readiness across clusters', () => {
  it('one cluster: entries carry no cluster, as before', () => {
    const r = computeReadiness(report([flow('shop', 'a.example.com', 'passthrough', 1, 'sidecar', 'Kubernetes')]));
    expect(r.clusters).toEqual(['Kubernetes']);
    expect(r.namespaces.map((n) => n.cluster)).toEqual([undefined]);
    expect(readinessResources(r).switches[0]).not.toHaveProperty('cluster');
  });

  it('two clusters: a namespace present in both is one entry per cluster, each with its own numbers', () => {
    const r = computeReadiness(
      report([
        flow('shop', 'a.example.com', 'passthrough', 1, 'sidecar', 'east'),
        flow('shop', 'a.example.com', 'registered', 4, 'sidecar', 'west'),
        flow('ml', 'b.example.com', 'passthrough', 2, 'ambient', 'west'),
      ]),
    );
    expect(r.clusters).toEqual(['east', 'west']);
    expect(r.namespaces.map((n) => [n.namespace, n.cluster, n.readiness])).toEqual([
      ['ml', 'west', 0],
      ['shop', 'east', 0],
      ['shop', 'west', 1],
    ]);
    expect(r.mesh.readiness).toBeCloseTo(4 / 7, 12);
    expect(readinessResources(r).switches.map((s) => [s.namespace, s.cluster, s.kind])).toEqual([
      ['ml', 'west', 'ambient-only'],
      ['shop', 'east', 'sidecar'],
      ['shop', 'west', 'sidecar'],
    ]);
  });
});

describe('unattributed passthrough of ambient workloads', () => {
  it('ztunnel passthrough is not said to be named by the Telemetry, which ztunnel ignores', () => {
    const r = computeReadiness(report([flow('amb', null, 'passthrough', 2, 'ambient'), flow('side', null, 'passthrough', 1, 'sidecar'), flow('mixed', null, 'passthrough', 1, 'ambient'), flow('mixed', null, 'passthrough', 1, 'sidecar')]));
    const line = (ns: string) => {
      const n = r.namespaces.find((x) => x.namespace === ns);
      if (!n) throw new Error(ns);
      return text(readinessVerdict(n, { window: '1h', scope: 'namespace' }).details.filter((d) => d.kind === 'unattributed'));
    };
    expect(line('amb')).toMatch(/at 2\/s, .*ztunnel's, which ignores Telemetry overrides/);
    expect(line('side')).toMatch(/the Telemetry on this page names it\)/);
    expect(line('mixed')).toMatch(/at 2\/s, .*names the sidecars' part; ztunnel ignores it/);
  });
});
