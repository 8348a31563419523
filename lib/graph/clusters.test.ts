/** Several clusters through the graph's passes: levels of detail, members, layout. */
import { describe, expect, it } from 'vitest';
import type { EgressFlow } from '../egress/types';
import { buildEgressGraph } from './build';
import { NAMESPACE_LEVEL_WORKLOADS, nodesOf, visibleGraph } from './detail';
import { layoutEgressGraph } from './layout';

/** `per` workloads in each of two namespaces of each cluster, each calling one of a few hosts. */
function mesh(clusters: readonly string[], per: number): EgressFlow[] {
  const flows: EgressFlow[] = [];
  for (const cluster of clusters)
    for (const namespace of ['shop', 'data'])
      for (let i = 0; i < per; i++)
        flows.push({ source: { namespace, workload: `w${i}`, cluster }, destination: { host: `h${(i * 7 + cluster.length) % 5}.test`, status: 'passthrough' }, protocol: 'http', dataPlane: 'sidecar', requestsPerSecond: 1 + i, responses: { '200': 1 + i } });
  return flows;
}
const graphOf = (flows: EgressFlow[]) => buildEgressGraph({ end: 'E', window: '5m', flows, warnings: [], queries: { http: 'h', tcp: 't' } });

describe('namespace level with several clusters', () => {
  const g = graphOf(mesh(['east', 'west'], 20));

  it('groups per cluster and namespace, each group naming its cluster', () => {
    expect(g.nodes.filter((n) => n.kind === 'workload').length).toBeGreaterThan(NAMESPACE_LEVEL_WORKLOADS);
    const v = visibleGraph(g, { expanded: [], expandedDomains: [], focus: null });
    expect(v.namespaceLevel).toBe(true);
    const groups = v.nodes.filter((n) => n.kind === 'namespace-group');
    expect(groups.map((n) => [n.id, n.label, n.kind === 'namespace-group' && n.workloads])).toEqual([
      ['nsg:east/data', 'east · data', 20],
      ['nsg:east/shop', 'east · shop', 20],
      ['nsg:west/data', 'west · data', 20],
      ['nsg:west/shop', 'west · shop', 20],
    ]);
    expect(nodesOf(g.nodes, 'nsg:west/shop').map((n) => n.id)).toEqual(Array.from({ length: 20 }, (_, i) => `wl:west/shop/w${i}`).sort());
  });

  it('expands one cluster namespace by cluster/namespace, or a namespace in every cluster by its name', () => {
    const one = visibleGraph(g, { expanded: ['west/shop'], expandedDomains: [], focus: null });
    expect(one.nodes.filter((n) => n.kind === 'workload').every((n) => n.id.startsWith('wl:west/shop/'))).toBe(true);
    expect(one.nodes.some((n) => n.id === 'nsg:east/shop')).toBe(true);
    const both = visibleGraph(g, { expanded: ['shop'], expandedDomains: [], focus: null });
    expect(both.nodes.filter((n) => n.kind === 'namespace-group').map((n) => n.id)).toEqual(['nsg:east/data', 'nsg:west/data']);
  });
});

describe('layout with several clusters', () => {
  it('keeps each cluster sources together, clusters in name order', () => {
    const g = graphOf(mesh(['west', 'east', 'north'], 4));
    const layout = layoutEgressGraph(g.nodes, g.edges);
    const sources = g.nodes.filter((n) => n.kind === 'workload').sort((a, b) => layout.positions.get(a.id)!.y - layout.positions.get(b.id)!.y || layout.positions.get(a.id)!.x - layout.positions.get(b.id)!.x);
    const runs = sources.map((n) => (n.kind === 'workload' ? n.cluster : '')).filter((c, i, all) => i === 0 || all[i - 1] !== c);
    expect(runs).toEqual(['east', 'north', 'west']);
  });
});
