import { displayLabel } from '../format';
import type { EgressNode } from './model';

export interface Position {
  readonly x: number;
  readonly y: number;
}

/**
 * The geometry the layout, the stylesheet (components/graph/graph-styles.ts)
 * and the opening fit share, in graph units (CSS pixels at zoom 1): node and
 * label sizes, where each label sits, and how a view fits a viewport.
 */

/** Node label font size; on screen it is this times the zoom. */
export const LABEL_FONT = 11;
/** Height of one label line (cytoscape's line height is 1.2 em), rounded up. */
export const LABEL_LINE = 14;
/** Width estimate of one label character at LABEL_FONT: 0.6 em covers lower case, digits and most capitals. */
export const LABEL_CHAR = 6.6;
/** Longest node label on the canvas, in characters; the details panel and tooltips carry the full name. */
export const CANVAS_LABEL_MAX = 26;
/** Gap between a node and its label. */
export const LABEL_GAP = 4;
/** Space a namespace box keeps around its workloads, and the height of its title above it. */
export const NAMESPACE_PAD = 4;
export const NAMESPACE_TITLE = 15;
/** The smallest on-screen label size the page must open with (issue 13). */
export const READABLE_LABEL_PX = 11;

/** Where a node's label is drawn: left of sources, right of destinations, under gateways. */
export type LabelSide = 'left' | 'right' | 'below';

/** A node's extent around its centre, label included. */
export interface Extent {
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
}

/** Node shape sizes by kind; unknown kinds (aggregates added later) get the host size. */
export function nodeSize(n: EgressNode): { w: number; h: number } {
  if (n.kind === 'workload') return n.gateway ? { w: 20, h: 18 } : { w: 12, h: 12 };
  if (n.kind === 'unattributed' || n.kind === 'other-hosts') return { w: 18, h: 12 };
  if (n.kind === 'namespace-group' || n.kind === 'host-group') return { w: 22, h: 16 };
  return { w: 16, h: 12 };
}

/**
 * The label drawn for a node: its name with control and bidi characters made
 * visible, cut in the middle to CANVAS_LABEL_MAX characters.
 */
export function canvasLabel(n: EgressNode): string {
  if (n.kind === 'workload' && n.gateway) return `${displayLabel(n.label, CANVAS_LABEL_MAX)}\n[egress ${n.waypoint ? 'waypoint' : 'gateway'}]`;
  if (n.kind === 'other-hosts') return `${n.otherHosts ?? 0} other ${n.status} hosts`;
  // Aggregates: one line like every source and destination (the layout stacks rows one label line apart).
  if (n.kind === 'namespace-group') return `${displayLabel(n.label, CANVAS_LABEL_MAX)} · ${n.workloads} workload${n.workloads === 1 ? '' : 's'} ⊞`;
  // The statuses are the node's slices (and in its tooltip and panel); the label stays short.
  if (n.kind === 'host-group') return `${displayLabel(n.label, CANVAS_LABEL_MAX)} · ${n.hosts} hosts ⊞`;
  return displayLabel(n.label, CANVAS_LABEL_MAX);
}

/** Estimated width and height of a label, from its longest line and line count. */
export function labelSize(label: string): { w: number; h: number } {
  const lines = label.split('\n');
  const longest = Math.max(...lines.map((l) => [...l].length));
  return { w: longest * LABEL_CHAR, h: lines.length * LABEL_LINE };
}

/** The box a node and its label take, relative to the node's centre. */
export function nodeExtent(n: EgressNode, side: LabelSide): Extent {
  const size = nodeSize(n);
  const label = labelSize(canvasLabel(n));
  const halfH = Math.max(size.h, label.h) / 2;
  switch (side) {
    case 'left':
      return { left: size.w / 2 + LABEL_GAP + label.w, right: size.w / 2, top: halfH, bottom: halfH };
    case 'right':
      return { left: size.w / 2, right: size.w / 2 + LABEL_GAP + label.w, top: halfH, bottom: halfH };
    case 'below':
      return { left: Math.max(size.w, label.w) / 2, right: Math.max(size.w, label.w) / 2, top: size.h / 2, bottom: size.h / 2 + LABEL_GAP + label.h };
  }
}

/** An axis-aligned rectangle in graph units. */
export interface Rect {
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
}

/** The rectangle a node with `extent` covers when centred at (x, y). */
export function rectAt(x: number, y: number, e: Extent): Rect {
  return { x1: x - e.left, y1: y - e.top, x2: x + e.right, y2: y + e.bottom };
}

/** The viewport the graph canvas opens with. */
export interface Viewport {
  readonly width: number;
  readonly height: number;
}

/** Screen padding of the opening fit, and its largest zoom (small graphs are not blown up). */
export const FIT_PADDING = 16;
export const FIT_MAX_ZOOM = 1.6;

/**
 * Zoom and pan that show `bounds` (node boxes with labels, plus room for
 * namespace titles) in the viewport: what the page opens with, and what the
 * readability test and the bench measure label sizes from.
 */
export function fitViewport(bounds: Rect, view: Viewport, limits: { minZoom: number; maxZoom: number } = { minZoom: 0.05, maxZoom: FIT_MAX_ZOOM }): { zoom: number; pan: { x: number; y: number } } {
  const x1 = bounds.x1 - NAMESPACE_PAD;
  const x2 = bounds.x2 + NAMESPACE_PAD;
  const y1 = bounds.y1 - NAMESPACE_PAD - NAMESPACE_TITLE;
  const y2 = bounds.y2 + NAMESPACE_PAD;
  const fit = Math.min((view.width - 2 * FIT_PADDING) / Math.max(1, x2 - x1), (view.height - 2 * FIT_PADDING) / Math.max(1, y2 - y1));
  const zoom = Math.min(limits.maxZoom, Math.max(limits.minZoom, fit));
  return { zoom, pan: { x: (view.width - zoom * (x1 + x2)) / 2, y: (view.height - zoom * (y1 + y2)) / 2 } };
}

/** The union of rectangles; undefined for none. */
export function unionRect(rects: Iterable<Rect>): Rect | undefined {
  let out: Rect | undefined;
  for (const r of rects) out = out ? { x1: Math.min(out.x1, r.x1), y1: Math.min(out.y1, r.y1), x2: Math.max(out.x2, r.x2), y2: Math.max(out.y2, r.y2) } : r;
  return out;
}

/** The y nearest to `y` outside every box (boxes span the whole column). */
export function nearestFree(y: number, boxes: readonly Rect[]): number {
  const inside = boxes.find((r) => y > r.y1 && y < r.y2);
  if (!inside) return y;
  const candidates = boxes.flatMap((r) => [r.y1 - 0.5, r.y2 + 0.5]).filter((c) => !boxes.some((r) => c > r.y1 && c < r.y2));
  return candidates.reduce((bestY, c) => (Math.abs(c - y) < Math.abs(bestY - y) ? c : bestY), candidates[0] ?? y);
}

/** Whether segment p-q meets the rectangle (touching counts). */
export function segmentHitsRect(p: Position, q: Position, r: Rect): boolean {
  // Liang-Barsky clipping.
  let t0 = 0;
  let t1 = 1;
  const dx = q.x - p.x;
  const dy = q.y - p.y;
  for (const [den, num] of [
    [-dx, p.x - r.x1],
    [dx, r.x2 - p.x],
    [-dy, p.y - r.y1],
    [dy, r.y2 - p.y],
  ] as const) {
    if (den === 0) {
      if (num < 0) return false;
    } else {
      const t = num / den;
      if (den < 0) t0 = Math.max(t0, t);
      else t1 = Math.min(t1, t);
      if (t0 > t1) return false;
    }
  }
  return true;
}
