/**
 * Focus: only the paths of one node (or of everything an aggregate stands
 * for). A workload's destinations, a host's callers, and the egress gateway
 * hops between: past a gateway, its other hop is kept too. The metrics
 * cannot tell which of a gateway's destinations a given caller reached, so
 * all of them are kept (that is what the gateway's own telemetry says).
 */
import { nodesOf } from './members';
import type { EgressEdge, EgressNode } from './model';

/** The focused subgraph: edges on the focus's paths, the nodes they touch, their namespace boxes. */
export function focusGraph(graph: { readonly nodes: readonly EgressNode[]; readonly edges: readonly EgressEdge[] }, focus: string): { nodes: EgressNode[]; edges: EgressEdge[] } {
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const isGateway = (id: string) => {
    const n = byId.get(id);
    return n?.kind === 'workload' && n.gateway;
  };
  const start = new Set(nodesOf(graph.nodes, focus).map((n) => n.id));
  const keep = new Set<EgressEdge>();
  // Downstream: from the focus, and on past each gateway reached.
  const down = new Set(start);
  const up = new Set(start);
  for (const e of graph.edges) {
    if (down.has(e.source)) keep.add(e);
    if (up.has(e.target)) keep.add(e);
  }
  for (const e of [...keep]) {
    if (down.has(e.source) && isGateway(e.target)) down.add(e.target);
    if (up.has(e.target) && isGateway(e.source)) up.add(e.source);
  }
  for (const e of graph.edges) {
    if (down.has(e.source) || up.has(e.target)) keep.add(e);
  }
  const ids = new Set(start);
  for (const e of keep) ids.add(e.source).add(e.target);
  for (const id of [...ids]) {
    const n = byId.get(id);
    if (n?.kind === 'workload') ids.add(n.parent);
  }
  return { nodes: graph.nodes.filter((n) => ids.has(n.id)), edges: graph.edges.filter((e) => keep.has(e)) };
}
