import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hostIdOf } from '../egress/host-id';
import type { EgressStatus } from '../egress/types';
import { OPENING_VIEWPORT, layoutBounds, layoutEgressGraph, segmentHitsRect, type EgressLayout, type Position } from './layout';
import { countCrossings, drawnEdge } from './layout-crossings';
import { LABEL_FONT, READABLE_LABEL_PX, fitViewport, nodeSize, rectAt, type Rect } from './layout-geometry';
import { layoutEgressGridBaseline } from './layout-grid';
import { visibleGraph } from './detail';
import { syntheticGraph, syntheticSpec } from '../../testing/testdata/graph/synthetic';
import type { EgressEdge, EgressNode } from './model';
import { goldenGraph } from '../../testing/testdata';

const golden = goldenGraph();

const ns = (name: string): EgressNode => ({ id: `ns:${name}`, kind: 'namespace', label: name });
const wl = (namespace: string, name: string, gateway = false): EgressNode => ({ id: `wl:${namespace}/${name}`, kind: 'workload', label: name, namespace, workload: name, gateway, parent: `ns:${namespace}` });
const host = (h: string, status: EgressStatus = 'passthrough'): EgressNode => ({ id: `ext:${h}`, kind: 'host', label: h, host: h, hostId: hostIdOf(h), status, statuses: [status] });
const edge = (source: string, target: string, status: EgressStatus = 'passthrough', rate = 1): EgressEdge => ({
  id: `${source}>${target}|http|${status}`,
  source,
  target,
  protocol: 'http',
  status,
  blocked: status === 'blocked',
  viaGateway: target.startsWith('wl:'),
  requestsPerSecond: rate,
  responses: { '200': rate },
});

/** The 20-node mesh of issue 13: 9 workloads (one an egress gateway), 11 destinations, 14 edges. */
function issueMesh(): { nodes: EgressNode[]; edges: EgressEdge[] } {
  const workloads = [wl('shop', 'frontend'), wl('shop', 'checkout'), wl('shop', 'cart'), wl('payments', 'billing'), wl('payments', 'fraud'), wl('data', 'etl'), wl('data', 'loader'), wl('ml', 'trainer'), wl('istio-system', 'egressgateway', true)];
  const hosts = ['api.stripe.com', 'api.github.com', 'pastebin.com', 'httpbin.org', 's3.amazonaws.com', 'api.openai.com', 'hooks.slack.com', 'sentry.io', 'api.sendgrid.com', 'example.org', 'pypi.org'].map((h) => host(h, h === 'pastebin.com' ? 'blocked' : 'passthrough'));
  const gw = 'wl:istio-system/egressgateway';
  const edges = [
    edge('wl:shop/frontend', 'ext:sentry.io'),
    edge('wl:shop/frontend', 'ext:httpbin.org'),
    edge('wl:shop/checkout', gw, 'registered'),
    edge(gw, 'ext:api.stripe.com', 'registered'),
    edge('wl:shop/cart', 'ext:api.sendgrid.com'),
    edge('wl:payments/billing', 'ext:api.stripe.com'),
    edge('wl:payments/fraud', 'ext:example.org'),
    edge('wl:data/etl', 'ext:pastebin.com', 'blocked'),
    edge('wl:data/etl', 'ext:s3.amazonaws.com'),
    edge('wl:data/loader', 'ext:s3.amazonaws.com'),
    edge('wl:ml/trainer', 'ext:api.openai.com'),
    edge('wl:ml/trainer', 'ext:pypi.org'),
    edge('wl:ml/trainer', 'ext:api.github.com'),
    edge('wl:data/loader', 'ext:hooks.slack.com'),
  ];
  return { nodes: [...['shop', 'payments', 'data', 'ml', 'istio-system'].map(ns), ...workloads, ...hosts], edges };
}

const drawn = (edges: readonly EgressEdge[], positions: ReadonlyMap<string, Position>, bends?: ReadonlyMap<string, readonly Position[]>) => edges.flatMap((e) => drawnEdge(e, positions, bends) ?? []);
const boxes = (layout: EgressLayout): [string, Rect][] => [...layout.positions].map(([id, p]) => [id, rectAt(p.x, p.y, layout.extents.get(id)!)]);
const overlaps = (a: Rect, b: Rect) => a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;
/** A rectangle shrunk by half a unit: a line along its border does not cross it. */
const inner = (r: Rect): Rect => ({ x1: r.x1 + 0.5, y1: r.y1 + 0.5, x2: r.x2 - 0.5, y2: r.y2 - 0.5 });

/** Edges through nodes they do not touch: [edge id, node id] pairs. */
function edgesThroughNodes(layout: EgressLayout, edges: readonly EgressEdge[]): [string, string][] {
  const out: [string, string][] = [];
  const rects = boxes(layout);
  for (const e of edges) {
    const line = drawnEdge(e, layout.positions, layout.bends);
    if (!line) continue;
    for (const [id, r] of rects) {
      if (id === e.source || id === e.target) continue;
      for (let i = 1; i < line.points.length; i++) if (segmentHitsRect(line.points[i - 1]!, line.points[i]!, inner(r))) out.push([e.id, id]);
    }
  }
  return out;
}

const openingLabelPx = (layout: EgressLayout) => fitViewport(layoutBounds(layout, layout.positions.keys())!, OPENING_VIEWPORT).zoom * LABEL_FONT;

// Random egress graphs shaped like meshes: namespaces of workloads, maybe an egress gateway, hosts of every status.
const STATUSES: readonly EgressStatus[] = ['passthrough', 'registered', 'blocked'];
const arbMesh = (maxWorkloads: number, maxHosts: number, minWorkloads = 1, minHosts = 1) =>
  fc
    .record({
      workloads: fc.array(fc.record({ ns: fc.integer({ min: 0, max: 5 }), name: fc.string({ minLength: 1, maxLength: 40 }) }), { minLength: minWorkloads, maxLength: maxWorkloads }),
      hosts: fc.array(fc.record({ name: fc.string({ minLength: 1, maxLength: 60 }), status: fc.constantFrom(...STATUSES) }), { minLength: minHosts, maxLength: maxHosts }),
      gateway: fc.boolean(),
      links: fc.array(fc.tuple(fc.nat(), fc.nat(), fc.boolean()), { maxLength: 150 }),
    })
    .map(({ workloads, hosts, gateway, links }) => {
      const nodes: EgressNode[] = [];
      const wls = workloads.map((w, i) => wl(`ns-${w.ns}`, `${w.name}-${i}`));
      const hs = hosts.map((h, i) => host(`${h.name}-${i}`, h.status));
      const gw = gateway ? [wl('istio-system', 'istio-egressgateway', true)] : [];
      for (const n of [...wls, ...gw]) if (n.kind === 'workload' && !nodes.some((x) => x.id === n.parent)) nodes.push(ns(n.namespace));
      nodes.push(...wls, ...gw, ...hs);
      const edges = new Map<string, EgressEdge>();
      for (const [a, b, viaGateway] of links) {
        const source = wls[a % wls.length]!;
        const target = hs[b % hs.length]!;
        const status = target.kind === 'host' ? target.status : 'passthrough';
        for (const e of gw[0] && viaGateway ? [edge(source.id, gw[0].id, 'registered'), edge(gw[0].id, target.id, status)] : [edge(source.id, target.id, status)]) edges.set(e.id, e);
      }
      return { nodes, edges: [...edges.values()] };
    });

/** Small meshes, and big ones (many workloads, or many hosts). */
const arbAnyMesh = fc.oneof(arbMesh(12, 12), arbMesh(60, 20, 40, 5), arbMesh(15, 80, 1, 50));

describe('layoutEgressGraph on the demo mesh and the issue mesh', () => {
  it('reads left to right: workloads, then the egress gateway, then destinations', () => {
    const { positions } = layoutEgressGraph(golden.nodes, golden.edges);
    const xOf = (id: string) => positions.get(id)!.x;
    const gw = xOf('wl:east/istio-system/istio-egressgateway');
    expect(Math.max(...golden.nodes.filter((n) => n.kind === 'workload' && !n.gateway).map((n) => xOf(n.id)))).toBeLessThan(gw);
    expect(gw).toBeLessThan(Math.min(...golden.nodes.filter((n) => n.kind !== 'workload' && n.kind !== 'namespace').map((n) => xOf(n.id))));
  });

  it.each([
    ['the demo mesh', golden],
    ['the 20-node mesh of the issue', issueMesh()],
  ])('cuts crossings on %s by at least 80%% against the old grid, and no edge runs through a node', (_, g) => {
    const layout = layoutEgressGraph(g.nodes, g.edges);
    const before = countCrossings(drawn(g.edges, layoutEgressGridBaseline(g.nodes)));
    const after = countCrossings(drawn(g.edges, layout.positions, layout.bends));
    expect(before).toBeGreaterThan(0);
    expect(after).toBeLessThanOrEqual(before * 0.2);
    expect(edgesThroughNodes(layout, g.edges)).toEqual([]);
    expect(openingLabelPx(layout)).toBeGreaterThanOrEqual(READABLE_LABEL_PX);
  });

  it('routes the demo etl-worker -> =hyperlink edge round the gateway, not through it', () => {
    const layout = layoutEgressGraph(golden.nodes, golden.edges);
    const e = golden.edges.find((x) => x.source === 'wl:east/data/etl-worker' && x.target.startsWith('ext:=hyperlink'))!;
    const gw = layout.positions.get('wl:east/istio-system/istio-egressgateway')!;
    const r = rectAt(gw.x, gw.y, layout.extents.get('wl:east/istio-system/istio-egressgateway')!);
    const line = drawnEdge(e, layout.positions, layout.bends)!;
    for (let i = 1; i < line.points.length; i++) expect(segmentHitsRect(line.points[i - 1]!, line.points[i]!, r)).toBe(false);
  });
});

// Hundreds of generated meshes per law: seconds of work, more on a busy 2-core machine than vitest's 5 s default.
describe('layoutEgressGraph laws', { timeout: 60_000 }, () => {
  it('places every node except namespace boxes, with no two boxes (labels included) overlapping', () => {
    fc.assert(
      fc.property(arbAnyMesh, ({ nodes, edges }) => {
        const layout = layoutEgressGraph(nodes, edges);
        expect([...layout.positions.keys()].sort()).toEqual(nodes.filter((n) => n.kind !== 'namespace').map((n) => n.id).sort());
        const rects = boxes(layout);
        for (let i = 0; i < rects.length; i++) for (let j = i + 1; j < rects.length; j++) expect(overlaps(rects[i]![1], rects[j]![1]), `${rects[i]![0]} / ${rects[j]![0]}`).toBe(false);
      }),
      { numRuns: 150 },
    );
  });

  it('keeps both laws on what the page draws: aggregates (namespace level, domain groups) included', () => {
    fc.assert(
      fc.property(syntheticSpec, (spec) => {
        const v = visibleGraph(syntheticGraph(spec), { expanded: [], expandedDomains: [], focus: null });
        const layout = layoutEgressGraph(v.nodes, v.edges);
        const rects = boxes(layout);
        for (let i = 0; i < rects.length; i++) for (let j = i + 1; j < rects.length; j++) expect(overlaps(rects[i]![1], rects[j]![1]), `${rects[i]![0]} / ${rects[j]![0]}`).toBe(false);
        expect(edgesThroughNodes(layout, v.edges)).toEqual([]);
        // Every bend lies outside both end nodes and their borders (up to 3 wide): cytoscape drops an edge whose bend is inside its end node.
        const byId = new Map(v.nodes.map((n) => [n.id, n]));
        for (const e of v.edges) {
          for (const end of [e.source, e.target]) {
            const p = layout.positions.get(end)!;
            const half = nodeSize(byId.get(end)!).w / 2 + 3;
            for (const b of layout.bends.get(e.id) ?? []) expect(Math.abs(b.x - p.x) > half || Math.abs(b.y - p.y) > half, `${e.id} bend near ${end}`).toBe(true);
          }
        }
      }),
      { numRuns: 60 },
    );
  });

  it('draws no edge segment through a node box the edge does not end at', () => {
    fc.assert(
      fc.property(arbAnyMesh, ({ nodes, edges }) => {
        expect(edgesThroughNodes(layoutEgressGraph(nodes, edges), edges)).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });

  it('is deterministic: input order and rates change nothing, and re-laying out from its own positions moves nothing', () => {
    fc.assert(
      fc.property(
        arbMesh(30, 30).chain((g) => fc.record({ g: fc.constant(g), nodes: fc.shuffledSubarray(g.nodes, { minLength: g.nodes.length }), edges: fc.shuffledSubarray(g.edges, { minLength: g.edges.length }) })),
        ({ g, nodes, edges }) => {
          const a = layoutEgressGraph(g.nodes, g.edges);
          const b = layoutEgressGraph(
            nodes,
            edges.map((e) => ({ ...e, requestsPerSecond: (e.requestsPerSecond ?? 0) * 7 + 1 })),
          );
          expect([...b.positions].sort()).toEqual([...a.positions].sort());
          expect([...b.bends].sort()).toEqual([...a.bends].sort());
          const c = layoutEgressGraph(g.nodes, g.edges, a.positions);
          expect([...c.positions].sort()).toEqual([...a.positions].sort());
        },
      ),
      { numRuns: 100 },
    );
  });

  it('keeps the relative order of old nodes in each layer when nodes are added', () => {
    fc.assert(
      fc.property(
        arbMesh(30, 30).chain((g) => fc.record({ g: fc.constant(g), keep: fc.subarray(g.nodes.filter((n) => n.kind !== 'namespace')) })),
        ({ g, keep }) => {
          const kept = new Set(keep.map((n) => n.id));
          const before = { nodes: g.nodes.filter((n) => n.kind === 'namespace' || kept.has(n.id)), edges: g.edges.filter((e) => kept.has(e.source) && kept.has(e.target)) };
          const first = layoutEgressGraph(before.nodes, before.edges);
          const second = layoutEgressGraph(g.nodes, g.edges, first.positions);
          // Old nodes in one column (same x band: a layer) stay in the same top-to-bottom order.
          const order = (layout: EgressLayout, ids: string[]) => [...ids].sort((a, b) => layout.positions.get(a)!.y - layout.positions.get(b)!.y || layout.positions.get(a)!.x - layout.positions.get(b)!.x);
          const layerOf = (layout: EgressLayout, id: string) => layout.sides.get(id);
          for (const side of ['left', 'below', 'right'] as const) {
            const old = [...kept].filter((id) => layerOf(first, id) === side && layerOf(second, id) === side);
            expect(order(second, old)).toEqual(order(first, old));
          }
        },
      ),
      { numRuns: 100 },
    );
  });

  it('opens any mesh of up to 80 nodes (up to 60 workloads, as the namespace level takes over above) with labels of 11 px or more at 1440x900', () => {
    fc.assert(
      fc.property(
        fc.oneof(arbMesh(60, 20, 50, 1), arbMesh(20, 79, 1, 55), arbMesh(60, 79)).filter((g) => g.nodes.filter((n) => n.kind !== 'namespace').length <= 80),
        ({ nodes, edges }) => {
          expect(openingLabelPx(layoutEgressGraph(nodes, edges))).toBeGreaterThanOrEqual(READABLE_LABEL_PX);
        },
      ),
      { numRuns: 150 },
    );
  });
});
