import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_HOSTILE_BLOCKED } from '../demo';
import { filterGraph, graphNamespaces } from './filter';
import type { EgressGraph } from './model';

const golden = JSON.parse(fs.readFileSync(path.join(__dirname, 'testdata', 'demo-graph.golden.json'), 'utf8')) as EgressGraph;
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
    expect(g.nodes.map((n) => n.id).sort()).toEqual(['ext:pastebin.com', ...hostile, 'ns:data', 'unattributed:blocked', 'wl:data/cdc-connector', 'wl:data/etl-worker'].sort());
  });

  it('filters by source namespace, keeping namespace boxes of kept workloads', () => {
    const g = filterGraph(golden, { ...all, namespaces: ['shop'] });
    expect(g.edges.every((e) => e.source.startsWith('wl:shop/'))).toBe(true);
    expect(g.nodes.some((n) => n.id === 'ns:shop')).toBe(true);
    expect(g.nodes.some((n) => n.id === 'wl:istio-system/istio-egressgateway')).toBe(true);
    expect(g.nodes.some((n) => n.id === 'ns:istio-system')).toBe(true);
    expect(g.nodes.some((n) => n.id === 'ns:data')).toBe(false);
  });

  it('highlights find matches without removing anything, case-insensitively', () => {
    const g = filterGraph(golden, { ...all, find: 'GoogleAPIs' });
    expect([...g.matches]).toEqual(['ext:*.googleapis.com']);
    expect(g.nodes).toHaveLength(golden.nodes.length);
    // A substring: `shop/` finds ambient-shop's workloads too.
    expect([...filterGraph(golden, { ...all, find: 'shop/' }).matches].every((id) => id.startsWith('wl:shop/') || id.startsWith('wl:ambient-shop/'))).toBe(true);
  });
});
