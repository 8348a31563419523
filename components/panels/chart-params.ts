import type { EgressGraph } from '../api-types';

/**
 * The /api/timeseries query for a selected node or edge, or null when there
 * is nothing to chart (a workload, a namespace, the "other hosts" bucket).
 * A host is named by its hostId (same window and end as the graph), so the
 * request stays short whatever the host's length.
 */
export function chartParams(graph: EgressGraph, selected: string, window: string, end: number | null): URLSearchParams | null {
  const p = new URLSearchParams({ window });
  if (end !== null) p.set('end', String(end));
  const node = graph.nodes.find((n) => n.id === selected);
  const workloadOf = (id: string) => {
    const n = graph.nodes.find((x) => x.id === id);
    return n?.kind === 'workload' ? n : undefined;
  };
  if (node) {
    switch (node.kind) {
      case 'host':
        p.set('kind', 'host');
        p.set('status', node.status);
        p.set('hostId', node.hostId);
        return p;
      case 'unattributed':
        p.set('kind', 'host');
        p.set('status', node.status);
        p.set('protocol', 'tcp');
        return p;
      case 'workload':
        if (!node.gateway) return null;
        p.set('kind', 'host');
        p.set('via', `${node.namespace}/${node.workload}`);
        return p;
      case 'namespace':
      case 'other-hosts':
        return null;
    }
  }
  const edge = graph.edges.find((e) => e.id === selected);
  const source = edge && workloadOf(edge.source);
  if (!edge || !source) return null;
  p.set('kind', 'edge');
  p.set('source', `${source.namespace}/${source.workload}`);
  // A graph of several clusters: the edge of one cluster's workload charts that cluster alone.
  if (source.cluster !== undefined) p.set('cluster', source.cluster);
  p.set('protocol', edge.protocol);
  const target = graph.nodes.find((n) => n.id === edge.target);
  if (edge.viaGateway && target?.kind === 'workload') {
    p.set('via', `${target.namespace}/${target.workload}`);
    return p;
  }
  p.set('status', edge.status);
  if (target?.kind === 'host') p.set('hostId', target.hostId);
  else if (target?.kind !== 'unattributed') return null;
  return p;
}
