import { describe, expect, it } from 'vitest';
import { DEMO_HOSTILE_BLOCKED } from '../../tools/demo';
import { buildEgressGraph } from './build';
import { filterGraph, graphClusters, graphNamespaces } from './filter';
import { goldenGraph } from '../../testing/testdata';

const golden = goldenGraph();
const all = { namespaces: [], status: 'all' as const, find: '' };

describe('filterGraph on the demo graph', () => {
  it('keeps everything without filters', () => {
    const g = filterGraph(golden, all);
    expect(g.edges).toHaveLength(golden.edges.length);
    expect(g.nodes).toHaveLength(golden.nodes.length);
    expect(g.matches.size).toBe(0);
  });

  it('lists the namespaces', () => {
    expect(graphNamespaces(golden)).toEqual(['ambient-shop', 'data', 'istio-egress', 'istio-system', 'legacy', 'ml', 'payments', 'shop']);
  });

  it('filters by status and keeps only the nodes the kept edges touch', () => {
    const g = filterGraph(golden, { ...all, status: 'blocked' });
    expect(g.edges.every((e) => e.status === 'blocked')).toBe(true);
    const hostile = DEMO_HOSTILE_BLOCKED.map((h) => `ext:${h.host}`);
    expect(g.nodes.map((n) => n.id).sort()).toEqual(['ext:pastebin.com', ...hostile, 'ns:east/data', 'unattributed:blocked', 'wl:east/data/cdc-connector', 'wl:east/data/etl-worker'].sort());
  });

  it('filters by source namespace, keeping namespace boxes of kept workloads', () => {
    const g = filterGraph(golden, { ...all, namespaces: ['shop'] });
    // The demo runs shop in two clusters: the filter keeps both.
    expect(g.edges.every((e) => /^wl:(?:east|west)\/shop\//.test(e.source))).toBe(true);
    expect(g.nodes.some((n) => n.id === 'ns:east/shop')).toBe(true);
    expect(g.nodes.some((n) => n.id === 'ns:west/shop')).toBe(true);
    expect(g.nodes.some((n) => n.id === 'wl:east/istio-system/istio-egressgateway')).toBe(true);
    expect(g.nodes.some((n) => n.id === 'ns:east/istio-system')).toBe(true);
    expect(g.nodes.some((n) => n.id === 'ns:east/data')).toBe(false);
  });

  it('highlights find matches without removing anything, case-insensitively', () => {
    const g = filterGraph(golden, { ...all, find: 'GoogleAPIs' });
    expect([...g.matches]).toEqual(['ext:*.googleapis.com']);
    expect(g.nodes).toHaveLength(golden.nodes.length);
    // A substring: `shop/` finds ambient-shop's workloads too.
    expect([...filterGraph(golden, { ...all, find: 'shop/' }).matches].every((id) => /^wl:(?:east|west)\/(?:ambient-)?shop\//.test(id))).toBe(true);
  });
});

describe('filterGraph with several clusters', () => {
  const flows = (cluster: string) => [
    { source: { namespace: 'shop', workload: 'checkout-v1', cluster }, destination: { host: 'x.test', status: 'passthrough' as const }, protocol: 'http' as const, dataPlane: 'sidecar' as const, requestsPerSecond: 1 },
    { source: { namespace: 'data', workload: 'etl', cluster }, destination: { host: 'y.test', status: 'blocked' as const }, protocol: 'http' as const, dataPlane: 'sidecar' as const, requestsPerSecond: 1 },
  ];
  const g = buildEgressGraph({ end: 'E', window: '5m', warnings: [], queries: { http: '', tcp: '' }, flows: [...flows('east'), ...flows('west')] });

  it('offers each cluster and each namespace once', () => {
    expect(graphClusters(g)).toEqual(['east', 'west']);
    expect(graphNamespaces(g)).toEqual(['data', 'shop']);
    // The demo graph: two clusters.
    expect(graphClusters(golden)).toEqual(['east', 'west']);
    // One cluster offers none.
    expect(graphClusters(buildEgressGraph({ end: 'E', window: '5m', warnings: [], queries: { http: '', tcp: '' }, flows: flows('east') }))).toEqual([]);
  });

  it('keeps only the chosen clusters sources, with the namespace filter too', () => {
    const east = filterGraph(g, { ...all, clusters: ['east'] });
    expect(east.nodes.filter((n) => n.kind === 'workload').map((n) => n.id)).toEqual(['wl:east/data/etl', 'wl:east/shop/checkout-v1']);
    expect(east.nodes.map((n) => n.id)).toContain('ext:x.test');
    const shop = filterGraph(g, { ...all, clusters: ['west'], namespaces: ['shop'] });
    expect(shop.edges.map((e) => e.source)).toEqual(['wl:west/shop/checkout-v1']);
    expect(filterGraph(g, { ...all, find: 'west/data' }).matches).toEqual(new Set(['wl:west/data/etl']));
  });
});
