/** Rows of the flows table: identity, display text, search text and default order (pure, framework-free). */
import { httpHealth, type Health } from '@/lib/graph/health';
import { flowEdgeId } from '@/lib/graph/build';
import type { EgressFlow } from '../api-types';
import { STATUS_SEVERITY } from '@/lib/egress/rules';

/** The status order of the egress rulebook. */
const SEVERITY = STATUS_SEVERITY;

export interface FlowRow {
  readonly key: string;
  readonly flow: EgressFlow;
  /** "namespace/workload". */
  readonly source: string;
  /** The source cluster (`source_cluster`), '' when the series carry none. */
  readonly cluster: string;
  /** The destination as shown: host with ports, or what stands in for a missing host. */
  readonly destination: string;
  /** Share of 4xx, 5xx and no-response answers (HTTP/gRPC only). */
  readonly errorRatio?: number;
  readonly health?: Health;
  /** Lower-cased source, destination, host, gateway, status and protocol, one per line. */
  readonly search: string;
}

/**
 * Stable id of a flow: source, target (host, `via` gateway, "other hosts"
 * bucket or unattributed TLS/TCP), protocol and status. Same string as the
 * graph edge id of lib/graph/build.ts, so a canvas selection is a table key:
 * with `clusters` (the flows come from several), workloads are named with
 * their cluster, a gateway without one with its caller's, as the graph does.
 */
export function flowKeyOf(flow: EgressFlow, clusters: boolean): string {
  return flowEdgeId(flow, clusters);
}

/** flowKeyOf a flow of a graph with one cluster (or none). */
export function flowKey(flow: EgressFlow): string {
  return flowKeyOf(flow, false);
}

/** The destination cell's text; hosts are label values (Host headers) and stay plain strings. */
export function destinationText(flow: EgressFlow): string {
  const d = flow.destination;
  if (flow.via && d.host === null) return `via ${flow.via.namespace}/${flow.via.workload}`;
  if (d.otherHosts !== undefined) return `${d.otherHosts} other hosts`;
  if (d.host === null) return d.status === 'blocked' ? 'TCP (no host in metrics)' : 'TLS/TCP (no host in metrics)';
  const host = d.ports?.length ? `${d.host} (port ${d.ports.join(', ')})` : d.host;
  // An ambient flow its egress waypoint reported.
  return flow.via ? `${host} via ${flow.via.namespace}/${flow.via.workload}` : host;
}

/** Builds one row per flow with its key, display text and error ratio; `clusters`: the flows come from several clusters (keys as flowKey). */
export function toFlowRows(flows: readonly EgressFlow[], clusters = false): FlowRow[] {
  return flows.map((flow) => {
    const source = `${flow.source.namespace}/${flow.source.workload}`;
    const cluster = flow.source.cluster ?? '';
    const destination = destinationText(flow);
    const health = flow.responses ? httpHealth(flow.responses) : undefined;
    const search = [source, destination, flow.destination.host ?? '', flow.destination.status, flow.protocol, ...(clusters ? [cluster, `${cluster}/${source}`] : [])].join('\n').toLowerCase();
    return { key: flowKeyOf(flow, clusters), flow, source, cluster, destination, ...(health ? { errorRatio: health.errorRatio, health: health.health } : {}), search };
  });
}

/** Requests plus connections per second, the ranking used by the cardinality guard. */
function rateOf(row: FlowRow): number {
  return (row.flow.requestsPerSecond ?? 0) + (row.flow.connectionsPerSecond ?? 0);
}

/** The default order: most severe status, then highest rate, then key (total and deterministic). */
function compareDefault(a: FlowRow, b: FlowRow): number {
  const bySeverity = SEVERITY[b.flow.destination.status] - SEVERITY[a.flow.destination.status];
  if (bySeverity !== 0) return bySeverity;
  const byRate = rateOf(b) - rateOf(a);
  if (byRate !== 0 && !Number.isNaN(byRate)) return byRate;
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

/**
 * The rows in the default order: most severe status, then busiest, then key.
 * The table sorts stably, so this is also how ties of any column are ordered.
 */
export function inDefaultOrder(rows: readonly FlowRow[]): FlowRow[] {
  return [...rows].sort(compareDefault);
}
