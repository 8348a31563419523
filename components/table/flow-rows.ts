/** Rows of the flows table: identity, display text, filtering and sorting (pure, framework-free). */
import { httpHealth, type Health } from '@/lib/graph/health';
import { flowEdgeId } from '@/lib/graph/build';
import type { EgressFlow } from '../api-types';
import { STATUS_SEVERITY } from '@/lib/egress/rules';

export type SortColumn = 'cluster' | 'source' | 'destination' | 'status' | 'protocol' | 'requests' | 'errors' | 'connections' | 'bytes';
export type SortDirection = 'ascending' | 'descending';

export interface FlowSort {
  readonly column: SortColumn;
  readonly direction: SortDirection;
}

/** Most severe first (blocked, passthrough, registered), then busiest first. */
export const DEFAULT_SORT: FlowSort = { column: 'status', direction: 'descending' };

/** Numeric columns and status start descending (largest, most severe first); text columns ascending. */
const FIRST_DIRECTION: Record<SortColumn, SortDirection> = {
  cluster: 'ascending',
  source: 'ascending',
  destination: 'ascending',
  protocol: 'ascending',
  status: 'descending',
  requests: 'descending',
  errors: 'descending',
  connections: 'descending',
  bytes: 'descending',
};

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

/**
 * Rows matching every query (the table's filter box, the page's find box).
 * A query is whitespace-separated terms, each a case-insensitive substring of
 * the source, destination, status or protocol; empty queries match everything.
 */
export function filterRows(rows: readonly FlowRow[], queries: readonly (string | null | undefined)[]): FlowRow[] {
  const terms = queries.flatMap((q) => (q ?? '').toLowerCase().split(/\s+/)).filter((t) => t !== '');
  if (terms.length === 0) return [...rows];
  return rows.filter((r) => terms.every((t) => r.search.includes(t)));
}

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

function numberOf(row: FlowRow, column: SortColumn): number | undefined {
  const f = row.flow;
  switch (column) {
    case 'requests':
      return f.requestsPerSecond;
    case 'errors':
      return row.errorRatio;
    case 'connections':
      return f.connectionsPerSecond;
    case 'bytes':
      return f.bytesPerSecond;
    case 'status':
      return SEVERITY[f.destination.status];
    case 'cluster':
    case 'source':
    case 'destination':
    case 'protocol':
      return undefined;
  }
}

function textOf(row: FlowRow, column: 'cluster' | 'source' | 'destination' | 'protocol'): string {
  return column === 'protocol' ? row.flow.protocol : row[column];
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

function present(v: number | undefined): v is number {
  return v !== undefined && !Number.isNaN(v);
}

/**
 * Rows sorted by one column, ties in the default order. Numeric columns
 * compare as numbers with missing values last in both directions; status
 * compares by severity (descending: blocked, passthrough, registered).
 */
export function sortRows(rows: readonly FlowRow[], sort: FlowSort): FlowRow[] {
  const sign = sort.direction === 'ascending' ? 1 : -1;
  const { column } = sort;
  const primary = (a: FlowRow, b: FlowRow): number => {
    if (column === 'cluster' || column === 'source' || column === 'destination' || column === 'protocol') {
      return sign * collator.compare(textOf(a, column), textOf(b, column));
    }
    const x = numberOf(a, column);
    const y = numberOf(b, column);
    if (!present(x) || !present(y)) return present(x) ? -1 : present(y) ? 1 : 0;
    return x === y ? 0 : sign * (x < y ? -1 : 1);
  };
  return [...rows].sort((a, b) => primary(a, b) || compareDefault(a, b));
}

/** The sort after clicking a column header: flip the sorted column, or start a new one in its natural direction. */
export function toggleSort(current: FlowSort, column: SortColumn): FlowSort {
  if (current.column === column) return { column, direction: current.direction === 'ascending' ? 'descending' : 'ascending' };
  return { column, direction: FIRST_DIRECTION[column] };
}

/** The row that takes Tab (roving tabindex): the first candidate still shown, else the first row. */
export function pickTabStop(keys: readonly string[], candidates: readonly (string | null | undefined)[]): string | undefined {
  for (const c of candidates) if (c != null && keys.includes(c)) return c;
  return keys[0];
}
