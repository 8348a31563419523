import type { ElementDefinition } from 'cytoscape';
import { formatPercent, formatRate } from '@/lib/format';
import { edgeRate, edgeWidth } from '@/lib/graph/edge-width';
import { dimmedIds, selectionNeighbourhood } from '@/lib/graph/highlight';
import type { Position } from '@/lib/graph/layout';
import { CANVAS_LABEL_MAX, NAMESPACE_PAD, canvasLabel, type Extent, type LabelSide } from '@/lib/graph/layout-geometry';
import type { EgressEdge, EgressNode } from '../api-types';

export interface ToElementsOptions {
  readonly positions: ReadonlyMap<string, Position>;
  /** Bend points of routed edges (lib/graph/layout.ts): drawn as cytoscape segments through them. */
  readonly bends?: ReadonlyMap<string, readonly Position[]>;
  /** Each node's box around its centre, label included: what flat namespace boxes enclose. */
  readonly extents?: ReadonlyMap<string, Extent>;
  /** Where each node's label goes (left of sources, right of destinations, under gateways). */
  readonly sides?: ReadonlyMap<string, LabelSide>;
  /** Node ids the find box matches; when non-empty, others are dimmed. */
  readonly matches: ReadonlySet<string>;
  /** The selected node or edge: what it does not touch is dimmed (lib/graph/highlight.ts). */
  readonly selected: string | null;
  readonly edgeLabels: boolean;
  /**
   * Draw namespaces as plain boxes behind their workloads instead of compound
   * parents. For big graphs: with any compound node, cytoscape re-derives
   * parent and descendant collections for every style property it applies
   * (most of the time to first paint at 4,000 elements).
   */
  readonly flatNamespaces?: boolean;
  /** Namespace box ids whose label collapses them back into one node (expanded at namespace level). */
  readonly collapsible?: ReadonlySet<string>;
}

/** How many cluster tints the styles have (graph-styles.ts clusterFill). */
export const CLUSTER_TINTS = 4;

/** The tint class of each cluster of a graph with several (`cluster-0` ... by name, repeating past CLUSTER_TINTS). */
export function clusterClasses(nodes: readonly EgressNode[]): Map<string, string> {
  const clusters = [...new Set(nodes.flatMap((n) => ((n.kind === 'namespace' || n.kind === 'namespace-group' || n.kind === 'workload') && n.cluster !== undefined ? [n.cluster] : [])))].sort();
  return new Map(clusters.map((c, i) => [c, `cluster-${i % CLUSTER_TINTS}`]));
}

/** Without a layout extent: a workload and a short label under it. */
const DEFAULT_EXTENT: Extent = { left: 75, right: 75, top: 13, bottom: 31 };

/** Centre and size of each namespace's box: the bounding box of its workloads and their labels, padded as cytoscape pads compounds. */
function namespaceBoxes(nodes: readonly EgressNode[], positions: ReadonlyMap<string, Position>, extents?: ReadonlyMap<string, Extent>): Map<string, { x: number; y: number; w: number; h: number }> {
  const bounds = new Map<string, { minX: number; minY: number; maxX: number; maxY: number }>();
  for (const n of nodes) {
    if (n.kind !== 'workload') continue;
    const p = positions.get(n.id);
    if (!p) continue;
    const e = extents?.get(n.id) ?? DEFAULT_EXTENT;
    const b = bounds.get(n.parent);
    if (!b) bounds.set(n.parent, { minX: p.x - e.left, minY: p.y - e.top, maxX: p.x + e.right, maxY: p.y + e.bottom });
    else {
      b.minX = Math.min(b.minX, p.x - e.left);
      b.minY = Math.min(b.minY, p.y - e.top);
      b.maxX = Math.max(b.maxX, p.x + e.right);
      b.maxY = Math.max(b.maxY, p.y + e.bottom);
    }
  }
  const boxes = new Map<string, { x: number; y: number; w: number; h: number }>();
  for (const [id, b] of bounds) {
    const left = b.minX - NAMESPACE_PAD;
    const right = b.maxX + NAMESPACE_PAD;
    const top = b.minY - NAMESPACE_PAD;
    const bottom = b.maxY + NAMESPACE_PAD;
    boxes.set(id, { x: (left + right) / 2, y: (top + bottom) / 2, w: right - left, h: bottom - top });
  }
  return boxes;
}

/**
 * Cytoscape segment weights and distances that put an edge's bends at the
 * given points: weight along source -> target (node centres,
 * `edge-distances: node-position`), distance along its left-hand normal.
 */
export function segmentData(source: Position, target: Position, points: readonly Position[]): { weights: string; distances: string } | undefined {
  const vx = target.x - source.x;
  const vy = target.y - source.y;
  const len2 = vx * vx + vy * vy;
  if (len2 === 0 || points.length === 0) return undefined;
  const len = Math.sqrt(len2);
  const round = (x: number) => Math.round(x * 1e4) / 1e4;
  const weights = points.map((p) => round(((p.x - source.x) * vx + (p.y - source.y) * vy) / len2));
  const distances = points.map((p) => round((-(p.x - source.x) * vy + (p.y - source.y) * vx) / len));
  return { weights: weights.join(' '), distances: distances.join(' ') };
}

/** The label of an edge: rate, and the error share when there are errors. */
export function edgeLabel(e: EgressEdge): string {
  if (e.protocol === 'tcp') return `${formatRate(e.connectionsPerSecond)} conn/s`;
  const errors = e.errorRatio !== undefined && e.errorRatio > 0 ? ` · ${formatPercent(e.errorRatio)} err` : '';
  return `${formatRate(e.requestsPerSecond)} req/s${errors}`;
}

/**
 * Longest node label on the canvas. Cytoscape ellipsizes by width, but only
 * after measuring the whole string, and not at all for big graphs
 * (`text-wrap: none`): a 10 kB Host header must be cut before it is drawn.
 * Short enough that rows of labels beside their nodes stay narrow; the
 * details panel carries the full name.
 */
export const NODE_LABEL_MAX = CANVAS_LABEL_MAX;

/** The label drawn for a node: displayLabel() of its name (control and bidi characters visible, cut in the middle). */
export function nodeLabel(n: EgressNode): string {
  return canvasLabel(n);
}

/**
 * Classes that draw every status a node had in the window, most severe first
 * (`statuses`, as the model and aggregates give them): `multi-status`, the
 * slice count and one class per slice (`pie1-blocked pie2-passthrough`).
 * A node with one status needs none.
 */
export function statusClasses(n: EgressNode | { readonly statuses?: readonly string[] }): string[] {
  const statuses = 'statuses' in n && Array.isArray(n.statuses) ? (n.statuses as readonly string[]) : [];
  if (statuses.length < 2) return [];
  return ['multi-status', `statuses-${Math.min(statuses.length, 3)}`, ...statuses.slice(0, 3).map((s, i) => `pie${i + 1}-${s}`)];
}

/**
 * Maps the graph model to cytoscape element definitions. Styles select on
 * `data(kind)`, `data(status)` and classes, never on ids. Labels are plain
 * data: cytoscape draws them on a canvas, so markup in a host name is text;
 * control and bidi characters are made visible and long names cut (nodeLabel).
 */
export function toElements(nodes: readonly EgressNode[], edges: readonly EgressEdge[], opts: ToElementsOptions): ElementDefinition[] {
  const out: ElementDefinition[] = [];
  const drawn = nodes.filter((n) => n.kind !== 'namespace').map((n) => n.id);
  const dimmed = dimmedIds(drawn, edges, opts.matches, selectionNeighbourhood(new Set(drawn), edges, opts.selected));
  const boxes = opts.flatNamespaces ? namespaceBoxes(nodes, opts.positions, opts.extents) : undefined;
  const tints = clusterClasses(nodes);
  for (const n of nodes) {
    const classes: string[] = [n.kind];
    const tint = (n.kind === 'namespace' || n.kind === 'namespace-group') && n.cluster !== undefined ? tints.get(n.cluster) : undefined;
    if (tint) classes.push(tint);
    if (n.kind !== 'namespace' && opts.matches.has(n.id)) classes.push('match');
    if (dimmed.has(n.id)) classes.push('dimmed');
    if (n.id === opts.selected) classes.push('selected');
    const data: Record<string, unknown> = { id: n.id, kind: n.kind, label: nodeLabel(n) };
    if (n.kind === 'namespace' && opts.collapsible?.has(n.id)) Object.assign(data, { label: `⊟ ${nodeLabel(n)} (collapse)`, collapsible: true });
    if (boxes && n.kind === 'namespace') {
      const box = boxes.get(n.id);
      if (!box) continue; // a namespace none of whose workloads is shown
      Object.assign(data, { w: box.w, h: box.h });
      out.push({ group: 'nodes', data, classes: `${classes.join(' ')} flat`, position: { x: box.x, y: box.y }, grabbable: false, selectable: false });
      continue;
    }
    if (n.kind === 'workload') {
      if (!boxes) data.parent = n.parent;
      data.gateway = n.gateway;
      if (n.gateway) classes.push('gateway');
    }
    if (n.kind === 'host' || n.kind === 'unattributed' || n.kind === 'other-hosts' || n.kind === 'host-group') data.status = n.status;
    if (n.kind === 'host' || n.kind === 'host-group') data.statuses = n.statuses;
    classes.push(...statusClasses(n));
    const side = opts.sides?.get(n.id);
    if (side) classes.push(`label-${side}`);
    const position = opts.positions.get(n.id);
    out.push({ group: 'nodes', data, classes: classes.join(' '), ...(position ? { position: { x: position.x, y: position.y } } : {}) });
  }
  for (const e of edges) {
    const classes = [e.protocol === 'tcp' ? 'tcp' : 'http'];
    if (e.blocked) classes.push('blocked');
    else if (e.health) classes.push(`health-${e.health}`);
    if (e.viaGateway) classes.push('via-gateway');
    if (dimmed.has(e.id)) classes.push('dimmed');
    if (e.id === opts.selected) classes.push('selected');
    if (opts.edgeLabels) classes.push('labelled');
    const data: Record<string, unknown> = { id: e.id, source: e.source, target: e.target, status: e.status, blocked: e.blocked, protocol: e.protocol, health: e.health ?? 'none', label: edgeLabel(e), rate: edgeRate(e), width: edgeWidth(edgeRate(e), { blocked: e.blocked }) };
    const from = opts.positions.get(e.source);
    const to = opts.positions.get(e.target);
    const bends = opts.bends?.get(e.id);
    const segments = from && to && bends ? segmentData(from, to, bends) : undefined;
    if (segments) {
      classes.push('routed');
      Object.assign(data, { sw: segments.weights, sd: segments.distances });
    }
    out.push({ group: 'edges', data, classes: classes.join(' ') });
  }
  return out;
}
