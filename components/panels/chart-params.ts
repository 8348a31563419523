import { timeseriesQuery, writeQuery, type QueryValues } from '@/lib/api/params-schema';
import type { EgressGraph } from '../api-types';

type Values = QueryValues<typeof timeseriesQuery>;

/** The chart of a node, or null when there is nothing to chart. */
function nodeValues(graph: EgressGraph, selected: string): Values | null | undefined {
  const node = graph.nodes.find((n) => n.id === selected);
  if (!node) return undefined;
  switch (node.kind) {
    case 'host':
      return { kind: 'host', status: node.status, hostId: node.hostId };
    case 'unattributed':
      return { kind: 'host', status: node.status, protocol: 'tcp' };
    case 'workload':
      return node.gateway ? { kind: 'host', via: `${node.namespace}/${node.workload}` } : null;
    case 'namespace':
    case 'other-hosts':
      return null;
  }
}

/** The chart of an edge from a workload, or null when there is nothing to chart. */
function edgeValues(graph: EgressGraph, selected: string): Values | null {
  const workloadOf = (id: string) => {
    const n = graph.nodes.find((x) => x.id === id);
    return n?.kind === 'workload' ? n : undefined;
  };
  const edge = graph.edges.find((e) => e.id === selected);
  const source = edge && workloadOf(edge.source);
  if (!edge || !source) return null;
  // A graph of several clusters: the edge of one cluster's workload charts that cluster alone.
  const from = { kind: 'edge', source: `${source.namespace}/${source.workload}`, cluster: source.cluster, protocol: edge.protocol } as const;
  const target = graph.nodes.find((n) => n.id === edge.target);
  if (edge.viaGateway && target?.kind === 'workload') return { ...from, via: `${target.namespace}/${target.workload}` };
  if (target?.kind === 'host') return { ...from, status: edge.status, hostId: target.hostId };
  return target?.kind === 'unattributed' ? { ...from, status: edge.status } : null;
}

/**
 * The /api/timeseries query for a selected node or edge (params-schema.ts
 * timeseriesQuery, the schema the server reads it with), or null when there
 * is nothing to chart (a workload, a namespace, the "other hosts" bucket).
 * A host is named by its hostId (same window and end as the graph), so the
 * request stays short whatever the host's length.
 */
export function chartParams(graph: EgressGraph, selected: string, window: string, end: number | null): URLSearchParams | null {
  const target = nodeValues(graph, selected);
  const values = target === undefined ? edgeValues(graph, selected) : target;
  return values === null ? null : writeQuery(timeseriesQuery, { window, end, ...values });
}
