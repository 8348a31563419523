import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EDGE_BUDGET, NAMESPACE_LEVEL_WORKLOADS, ratesByStatus, visibleGraph, withinEdgeBudget, type DetailOptions } from './detail';
import { GROUP_HOSTS_ABOVE, nodeDomain } from './domains';
import type { EgressEdge } from './model';
import { syntheticGraph, syntheticSpec, type SyntheticFlow } from '../../testing/testdata/graph/synthetic';
import { goldenGraph } from '../../testing/testdata';

const golden = goldenGraph();
const NONE: DetailOptions = { expanded: [], expandedDomains: [], focus: null };

/** Expanded namespaces and domains drawn from what the graph holds (and one it does not). */
const options = (g: ReturnType<typeof syntheticGraph>) =>
  fc.record({
    expanded: fc.subarray([...new Set(g.nodes.flatMap((n) => (n.kind === 'workload' ? [n.namespace] : [])))].concat('absent')),
    expandedDomains: fc.subarray([...new Set(g.nodes.flatMap((n) => nodeDomain(n) ?? []))].concat('absent.example')),
    focus: fc.constant(null),
  });

const withOptions = syntheticSpec.map(syntheticGraph).chain((g) => fc.tuple(fc.constant(g), options(g)));

function close(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a), Math.abs(b));
}

describe('visibleGraph laws', () => {
  it('are tried on graphs at namespace level and with groups', () => {
    const samples = fc.sample(withOptions, { numRuns: 200, seed: 13 }).map(([g, opts]) => visibleGraph(g, opts));
    expect(samples.filter((v) => v.namespaceLevel).length).toBeGreaterThan(10);
    expect(samples.filter((v) => v.nodes.some((n) => n.kind === 'host-group')).length).toBeGreaterThan(10);
  });

  it('aggregation preserves the total rate per status', () => {
    fc.assert(
      fc.property(withOptions, ([g, opts]) => {
        const before = ratesByStatus(g.edges);
        // Every edge drawn (the edge budget, tested below, accounts for what it hides).
        const after = ratesByStatus(visibleGraph(g, { ...opts, allEdges: true }).edges);
        for (const s of ['blocked', 'passthrough', 'registered'] as const) expect(close(before[s], after[s]), s).toBe(true);
      }),
    );
  });

  it('every visible edge joins two visible nodes, and edge ids are unique', () => {
    fc.assert(
      fc.property(withOptions, ([g, opts]) => {
        const v = visibleGraph(g, opts);
        const ids = new Set(v.nodes.map((n) => n.id));
        for (const e of v.edges) {
          expect(ids.has(e.source), e.id).toBe(true);
          expect(ids.has(e.target), e.id).toBe(true);
        }
        expect(new Set(v.edges.map((e) => e.id)).size).toBe(v.edges.length);
        expect(ids.size).toBe(v.nodes.length);
      }),
    );
  });

  it('no node is both drawn and folded into an aggregate; expanded ones are never aggregated; gateways never are', () => {
    fc.assert(
      fc.property(withOptions, ([g, opts]) => {
        const v = visibleGraph(g, opts);
        for (const n of v.nodes) {
          if (n.kind === 'namespace-group') {
            expect(opts.expanded).not.toContain(n.namespace);
            expect(v.nodes.some((w) => w.kind === 'workload' && !w.gateway && w.namespace === n.namespace)).toBe(false);
          }
          if (n.kind === 'host-group') {
            expect(opts.expandedDomains).not.toContain(n.domain);
            expect(v.nodes.some((h) => nodeDomain(h) === n.domain)).toBe(false);
          }
        }
        for (const n of g.nodes) if (n.kind === 'workload' && n.gateway) expect(v.representative(n.id)).toBe(n.id);
      }),
    );
  });

  it('grouping never mixes registrable domains, groups at least two hosts, and a group lists its hosts statuses', () => {
    fc.assert(
      fc.property(withOptions, ([g, opts]) => {
        const v = visibleGraph(g, opts);
        for (const n of v.nodes) {
          if (n.kind !== 'host-group') continue;
          const members = v.members.get(n.id) ?? [];
          expect(members.length).toBe(n.hosts);
          expect(members.length).toBeGreaterThanOrEqual(2);
          for (const m of members) expect(nodeDomain(m)).toBe(n.domain);
          const statuses = new Set(members.flatMap((m) => (m.kind === 'host' ? m.statuses : [])));
          expect(new Set(n.statuses)).toEqual(statuses);
          expect(n.status).toBe(n.statuses[0]);
        }
      }),
    );
  });

  it('every edge keeps one status, and red (blocked) is exactly the blocked status', () => {
    fc.assert(
      fc.property(withOptions, ([g, opts]) => {
        for (const e of visibleGraph(g, opts).edges) expect(e.blocked).toBe(e.status === 'blocked');
      }),
    );
  });

  it('every input node has a visible representative', () => {
    fc.assert(
      fc.property(withOptions, ([g, opts]) => {
        const v = visibleGraph(g, opts);
        const ids = new Set(v.nodes.map((n) => n.id));
        for (const n of g.nodes) if (n.kind !== 'namespace') expect(ids.has(v.representative(n.id) ?? '')).toBe(true);
      }),
    );
  });
});

describe('levels of detail', () => {
  it('leaves the demo graph (a small mesh) as it is', () => {
    const v = visibleGraph(golden, NONE);
    expect(v.namespaceLevel).toBe(false);
    expect(v.nodes.map((n) => n.id)).toEqual([...golden.nodes.map((n) => n.id)].sort());
    expect(v.edges).toEqual([...golden.edges].sort((a, b) => (a.id < b.id ? -1 : 1)));
  });

  const big = (workloads: number) =>
    syntheticGraph({
      workloads,
      namespaces: 3,
      hosts: ['api.github.com', 'codeload.github.com'],
      flows: Array.from({ length: workloads }, (_, i) => ({ workload: i, host: i % 2, protocol: 'http' as const, status: i % 5 === 0 ? ('blocked' as const) : ('passthrough' as const), rate: 1, errors: i === 3 ? 1 : 0, viaGateway: i % 7 === 0 })),
    });

  it(`opens at namespace level above ${NAMESPACE_LEVEL_WORKLOADS} workloads, one node per namespace, gateways kept`, () => {
    expect(visibleGraph(big(NAMESPACE_LEVEL_WORKLOADS), NONE).namespaceLevel).toBe(false);
    const v = visibleGraph(big(NAMESPACE_LEVEL_WORKLOADS + 1), NONE);
    expect(v.namespaceLevel).toBe(true);
    expect(v.nodes.filter((n) => n.kind === 'namespace-group').map((n) => [n.id, n.kind === 'namespace-group' && n.workloads])).toEqual([
      ['nsg:ns-0', 21],
      ['nsg:ns-1', 20],
      ['nsg:ns-2', 20],
    ]);
    expect(v.nodes.filter((n) => n.kind === 'workload').map((n) => n.id)).toEqual(['wl:istio-system/istio-egressgateway']);
    expect(v.nodes.some((n) => n.id === 'ns:ns-0')).toBe(false);
    // Summed per namespace x destination x protocol x status; health recomputed from the summed codes.
    const e = v.edges.find((x) => x.id === 'nsg:ns-0>ext:codeload.github.com|http|passthrough');
    // ns-0's odd workloads call codeload: 10 of them, minus 15 and 45 (blocked) and 21 (through the gateway).
    expect(e?.requestsPerSecond).toBeCloseTo(7);
    expect(e?.health).toBe('failing'); // wl-3's 1 req/s of 503 in 7 req/s: 14% 5xx
    expect(v.edges.find((x) => x.id === 'nsg:ns-0>ext:api.github.com|http|blocked')?.blocked).toBe(true);
  });

  it('expands a namespace in place: its workloads come back with their box, the rest stay folded', () => {
    const v = visibleGraph(big(90), { ...NONE, expanded: ['ns-1'] });
    expect(v.nodes.some((n) => n.id === 'nsg:ns-1')).toBe(false);
    expect(v.nodes.filter((n) => n.kind === 'workload' && n.namespace === 'ns-1')).toHaveLength(30);
    expect(v.nodes.some((n) => n.id === 'ns:ns-1')).toBe(true);
    expect(v.nodes.some((n) => n.id === 'nsg:ns-0')).toBe(true);
    expect(v.representative('wl:ns-0/wl-3')).toBe('nsg:ns-0');
    expect(v.representative('wl:ns-1/wl-1')).toBe('wl:ns-1/wl-1');
  });
});

describe('domain groups', () => {
  const many = (extra: string[], blocked: string[] = []) => {
    const hosts = [...Array.from({ length: GROUP_HOSTS_ABOVE }, (_, i) => `h${i}.d${i % 4}.example`), ...extra];
    return syntheticGraph({
      workloads: 2,
      namespaces: 1,
      hosts,
      flows: hosts.map((h, i) => ({ workload: i % 2, host: i, protocol: 'http' as const, status: blocked.includes(h) ? ('blocked' as const) : ('passthrough' as const), rate: 1, errors: 0, viaGateway: false })),
    });
  };

  it(`groups by registrable domain only above ${GROUP_HOSTS_ABOVE} destinations`, () => {
    expect(visibleGraph(many([]), NONE).nodes.some((n) => n.kind === 'host-group')).toBe(false);
    const v = visibleGraph(many(['api.github.com', 'codeload.github.com', 'a.s3.amazonaws.com', 'b.s3.amazonaws.com', 'c.github.io', '198.51.100.7', 'solo.example.net']), NONE);
    const groups = v.nodes.filter((n) => n.kind === 'host-group').map((n) => n.id);
    expect(groups).toEqual(['grp:amazonaws.com', 'grp:d0.example', 'grp:d1.example', 'grp:d2.example', 'grp:d3.example', 'grp:github.com']);
    // One host of its domain, an IP, and github.io (another domain than github.com) stay hosts.
    for (const id of ['ext:solo.example.net', 'ext:198.51.100.7', 'ext:c.github.io']) expect(v.nodes.some((n) => n.id === id)).toBe(true);
    expect(v.members.get('grp:github.com')?.map((n) => n.id)).toEqual(['ext:api.github.com', 'ext:codeload.github.com']);
  });

  it('a group holding a blocked host gets a red edge and keeps its grey one; its status lists both, most severe first', () => {
    const v = visibleGraph(many(['api.github.com', 'codeload.github.com'], ['codeload.github.com']), NONE);
    const group = v.nodes.find((n) => n.id === 'grp:github.com');
    expect(group).toMatchObject({ kind: 'host-group', status: 'blocked', statuses: ['blocked', 'passthrough'], hosts: 2 });
    const edges = v.edges.filter((e) => e.target === 'grp:github.com');
    expect(edges.map((e) => [e.status, e.blocked]).sort()).toEqual([
      ['blocked', true],
      ['passthrough', false],
    ]);
  });

  it('an expanded domain shows its hosts again', () => {
    const v = visibleGraph(many(['api.github.com', 'codeload.github.com']), { ...NONE, expandedDomains: ['github.com'] });
    expect(v.grouped).toBe(true);
    expect(v.nodes.some((n) => n.id === 'grp:github.com')).toBe(false);
    expect(v.nodes.some((n) => n.id === 'ext:api.github.com')).toBe(true);
    expect(v.nodes.some((n) => n.id === 'grp:d0.example')).toBe(true);
  });
});

describe('the edge budget', () => {
  const edgeArb = fc.record({
    source: fc.integer({ min: 0, max: 30 }).map((i) => `nsg:s${i}`),
    target: fc.integer({ min: 0, max: 60 }).map((i) => `grp:d${i}.example`),
    protocol: fc.constantFrom('http' as const, 'tcp' as const),
    status: fc.constantFrom('passthrough' as const, 'registered' as const, 'blocked' as const),
    rate: fc.oneof(fc.double({ min: 0, max: 1e4, noNaN: true }), fc.constant(0)),
  });
  const edgesArb = fc.uniqueArray(edgeArb, { maxLength: 300, selector: (e) => `${e.source}>${e.target}|${e.protocol}|${e.status}` }).map((list) =>
    list.map((e) => ({
      id: `${e.source}>${e.target}|${e.protocol}|${e.status}`,
      source: e.source,
      target: e.target,
      protocol: e.protocol,
      status: e.status,
      blocked: e.status === 'blocked',
      viaGateway: false,
      ...(e.protocol === 'tcp' ? { connectionsPerSecond: e.rate } : { requestsPerSecond: e.rate }),
    })),
  );

  it('draws at most the budget, blocked edges before any other, and accounts for every edge and its traffic', () => {
    fc.assert(
      fc.property(edgesArb, fc.integer({ min: 1, max: 200 }), (edges, budget) => {
        const { kept, hidden } = withinEdgeBudget(edges, budget);
        const blocked = edges.filter((e) => e.blocked);
        expect(kept.length).toBe(Math.min(budget, edges.length));
        if (blocked.length <= budget) for (const e of blocked) expect(kept).toContain(e);
        else expect(kept.every((e) => e.blocked)).toBe(true);
        expect(hidden?.blocked ?? 0).toBe(Math.max(0, blocked.length - budget));
        expect(kept.length + (hidden?.count ?? 0)).toBe(edges.length);
        if (hidden) expect(hidden.total).toBe(edges.length);
        else expect(kept.length).toBe(edges.length);
        const sum = (list: readonly EgressEdge[], p: 'tcp' | 'http') => list.filter((e) => (p === 'tcp') === (e.protocol === 'tcp')).reduce((s, e) => s + ((p === 'tcp' ? e.connectionsPerSecond : e.requestsPerSecond) ?? 0), 0);
        expect(close(sum(kept, 'http') + (hidden?.requestsPerSecond ?? 0), sum(edges, 'http'))).toBe(true);
        expect(close(sum(kept, 'tcp') + (hidden?.connectionsPerSecond ?? 0), sum(edges, 'tcp'))).toBe(true);
      }),
    );
  });

  it('keeps each source its busiest edge while the budget has room for one per source, and never a quieter edge of a source over a busier one', () => {
    fc.assert(
      fc.property(edgesArb, fc.integer({ min: 1, max: 200 }), (edges, budget) => {
        const { kept } = withinEdgeBudget(edges, budget);
        const open = edges.filter((e) => !e.blocked);
        const sources = new Set(open.map((e) => e.source));
        const room = budget - edges.filter((e) => e.blocked).length;
        const blockedSources = new Set(edges.filter((e) => e.blocked).map((e) => e.source));
        const blockedKept = kept.filter((e) => e.blocked);
        if (budget >= blockedSources.size) for (const s of blockedSources) expect(blockedKept.some((e) => e.source === s), s).toBe(true);
        const rate = (e: EgressEdge) => (e.protocol === 'tcp' ? e.connectionsPerSecond : e.requestsPerSecond) ?? 0;
        if (room >= sources.size) for (const s of sources) expect(kept.some((e) => e.source === s && !e.blocked), s).toBe(true);
        const keptIds = new Set(kept.map((e) => e.id));
        for (const list of [open, edges.filter((e) => e.blocked)])
          for (const a of list)
            for (const b of list) if (a.source === b.source && keptIds.has(a.id) && !keptIds.has(b.id)) expect(rate(a)).toBeGreaterThanOrEqual(rate(b));
      }),
    );
  });

  it('is the same whatever order the edges come in', () => {
    fc.assert(
      fc.property(edgesArb, fc.integer({ min: 1, max: 200 }), (edges, budget) => {
        const ids = (list: readonly EgressEdge[]) => list.map((e) => e.id).sort();
        expect(ids(withinEdgeBudget([...edges].reverse(), budget).kept)).toEqual(ids(withinEdgeBudget(edges, budget).kept));
      }),
    );
  });

  it('a 2,000-workload mesh opens within the budget: at most EDGE_BUDGET edges and 150 nodes, every blocked edge drawn (they fit), unless all are asked for', () => {
    const hosts = Array.from({ length: 3000 }, (_, i) => `h${i}.d${i % 40}.example`);
    const flows: SyntheticFlow[] = Array.from({ length: 2000 * 3 }, (_, i) => ({
      workload: Math.floor(i / 3),
      host: (i * 7919) % hosts.length,
      protocol: i % 5 === 0 ? ('tcp' as const) : ('http' as const),
      status: i % 23 === 0 ? ('blocked' as const) : i % 3 === 0 ? ('registered' as const) : ('passthrough' as const),
      rate: 0.05 * 1000 ** ((i % 97) / 97),
      errors: 0,
      viaGateway: false,
    }));
    const big = syntheticGraph({ workloads: 2000, namespaces: 50, hosts, flows });
    const v = visibleGraph(big, { expanded: [], expandedDomains: [], focus: null });
    const all = visibleGraph(big, { expanded: [], expandedDomains: [], focus: null, allEdges: true });
    expect(all.edges.length).toBeGreaterThan(EDGE_BUDGET);
    expect(all.hiddenEdges).toBeNull();
    expect(v.hiddenEdges?.total).toBe(all.edges.length);
    expect(v.edges.length).toBeLessThanOrEqual(EDGE_BUDGET);
    expect(v.nodes.filter((n) => n.kind !== 'namespace').length).toBeLessThanOrEqual(150);
    const drawn = new Set(v.edges.map((e) => e.id));
    for (const e of all.edges) if (e.blocked) expect(drawn.has(e.id), e.id).toBe(true);
  });
});
