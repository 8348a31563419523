import type { EgressStatus } from '../egress/types';
import type { EgressEdge, EgressGraph, EgressNode } from './model';

export interface GraphFilter {
  /** Source namespaces to keep; empty = all. */
  readonly namespaces: readonly string[];
  /** Source clusters to keep; absent or empty = all (only a graph with several clusters has them on its workloads). */
  readonly clusters?: readonly string[];
  readonly status: 'all' | EgressStatus;
  /** Case-insensitive text matched against workload, namespace and host labels. */
  readonly find: string;
}

export interface FilteredGraph {
  readonly nodes: EgressNode[];
  readonly edges: EgressEdge[];
  /** Ids of nodes the find text matches (empty when there is no find text). */
  readonly matches: ReadonlySet<string>;
}

/** The namespaces that have workloads in the graph, sorted, once each (in any cluster): the options of the namespace filter. */
export function graphNamespaces(graph: Pick<EgressGraph, 'nodes'>): string[] {
  return [...new Set(graph.nodes.flatMap((n) => (n.kind === 'namespace' ? [n.namespace ?? n.label] : [])))].sort();
}

/** The clusters of the graph's workloads, sorted: the options of the cluster filter (none unless there are several). */
export function graphClusters(graph: Pick<EgressGraph, 'nodes'>): string[] {
  return [...new Set(graph.nodes.flatMap((n) => (n.kind === 'workload' && n.cluster !== undefined ? [n.cluster] : [])))].sort();
}

function findText(n: EgressNode): string {
  switch (n.kind) {
    case 'workload':
      return `${n.cluster !== undefined ? `${n.cluster}/` : ''}${n.namespace}/${n.workload}`;
    case 'host':
      return n.host;
    case 'namespace':
      return n.label;
    case 'namespace-group':
      return n.namespace;
    case 'host-group':
      return n.domain;
    case 'unattributed':
    case 'other-hosts':
      return n.label;
  }
}

/**
 * Keeps the edges whose source namespace and status pass the filter, the
 * nodes they touch and those nodes' namespace boxes; marks nodes matching the
 * find text. Find highlights, it does not remove.
 */
export function filterGraph(graph: Pick<EgressGraph, 'nodes' | 'edges'>, f: GraphFilter): FilteredGraph {
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const namespaces = new Set(f.namespaces);
  const clusters = new Set(f.clusters ?? []);
  const sourceOf = (e: EgressEdge) => {
    const n = byId.get(e.source);
    return n?.kind === 'workload' ? n : undefined;
  };
  // A graph of one cluster has none on its workloads: the cluster filter has nothing to narrow there.
  const inCluster = (e: EgressEdge) => {
    const c = sourceOf(e)?.cluster;
    return clusters.size === 0 || c === undefined || clusters.has(c);
  };
  const edges = graph.edges.filter(
    (e) => (f.status === 'all' || e.status === f.status) && (namespaces.size === 0 || namespaces.has(sourceOf(e)?.namespace ?? '')) && inCluster(e),
  );
  const keep = new Set<string>();
  for (const e of edges) keep.add(e.source).add(e.target);
  for (const id of [...keep]) {
    const n = byId.get(id);
    if (n?.kind === 'workload') keep.add(n.parent);
  }
  const nodes = graph.nodes.filter((n) => keep.has(n.id));
  const needle = f.find.trim().toLowerCase();
  const matches = new Set<string>();
  if (needle) for (const n of nodes) if (n.kind !== 'namespace' && findText(n).toLowerCase().includes(needle)) matches.add(n.id);
  return { nodes, edges, matches };
}
