import { ratesOf } from '../egress/flow-math';
import { hostIdOf } from '../egress/host-id';
import type { EgressReport } from '../egress/report';
import { isFirstHop, type EgressFlow, type EgressStatus, type WorkloadRef } from '../egress/types';
import { mergeEdges } from './detail';
import { namespaceLabel, workloadGroupKey } from './members';
import { httpHealth } from './health';
import type { EgressEdge, EgressGraph, EgressNode } from './model';
import { STATUS_SEVERITY } from '../egress/rules';

/** The status order of the egress rulebook. */
const SEVERITY = STATUS_SEVERITY;

/**
 * Deterministic node ids, so refetches diff cleanly. A workload with a
 * cluster (only when the flows come from several) has it in its id: the same
 * namespace/workload in two clusters are two nodes. Hosts are shared.
 */
export const nodeId = {
  namespace: (ns: string, cluster?: string) => `ns:${workloadGroupKey({ namespace: ns, cluster })}`,
  workload: (w: WorkloadRef) => `wl:${workloadGroupKey(w)}/${w.workload}`,
  host: (host: string) => `ext:${host}`,
  unattributed: (status: EgressStatus) => `unattributed:${status}`,
  otherHosts: (status: EgressStatus) => `other:${status}`,
};

function unattributedLabel(status: EgressStatus): string {
  switch (status) {
    case 'passthrough':
      return 'Passthrough TLS/TCP (no host in metrics)';
    case 'blocked':
      return 'Blocked TCP (no host in metrics)';
    case 'registered':
      return 'Registered, host not reported';
  }
}

/** The clusters the flows' sources name (`source_cluster`), sorted. */
export function flowClusters(flows: readonly Pick<EgressFlow, 'source'>[]): string[] {
  return [...new Set(flows.flatMap((f) => (f.source.cluster !== undefined ? [f.source.cluster] : [])))].sort();
}

/**
 * The workloads a flow is drawn between, as the graph names them: its source
 * and its gateway or waypoint. With several clusters (`multiCluster`) they
 * keep their cluster, and a gateway or waypoint named without one is taken
 * to be in its caller's; with one (or none) the cluster is left out.
 */
export function flowWorkloads(f: EgressFlow, multiCluster: boolean): { readonly source: WorkloadRef; readonly via?: WorkloadRef } {
  const source = multiCluster ? f.source : { namespace: f.source.namespace, workload: f.source.workload };
  if (!f.via) return { source };
  const { namespace, workload } = f.via;
  const cluster = f.via.cluster ?? f.source.cluster;
  return { source, via: multiCluster && cluster !== undefined ? { namespace, workload, cluster } : { namespace, workload } };
}

/** The node a flow's edge ends at: its gateway or waypoint (a first hop), its host, or what stands in for a missing host. */
function targetId(f: EgressFlow, via: WorkloadRef | undefined): string {
  const d = f.destination;
  if (via && isFirstHop(f)) return nodeId.workload(via);
  if (d.host !== null) return nodeId.host(d.host);
  return d.otherHosts !== undefined ? nodeId.otherHosts(d.status) : nodeId.unattributed(d.status);
}

/** An edge's id: its ends, protocol and status. */
const edgeId = (source: string, target: string, f: EgressFlow): string => `${source}>${target}|${f.protocol}|${f.destination.status}`;

/**
 * The id of the edge a flow is drawn as (its source to its target), so a
 * table row is a canvas selection. A flow an egress waypoint reported is
 * drawn as two hops through the waypoint and is no single edge: its id is
 * that of source -> host, unique among the flows.
 */
export function flowEdgeId(f: EgressFlow, multiCluster: boolean): string {
  const { source, via } = flowWorkloads(f, multiCluster);
  return edgeId(nodeId.workload(source), targetId(f, via), f);
}

export interface BuildGraphOptions {
  /** Whether a workload is an egress gateway (gateways that receive first hops are always marked). */
  readonly isGateway?: (workload: string) => boolean;
}

/** Builds graph nodes and edges from classified flows. */
export function buildEgressGraph(report: Pick<EgressReport, 'end' | 'window' | 'flows' | 'warnings' | 'queries' | 'istioMetrics'>, opts: BuildGraphOptions = {}): EgressGraph {
  const nodes = new Map<string, EgressNode>();
  const edges = new Map<string, EgressEdge>();
  // One cluster (or none): the graph as without clusters, ids and all. Several: workloads are per cluster,
  // and a gateway or waypoint named without one is taken to be in its caller's cluster.
  const multiCluster = flowClusters(report.flows).length > 1;
  const source = (f: EgressFlow): WorkloadRef => flowWorkloads(f, multiCluster).source;
  const via = (f: EgressFlow): WorkloadRef | undefined => flowWorkloads(f, multiCluster).via;
  const gateways = new Set<string>();
  const waypoints = new Set<string>();
  // Workloads traffic goes through: egress gateways, and ambient's egress waypoints, drawn alike.
  for (const f of report.flows) {
    const v = via(f);
    if (v) (f.dataPlane === 'ambient' ? waypoints : gateways).add(nodeId.workload(v));
  }
  // First hops already drawn from a source to a gateway or waypoint.
  const hops = new Set<string>();
  for (const f of report.flows) {
    const v = via(f);
    if (v && isFirstHop(f)) hops.add(`${nodeId.workload(source(f))}>${nodeId.workload(v)}`);
  }
  const isWaypoint = (w: WorkloadRef) => waypoints.has(nodeId.workload(w));
  const isGateway = (w: WorkloadRef) => gateways.has(nodeId.workload(w)) || isWaypoint(w) || (opts.isGateway?.(w.workload) ?? false);

  function workloadNode(w: WorkloadRef): string {
    const id = nodeId.workload(w);
    const parent = nodeId.namespace(w.namespace, w.cluster);
    const cluster = w.cluster !== undefined ? { cluster: w.cluster } : {};
    if (!nodes.has(parent)) nodes.set(parent, { id: parent, kind: 'namespace', label: namespaceLabel(w), ...(w.cluster !== undefined ? { namespace: w.namespace } : {}), ...cluster });
    if (!nodes.has(id)) nodes.set(id, { id, kind: 'workload', label: w.workload, namespace: w.namespace, workload: w.workload, gateway: isGateway(w), ...(isWaypoint(w) ? { waypoint: true } : {}), parent, ...cluster });
    return id;
  }

  function destinationNode(f: EgressFlow): string {
    const v = via(f);
    if (v && isFirstHop(f)) return workloadNode(v);
    const d = f.destination;
    const id = targetId(f, v);
    if (d.host === null) {
      const other = d.otherHosts !== undefined;
      const prev = nodes.get(id);
      const otherHosts = other ? (prev?.kind === 'other-hosts' ? Math.max(prev.otherHosts ?? 0, d.otherHosts ?? 0) : d.otherHosts) : undefined;
      const label = other ? `Other ${d.status} hosts` : unattributedLabel(d.status);
      nodes.set(id, { id, kind: other ? 'other-hosts' : 'unattributed', label, status: d.status, ...(otherHosts !== undefined ? { otherHosts } : {}) });
      return id;
    }
    const prev = nodes.get(id);
    const statuses = new Set<EgressStatus>(prev?.kind === 'host' ? prev.statuses : []);
    statuses.add(d.status);
    const ports = new Set<number>([...(prev?.kind === 'host' ? (prev.ports ?? []) : []), ...(d.ports ?? [])]);
    const sorted = [...statuses].sort((a, b) => SEVERITY[b] - SEVERITY[a]);
    const seNs = d.serviceEntryNamespace ?? (prev?.kind === 'host' ? prev.serviceEntryNamespace : undefined);
    nodes.set(id, {
      id,
      kind: 'host',
      label: d.host,
      host: d.host,
      hostId: d.hostId ?? hostIdOf(d.host),
      status: sorted[0] ?? d.status,
      statuses: sorted,
      ...(seNs ? { serviceEntryNamespace: seNs } : {}),
      ...(ports.size > 0 ? { ports: [...ports].sort((a, b) => a - b) } : {}),
      ...(d.ip || (prev?.kind === 'host' && prev.ip) ? { ip: true } : {}),
    });
    return id;
  }

  const drawn: EgressEdge[] = [];
  function edge(source: string, target: string, f: EgressFlow, firstHop: boolean): void {
    const id = edgeId(source, target, f);
    const http = f.protocol !== 'tcp';
    const rate = http ? (f.requestsPerSecond ?? 0) : (f.connectionsPerSecond ?? 0) + (f.bytesPerSecond ?? 0);
    const health = http ? httpHealth(f.responses ?? {}) : undefined;
    drawn.push({
      id,
      source,
      target,
      protocol: f.protocol,
      status: f.destination.status,
      blocked: f.destination.status === 'blocked',
      viaGateway: firstHop,
      ...ratesOf(f),
      ...(health ? { errorRatio: health.errorRatio, health: health.health } : rate <= 0 ? { health: 'idle' as const } : {}),
    });
  }

  for (const f of report.flows) {
    const from = workloadNode(source(f));
    const target = destinationNode(f);
    const v = via(f);
    if (v && !isFirstHop(f)) {
      // An ambient flow its egress waypoint reported: drawn as a gateway's, waypoint -> host, with the
      // first hop from ztunnel's own flow (or from this one when ztunnel's is missing).
      const waypoint = workloadNode(v);
      edge(waypoint, target, f, false);
      if (!hops.has(`${from}>${waypoint}`)) edge(from, waypoint, f, true);
      continue;
    }
    edge(from, target, f, isFirstHop(f));
  }
  // Several sources' flows through one waypoint to one host are one edge, summed.
  for (const e of mergeEdges(drawn, (id) => id)) edges.set(e.id, e);

  const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  return {
    end: report.end,
    window: report.window,
    nodes: [...nodes.values()].sort(byId),
    edges: [...edges.values()].sort(byId),
    warnings: report.warnings,
    queries: report.queries,
    ...(report.istioMetrics ? { istioMetrics: report.istioMetrics } : {}),
  };
}
