import { LABEL_LINE, NAMESPACE_PAD, NAMESPACE_TITLE, fitViewport, nearestFree, nodeExtent, rectAt, segmentHitsRect, unionRect, type Extent, type LabelSide, type Position, type Rect, type Viewport } from './layout-geometry';
import { STATUSES_BY_SEVERITY } from '../egress/types';

export type { Position } from './layout-geometry';
export { segmentHitsRect } from './layout-geometry';
import { insertNew, sweep, type LayerOrder, type OrderGraph } from './layout-order';
import type { EgressEdge, EgressNode } from './model';

/** Where everything goes: node centres, each node's box (label included) and each edge's bend points. */
export interface EgressLayout {
  /** Every node except namespace boxes (cytoscape sizes those around their workloads). */
  readonly positions: Map<string, Position>;
  readonly extents: Map<string, Extent>;
  readonly sides: Map<string, LabelSide>;
  /** Bend points of each edge, source to target, in graph coordinates. */
  readonly bends: Map<string, Position[]>;
}

/** Rows: one column holds a label every 16 units; staggered sub-columns a row every 9 (each sub-column 18+ apart: room for an edge passing between two labels). */
const PITCH = LABEL_LINE + 2;
const PITCH_STAGGERED = 9;
const ROW_HALF = LABEL_LINE / 2;
const BLOCK_GAP = 4;
const SUB_GAP = 14;
const GAP = 90;
const GAP_NO_GATEWAY = 150;
const GATEWAY_GAP = 14;
/** Edges keep this far from a box they pass. */
const CLEARANCE = 4;
/** The last bend of an edge is this far left of its target's column (node borders are up to 3 wide). */
const ENTRY_GAP = 6;
/** The graph area of the page at 1440x900 with the details panel closed (measured, see bench/graph-layout.ts). */
export const OPENING_VIEWPORT: Viewport = { width: 1152, height: 809 };

const kindOf = (n: EgressNode): string => n.kind;
const blockOf = (n: EgressNode): string | undefined => (n.kind === 'workload' ? n.parent : undefined);
const SIDES: readonly LabelSide[] = ['left', 'below', 'right'];

/**
 * Layers by role (issue 13): sources (only outgoing edges: workloads,
 * namespace aggregates), the middle (egress gateways, anything both called
 * and calling), destinations (everything else with incoming edges).
 */
function layerOf(n: EgressNode, indeg: number, outdeg: number): number {
  if (n.kind === 'workload' && n.gateway) return 1;
  if (indeg > 0) return outdeg > 0 ? 1 : 2;
  if (outdeg > 0) return 0;
  return n.kind === 'workload' || kindOf(n) === 'namespace-group' ? 0 : 2;
}

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * A layered (Sugiyama-style), Sankey-like layout of the egress graph: sources
 * left with labels on their left, egress gateways in the middle, destinations
 * right with labels on their right. Within each layer, barycenter sweeps
 * order the nodes (a namespace's workloads stay together) to cut crossings.
 * Tall layers wrap into staggered sub-columns so the opening view keeps
 * labels readable. Every edge leaves and enters its nodes horizontally and
 * bends around the gateway column, so no edge crosses a node it does not
 * touch. Deterministic; with `previous` positions, nodes seen before keep
 * their order and new ones are inserted where their neighbours pull them.
 */
export function layoutEgressGraph(
  nodes: readonly EgressNode[],
  edges: readonly EgressEdge[] = [],
  previous?: ReadonlyMap<string, Position>,
  viewport: Viewport = OPENING_VIEWPORT,
): EgressLayout {
  const placed = nodes.filter((n) => n.kind !== 'namespace').sort(byId);
  const byNodeId = new Map(placed.map((n) => [n.id, n]));
  const links = edges.filter((e) => e.source !== e.target && byNodeId.has(e.source) && byNodeId.has(e.target)).sort(byId);
  const indeg = new Map<string, number>();
  const outdeg = new Map<string, number>();
  const neighbours = new Map<string, string[]>();
  for (const e of links) {
    outdeg.set(e.source, (outdeg.get(e.source) ?? 0) + 1);
    indeg.set(e.target, (indeg.get(e.target) ?? 0) + 1);
    (neighbours.get(e.source) ?? neighbours.set(e.source, []).get(e.source)!).push(e.target);
    (neighbours.get(e.target) ?? neighbours.set(e.target, []).get(e.target)!).push(e.source);
  }
  const layer = new Map(placed.map((n) => [n.id, layerOf(n, indeg.get(n.id) ?? 0, outdeg.get(n.id) ?? 0)]));
  const graph: OrderGraph = {
    layerOf: layer,
    neighbours,
    links: links.map((e): [string, string] => ((layer.get(e.source) ?? 0) <= (layer.get(e.target) ?? 0) ? [e.source, e.target] : [e.target, e.source])),
  };

  // Blocks: a namespace's workloads (sources, gateways); every other node alone.
  const blocksOf = (ids: readonly string[]): LayerOrder => {
    const out = new Map<string, string[]>();
    for (const id of ids) {
      const key = blockOf(byNodeId.get(id) as EgressNode) ?? `\u0000${id}`;
      (out.get(key) ?? out.set(key, []).get(key)!).push(id);
    }
    return [...out.values()];
  };
  const layerIds = [0, 1, 2].map((li) => placed.filter((n) => layer.get(n.id) === li));
  const known = previous ? placed.filter((n) => previous.has(n.id)) : [];
  let order: LayerOrder[];
  if (previous && known.length > 0) {
    const prevKey = (id: string) => previous.get(id) as Position;
    const kept = layerIds.map((ns) =>
      blocksOf(
        ns
          .filter((n) => previous.has(n.id))
          .sort((a, b) => prevKey(a.id).y - prevKey(b.id).y || prevKey(a.id).x - prevKey(b.id).x || byId(a, b))
          .map((n) => n.id),
      ),
    );
    const fresh = layerIds.map((ns) => blocksOf(ns.filter((n) => !previous.has(n.id)).map((n) => n.id)));
    order = insertNew(kept, fresh, graph);
  } else {
    // Start: namespaces and names alphabetically, destinations by status (blocked first); then sweep.
    const label = (n: EgressNode) => n.label;
    const status = (n: EgressNode) => ('status' in n ? STATUSES_BY_SEVERITY.indexOf(n.status) : STATUSES_BY_SEVERITY.length);
    const start = layerIds.map((ns, li) => {
      const sorted = [...ns].sort((a, b) => (li === 2 ? status(a) - status(b) : 0) || (label(a) < label(b) ? -1 : label(a) > label(b) ? 1 : byId(a, b)));
      return blocksOf(sorted.map((n) => n.id)).sort((a, b) => (li === 2 ? 0 : (blockOf(byNodeId.get(a[0]!)!) ?? a[0]!) < (blockOf(byNodeId.get(b[0]!)!) ?? b[0]!) ? -1 : 1));
    });
    order = sweep(start, graph);
  }
  return place(byCluster(order, byNodeId), byNodeId, links, layer, viewport);
}

/** The cluster of a node drawn per cluster (workloads and namespace groups of a graph with several clusters). */
const clusterOf = (n: EgressNode | undefined): string | undefined => (n && (n.kind === 'workload' || n.kind === 'namespace-group') ? n.cluster : undefined);

/**
 * Each cluster's blocks together, clusters in name order, the sweep's order
 * kept within each: an SRE reads one cluster's sources (and its gateways) as
 * one band. Without clusters the order is unchanged.
 */
function byCluster(order: readonly LayerOrder[], nodes: ReadonlyMap<string, EgressNode>): LayerOrder[] {
  return order.map((blocks, li) => {
    if (li === 2 || !blocks.some((b) => clusterOf(nodes.get(b[0] ?? '')) !== undefined)) return [...blocks];
    const key = (b: readonly string[]) => clusterOf(nodes.get(b[0] ?? '')) ?? '';
    return blocks
      .map((b, i) => ({ b, i, k: key(b) }))
      .sort((a, c) => (a.k < c.k ? -1 : a.k > c.k ? 1 : a.i - c.i))
      .map((x) => x.b);
  });
}

interface Column {
  /** Centre x of each sub-column. */
  readonly xs: number[];
  /** Left and right edges of the column's area, boxes and labels included. */
  readonly left: number;
  readonly right: number;
}

function place(order: LayerOrder[], nodes: ReadonlyMap<string, EgressNode>, links: readonly EgressEdge[], layer: ReadonlyMap<string, number>, viewport: Viewport): EgressLayout {
  const extents = new Map<string, Extent>();
  const sides = new Map<string, LabelSide>();
  for (const [li, blocks] of order.entries()) {
    for (const id of blocks.flat()) {
      const side = SIDES[li] as LabelSide;
      sides.set(id, side);
      extents.set(id, nodeExtent(nodes.get(id) as EgressNode, side));
    }
  }
  const maxOf = (ids: readonly string[], pick: (e: Extent) => number) => ids.reduce((m, id) => Math.max(m, pick(extents.get(id) as Extent)), 0);
  const [sources = [], gateways = [], destinations = []] = order;
  const titled = (block: readonly string[]) => block[0] !== undefined && blockOf(nodes.get(block[0]) as EgressNode) !== undefined;
  const s = { ids: sources.flat(), titles: sources.filter(titled).length, left: maxOf(sources.flat(), (e) => e.left), right: maxOf(sources.flat(), (e) => e.right) };
  const d = { ids: destinations.flat(), left: maxOf(destinations.flat(), (e) => e.left), right: maxOf(destinations.flat(), (e) => e.right) };
  const g = { ids: gateways.flat(), left: maxOf(gateways.flat(), (e) => e.left), right: maxOf(gateways.flat(), (e) => e.right) };
  const gHeight = g.ids.reduce((h, id) => h + (extents.get(id)!.top + extents.get(id)!.bottom + GATEWAY_GAP), 0) + gateways.length * (NAMESPACE_TITLE + 2 * NAMESPACE_PAD);

  // Sub-columns: the split that lets the whole graph open at the largest zoom (fewest sub-columns on ties).
  const stackHeight = (rows: number, titles: number, k: number) => rows * (k > 1 ? PITCH_STAGGERED : PITCH) + titles * (NAMESPACE_TITLE + 2 * NAMESPACE_PAD + BLOCK_GAP);
  const width = (k: number, l: number, r: number) => (k > 0 ? k * (l + r) + (k - 1) * SUB_GAP : 0);
  const middle = g.ids.length > 0 ? GAP + g.left + g.right + 2 * NAMESPACE_PAD + GAP : GAP_NO_GATEWAY;
  let best = { k0: 1, k2: 1, zoom: -1 };
  const limit = (rows: number) => Math.max(1, Math.min(rows, 64));
  for (let k0 = 1; k0 <= limit(s.ids.length); k0++) {
    for (let k2 = 1; k2 <= limit(d.ids.length); k2++) {
      const w = width(k0, s.left, s.right) + 2 * NAMESPACE_PAD + middle + width(k2, d.left, d.right);
      const h = Math.max(stackHeight(s.ids.length, s.titles, k0), stackHeight(d.ids.length, 0, k2), gHeight);
      const zoom = fitViewport({ x1: 0, y1: 0, x2: w, y2: h }, viewport).zoom;
      if (zoom > best.zoom + 1e-9) best = { k0, k2, zoom };
    }
  }

  const subColumns = (x0: number, k: number, l: number, r: number): Column => {
    const xs = Array.from({ length: k }, (_, c) => x0 + l + c * (l + r + SUB_GAP));
    return { xs, left: x0, right: x0 + width(k, l, r) };
  };
  const colS = subColumns(NAMESPACE_PAD, best.k0, s.left, s.right);
  const sRight = colS.right + NAMESPACE_PAD;
  const gX = sRight + GAP + NAMESPACE_PAD + g.left;
  const colG: Column = { xs: [gX], left: gX - g.left - NAMESPACE_PAD, right: gX + g.right + NAMESPACE_PAD };
  const colD = subColumns(g.ids.length > 0 ? colG.right + GAP : sRight + GAP_NO_GATEWAY, best.k2, d.left, d.right);

  const positions = new Map<string, Position>();
  // Sources and destinations: stacked top down, staggered over the sub-columns, then centred on y = 0.
  const stack = (blocks: LayerOrder, col: Column) => {
    const k = col.xs.length;
    const pitch = k > 1 ? PITCH_STAGGERED : PITCH;
    const ys: [string, number, number][] = [];
    let bottom: number | undefined;
    let last: { y: number; sub: number } | undefined;
    for (const block of blocks) {
      if (titled(block)) {
        const top = bottom === undefined ? 0 : bottom + BLOCK_GAP;
        block.forEach((id, i) => ys.push([id, top + NAMESPACE_TITLE + NAMESPACE_PAD + ROW_HALF + i * pitch, i % k]));
        bottom = (ys[ys.length - 1]?.[1] ?? top) + ROW_HALF + NAMESPACE_PAD;
        last = undefined;
        continue;
      }
      for (const id of block) {
        const y = last ? last.y + pitch : bottom === undefined ? ROW_HALF : bottom + BLOCK_GAP + ROW_HALF;
        const sub = last ? (last.sub + 1) % k : 0;
        ys.push([id, y, sub]);
        last = { y, sub };
        bottom = y + ROW_HALF;
      }
    }
    const shift = -(bottom ?? 0) / 2;
    for (const [id, y, sub] of ys) positions.set(id, { x: col.xs[sub] as number, y: y + shift });
  };
  stack(sources, colS);
  stack(destinations, colD);

  // Gateways: each namespace block at the mean height of its neighbours, pushed apart where they would overlap.
  const gatewayBoxes: Rect[] = [];
  if (gateways.length > 0) {
    const desired = (id: string) => {
      const ys = links.filter((e) => e.source === id || e.target === id).map((e) => positions.get(e.source === id ? e.target : e.source)?.y ?? 0);
      return ys.length > 0 ? ys.reduce((a, b) => a + b, 0) / ys.length : 0;
    };
    const blocks = gateways.map((block) => {
      const heights = block.map((id) => extents.get(id)!.top + extents.get(id)!.bottom);
      const h = heights.reduce((a, b) => a + b, 0) + (block.length - 1) * GATEWAY_GAP + (titled(block) ? NAMESPACE_TITLE + 2 * NAMESPACE_PAD : 0);
      return { block, h, want: block.reduce((a, id) => a + desired(id), 0) / block.length - h / 2 };
    });
    const tops: number[] = [];
    let floor = -Infinity;
    for (const b of blocks) {
      const top = Math.max(b.want, floor);
      tops.push(top);
      floor = top + b.h + GATEWAY_GAP;
    }
    const drift = blocks.reduce((a, b, i) => a + (tops[i] as number) - b.want, 0) / blocks.length;
    blocks.forEach((b, i) => {
      const top = (tops[i] as number) - Math.max(0, drift);
      let y = top + (titled(b.block) ? NAMESPACE_TITLE + NAMESPACE_PAD : 0);
      for (const id of b.block) {
        const e = extents.get(id) as Extent;
        positions.set(id, { x: gX, y: y + e.top });
        y += e.top + e.bottom + GATEWAY_GAP;
      }
      gatewayBoxes.push({ x1: colG.left, y1: top - CLEARANCE, x2: colG.right, y2: top + b.h + CLEARANCE });
    });
  }

  // Edges: out of the source's column and into the target's horizontally; round the gateway column where a straight line would cross a box.
  const right = [sRight, colG.right, colD.right];
  const left = [colS.left - NAMESPACE_PAD, colG.left, colD.left];
  const bends = new Map<string, Position[]>();
  for (const e of links) {
    const ls = layer.get(e.source) as number;
    const lt = layer.get(e.target) as number;
    const a = positions.get(e.source) as Position;
    const b = positions.get(e.target) as Position;
    if (ls >= lt) continue;
    const start = { x: right[ls] as number, y: a.y };
    // Clear of the target's border: a bend point on or inside a node leaves cytoscape no end point, and it drops the edge.
    const end = { x: (left[lt] as number) - ENTRY_GAP, y: b.y };
    const points = [start];
    if (ls === 0 && lt === 2 && gatewayBoxes.some((r) => segmentHitsRect(start, end, r))) {
      const atG = start.y + ((end.y - start.y) * (gX - start.x)) / (end.x - start.x);
      const y = nearestFree(atG, gatewayBoxes);
      points.push({ x: colG.left, y }, { x: colG.right, y });
    }
    points.push(end);
    bends.set(e.id, points);
  }
  return { positions, extents, sides, bends };
}

/** The box of each given node (label included) at its layout position; undefined when none is placed. */
export function layoutBounds(layout: EgressLayout, ids: Iterable<string>): Rect | undefined {
  const rects: Rect[] = [];
  for (const id of ids) {
    const p = layout.positions.get(id);
    const e = layout.extents.get(id);
    if (p && e) rects.push(rectAt(p.x, p.y, e));
  }
  return unionRect(rects);
}
