import type { EgressStatus } from '../egress/types';
import type { EgressEdge, EgressGraph, EgressNode } from './model';

export interface GraphFilter {
  /** Source namespaces to keep; empty = all. */
  readonly namespaces: readonly string[];
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

/** The namespaces that have workloads in the graph, sorted: the options of the namespace filter. */
export function graphNamespaces(graph: Pick<EgressGraph, 'nodes'>): string[] {
  return graph.nodes.filter((n) => n.kind === 'namespace').map((n) => n.label).sort();
}

function findText(n: EgressNode): string {
  switch (n.kind) {
    case 'workload':
      return `${n.namespace}/${n.workload}`;
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
  const sourceNamespace = (e: EgressEdge) => {
    const n = byId.get(e.source);
    return n?.kind === 'workload' ? n.namespace : undefined;
  };
  const edges = graph.edges.filter(
    (e) => (f.status === 'all' || e.status === f.status) && (namespaces.size === 0 || namespaces.has(sourceNamespace(e) ?? '')),
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
