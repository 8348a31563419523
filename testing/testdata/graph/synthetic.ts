/** Synthetic egress graphs for the levels-of-detail tests: built the way lib/graph/build.ts builds them. */
import fc from 'fast-check';
import type { EgressProtocol, EgressStatus } from '../../../lib/egress/types';
import type { EgressEdge, EgressNode } from '../../../lib/graph/model';

export interface SyntheticFlow {
  readonly workload: number;
  readonly host: number;
  readonly protocol: EgressProtocol;
  readonly status: EgressStatus;
  readonly rate: number;
  readonly errors: number;
  /** Through the egress gateway (first hop to it, second hop from it). */
  readonly viaGateway: boolean;
}

export interface SyntheticSpec {
  readonly workloads: number;
  readonly namespaces: number;
  readonly hosts: readonly string[];
  readonly flows: readonly SyntheticFlow[];
}

const GATEWAY: EgressNode = { id: 'wl:istio-system/istio-egressgateway', kind: 'workload', label: 'istio-egressgateway', namespace: 'istio-system', workload: 'istio-egressgateway', gateway: true, parent: 'ns:istio-system' };

/** Host names over a few registrable domains, S3 buckets, IPs and a name tldts cannot place. */
export const hostName = fc.oneof(
  fc.tuple(fc.constantFrom('api', 'codeload', 'raw', 'uploads', 'a.b'), fc.constantFrom('github.com', 'example.org', 'd1.example', 'co.uk')).map(([l, d]) => `${l}.${d}`),
  fc.integer({ min: 0, max: 50 }).map((i) => `bucket-${i}.s3.amazonaws.com`),
  fc.integer({ min: 1, max: 254 }).map((i) => `203.0.113.${i}`),
  fc.constantFrom('localhost', 'github.com', 'x.github.io', 'y.github.io', 'Ünïcode.example'),
);

function flow(workloads: number, hosts: number): fc.Arbitrary<SyntheticFlow> {
  return fc.record({
    workload: fc.nat({ max: workloads - 1 }),
    host: fc.nat({ max: hosts - 1 }),
    protocol: fc.constantFrom<EgressProtocol>('http', 'tcp', 'grpc'),
    status: fc.constantFrom<EgressStatus>('passthrough', 'blocked', 'registered'),
    rate: fc.double({ min: 0, max: 100, noNaN: true }),
    errors: fc.double({ min: 0, max: 1, noNaN: true }),
    viaGateway: fc.boolean(),
  });
}

export const syntheticSpec: fc.Arbitrary<SyntheticSpec> = fc
  .record({
    workloads: fc.integer({ min: 1, max: 110 }),
    namespaces: fc.integer({ min: 1, max: 8 }),
    hosts: fc.uniqueArray(hostName, { minLength: 1, maxLength: 70, size: 'max' }),
  })
  .chain((base) =>
    fc.record({
      workloads: fc.constant(base.workloads),
      namespaces: fc.constant(base.namespaces),
      hosts: fc.constant(base.hosts),
      // Every workload and host at least once (as the scale mesh does), then random extra flows.
      flows: fc
        .tuple(
          fc.array(flow(base.workloads, base.hosts.length), { minLength: Math.max(base.workloads, base.hosts.length), maxLength: Math.max(base.workloads, base.hosts.length) }),
          fc.array(flow(base.workloads, base.hosts.length), { maxLength: 60 }),
        )
        .map(([cover, extra]) => [...cover.map((f, i) => ({ ...f, workload: i % base.workloads, host: i % base.hosts.length })), ...extra]),
    }),
  );

function edge(source: string, target: string, f: SyntheticFlow, viaGateway: boolean): EgressEdge {
  const http = f.protocol !== 'tcp';
  return {
    id: `${source}>${target}|${f.protocol}|${f.status}`,
    source,
    target,
    protocol: f.protocol,
    status: f.status,
    blocked: f.status === 'blocked',
    viaGateway,
    ...(http
      ? { requestsPerSecond: f.rate, responses: { '200': f.rate * (1 - f.errors), '503': f.rate * f.errors } }
      : { connectionsPerSecond: f.rate, bytesPerSecond: f.rate * 1000 }),
  };
}

/** Nodes and edges for a spec: workload `wl-i` in namespace `ns-(i mod k)`; one edge per (source, target, protocol, status). */
export function syntheticGraph(spec: SyntheticSpec): { nodes: EgressNode[]; edges: EgressEdge[] } {
  const nodes = new Map<string, EgressNode>();
  const edges = new Map<string, EgressEdge>();
  const add = (e: EgressEdge) => {
    if (!edges.has(e.id)) edges.set(e.id, e);
  };
  for (const f of spec.flows) {
    const ns = `ns-${f.workload % spec.namespaces}`;
    const wl: EgressNode = { id: `wl:${ns}/wl-${f.workload}`, kind: 'workload', label: `wl-${f.workload}`, namespace: ns, workload: `wl-${f.workload}`, gateway: false, parent: `ns:${ns}` };
    nodes.set(wl.id, wl);
    nodes.set(`ns:${ns}`, { id: `ns:${ns}`, kind: 'namespace', label: ns });
    const host = spec.hosts[f.host] ?? 'x.example';
    const id = `ext:${host}`;
    const prev = nodes.get(id);
    const statuses = [...new Set([...(prev?.kind === 'host' ? prev.statuses : []), f.status])].sort((a, b) => SEVERITY[b] - SEVERITY[a]);
    nodes.set(id, { id, kind: 'host', label: host, host, hostId: `h_${host}`, status: statuses[0] ?? f.status, statuses, ...(/^\d+\.\d+\.\d+\.\d+$/.test(host) ? { ip: true } : {}) });
    if (f.viaGateway) {
      nodes.set(GATEWAY.id, GATEWAY);
      nodes.set('ns:istio-system', { id: 'ns:istio-system', kind: 'namespace', label: 'istio-system' });
      add(edge(wl.id, GATEWAY.id, f, true));
      add(edge(GATEWAY.id, id, f, false));
    } else add(edge(wl.id, id, f, false));
  }
  return { nodes: [...nodes.values()], edges: [...edges.values()] };
}

const SEVERITY: Record<EgressStatus, number> = { registered: 0, passthrough: 1, blocked: 2 };
