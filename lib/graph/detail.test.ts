import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NAMESPACE_LEVEL_WORKLOADS, ratesByStatus, visibleGraph, type DetailOptions } from './detail';
import { GROUP_HOSTS_ABOVE, nodeDomain } from './domains';
import type { EgressGraph } from './model';
import { syntheticGraph, syntheticSpec } from './testdata/synthetic';

const golden = JSON.parse(fs.readFileSync(path.join(__dirname, 'testdata', 'demo-graph.golden.json'), 'utf8')) as EgressGraph;
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
        const after = ratesByStatus(visibleGraph(g, opts).edges);
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
