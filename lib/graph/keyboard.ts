import { displayLabel, formatRate } from '../format';
import type { Position } from './layout';
import type { EgressEdge, EgressNode } from './model';

/**
 * Keyboard use of the graph canvas, as Kiali's and Cytoscape's accessibility
 * examples do it: arrow keys move to the nearest node in that direction, Tab
 * walks the nodes in reading order and then leaves the canvas, Enter or Space
 * selects, Escape clears. Pure functions over node positions; the component
 * only applies the actions.
 */

/** A node the keyboard can land on, where it is drawn and which column and group it reads in. */
export interface KeyboardNode {
  readonly id: string;
  readonly x: number;
  readonly y: number;
  /** Reading column: workloads 0, egress gateways 1, external destinations 2. */
  readonly layer: number;
  /** Nodes of one box read together: a workload's namespace, a destination's status. */
  readonly group: string;
}

export type Direction = 'left' | 'right' | 'up' | 'down';

/** The keyboard's view of a graph node at its drawn position; namespace boxes are not stops. */
export function toKeyboardNode(node: EgressNode, at: Position): KeyboardNode | null {
  switch (node.kind) {
    case 'namespace':
      return null;
    case 'workload':
      return { id: node.id, x: at.x, y: at.y, layer: node.gateway ? 1 : 0, group: node.namespace };
    case 'namespace-group':
      return { id: node.id, x: at.x, y: at.y, layer: 0, group: node.namespace };
    case 'host-group':
    case 'host':
    case 'unattributed':
    case 'other-hosts':
      return { id: node.id, x: at.x, y: at.y, layer: 2, group: node.status };
  }
}

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Tab order: layer by layer (left to right), each group as a block (groups
 * ordered by their top-left node, so a column of namespace boxes reads top to
 * bottom), and inside a group top to bottom, then left to right.
 */
export function tabOrder(nodes: readonly KeyboardNode[]): string[] {
  const corner = new Map<string, { x: number; y: number }>();
  const groupKey = (n: KeyboardNode) => `${n.layer}\u0000${n.group}`;
  for (const n of nodes) {
    const c = corner.get(groupKey(n));
    if (!c) corner.set(groupKey(n), { x: n.x, y: n.y });
    else {
      c.x = Math.min(c.x, n.x);
      c.y = Math.min(c.y, n.y);
    }
  }
  const cmp = (a: number, b: number) => a - b;
  return [...nodes]
    .sort((a, b) => {
      const ca = corner.get(groupKey(a)) as { x: number; y: number };
      const cb = corner.get(groupKey(b)) as { x: number; y: number };
      return (
        cmp(a.layer, b.layer) ||
        cmp(ca.x, cb.x) ||
        cmp(ca.y, cb.y) ||
        (a.group < b.group ? -1 : a.group > b.group ? 1 : 0) ||
        cmp(a.y, b.y) ||
        cmp(a.x, b.x) ||
        byId(a, b)
      );
    })
    .map((n) => n.id);
}

/**
 * The node an arrow key moves to from `fromId`: among the nodes strictly in
 * that direction's half-plane, the one with the least distance along the
 * direction plus twice the sideways offset (so a node straight ahead beats a
 * nearer one off to the side), ties broken by distance, then id. Null when
 * the half-plane is empty or `fromId` is not a node.
 */
export function nearestInDirection(nodes: readonly KeyboardNode[], fromId: string, direction: Direction): string | null {
  const from = nodes.find((n) => n.id === fromId);
  if (!from) return null;
  let best: { id: string; score: number; dist: number } | null = null;
  for (const n of nodes) {
    if (n.id === fromId) continue;
    const dx = n.x - from.x;
    const dy = n.y - from.y;
    const ahead = direction === 'right' ? dx : direction === 'left' ? -dx : direction === 'down' ? dy : -dy;
    if (!(ahead > 0)) continue;
    const side = Math.abs(direction === 'left' || direction === 'right' ? dy : dx);
    const score = ahead + 2 * side;
    const dist = dx * dx + dy * dy;
    if (!best || score < best.score || (score === best.score && (dist < best.dist || (dist === best.dist && n.id < best.id)))) best = { id: n.id, score, dist };
  }
  return best?.id ?? null;
}

/** What a key press on the focused canvas does. */
export type GraphKeyAction =
  | { readonly kind: 'focus'; readonly id: string }
  | { readonly kind: 'select'; readonly id: string }
  | { readonly kind: 'clear-selection' }
  | { readonly kind: 'clear-focus' }
  | { readonly kind: 'zoom'; readonly factor: number }
  /** Tab past the last node (or Shift+Tab before the first): the browser moves focus out of the canvas. */
  | { readonly kind: 'leave' }
  /** Not a canvas key: let it through. */
  | { readonly kind: 'none' };

export interface GraphKey {
  readonly key: string;
  readonly shiftKey?: boolean;
  readonly ctrlKey?: boolean;
  readonly metaKey?: boolean;
  readonly altKey?: boolean;
}

export interface GraphKeyState {
  /** The node the keyboard is on, if any. */
  readonly focused: string | null;
  /** The selected node or edge (details panel open), if any. */
  readonly selected: string | null;
}

const ARROWS: Readonly<Record<string, Direction>> = { ArrowLeft: 'left', ArrowRight: 'right', ArrowUp: 'up', ArrowDown: 'down' };
export const ZOOM_STEP = 1.25;

/**
 * The action for a key on the canvas. Arrows start from the focused node, else
 * the selected one, else the first in tab order. Tab never traps focus: after
 * the last node (Shift+Tab: from the first node, or when no node has focus)
 * it leaves. Escape closes the details first, then drops the node focus.
 */
export function graphKeyAction(event: GraphKey, state: GraphKeyState, nodes: readonly KeyboardNode[], order: readonly string[] = tabOrder(nodes)): GraphKeyAction {
  if (event.ctrlKey || event.metaKey || event.altKey) return { kind: 'none' };
  const known = (id: string | null): id is string => id !== null && nodes.some((n) => n.id === id);
  const focused = known(state.focused) ? state.focused : null;
  const direction = ARROWS[event.key];
  if (direction) {
    const start = focused ?? (known(state.selected) ? state.selected : null);
    if (start === null) return order[0] === undefined ? { kind: 'none' } : { kind: 'focus', id: order[0] };
    if (focused === null) return { kind: 'focus', id: start };
    const next = nearestInDirection(nodes, focused, direction);
    return next === null ? { kind: 'focus', id: focused } : { kind: 'focus', id: next };
  }
  switch (event.key) {
    case 'Tab': {
      const at = focused === null ? -1 : order.indexOf(focused);
      const next = event.shiftKey ? (at <= 0 ? undefined : order[at - 1]) : order[at + 1];
      return next === undefined ? { kind: 'leave' } : { kind: 'focus', id: next };
    }
    case 'Enter':
    case ' ':
      return focused === null ? { kind: 'none' } : { kind: 'select', id: focused };
    case 'Escape':
      if (state.selected !== null) return { kind: 'clear-selection' };
      return focused === null ? { kind: 'none' } : { kind: 'clear-focus' };
    case '+':
    case '=':
      return { kind: 'zoom', factor: ZOOM_STEP };
    case '-':
    case '_':
      return { kind: 'zoom', factor: 1 / ZOOM_STEP };
    default:
      return { kind: 'none' };
  }
}

const STATUS_WORDS = ['blocked', 'passthrough', 'registered'] as const;

function rateWords(edges: readonly EgressEdge[]): string {
  const req = edges.reduce((s, e) => s + (e.requestsPerSecond ?? 0), 0);
  const conn = edges.reduce((s, e) => s + (e.connectionsPerSecond ?? 0), 0);
  const parts = [req > 0 ? `${formatRate(req)} requests per second` : '', conn > 0 ? `${formatRate(conn)} connections per second` : ''].filter(Boolean);
  return parts.length > 0 ? parts.join(', ') : 'no traffic';
}

/** Longest name read out; the details panel has the full value. */
const SPOKEN_MAX = 120;

/**
 * What a screen reader announces for the keyboard-focused node: its name,
 * kind, status and rates (a workload's egress out, a destination's traffic in).
 */
export function describeNode(node: EgressNode, edges: readonly EgressEdge[]): string {
  const name = displayLabel(node.label, SPOKEN_MAX);
  switch (node.kind) {
    case 'namespace':
      return `namespace ${name}`;
    case 'workload': {
      const out = edges.filter((e) => e.source === node.id);
      const into = edges.filter((e) => e.target === node.id);
      const counts = STATUS_WORDS.map((s) => [s, new Set(out.filter((e) => e.status === s).map((e) => e.target)).size] as const).filter(([, c]) => c > 0);
      const destinations = new Set(out.map((e) => e.target)).size;
      const kind = node.gateway ? `egress gateway in namespace ${displayLabel(node.namespace, SPOKEN_MAX)}` : `workload in namespace ${displayLabel(node.namespace, SPOKEN_MAX)}`;
      const via = node.gateway ? `, ${into.length} caller${into.length === 1 ? '' : 's'}` : '';
      const statuses = counts.length > 0 ? `: ${counts.map(([s, c]) => `${c} ${s}`).join(', ')}` : '';
      return `${name}, ${kind}${via}, ${destinations} destination${destinations === 1 ? '' : 's'}${statuses}, ${rateWords(out)} out`;
    }
    case 'namespace-group': {
      const out = edges.filter((e) => e.source === node.id);
      const destinations = new Set(out.map((e) => e.target)).size;
      return `namespace ${name}, ${node.workloads} workloads collapsed, ${destinations} destination${destinations === 1 ? '' : 's'}, ${rateWords(out)} out; Enter expands it`;
    }
    case 'host-group': {
      const into = edges.filter((e) => e.target === node.id);
      const callers = new Set(into.map((e) => e.source)).size;
      return `${name}, ${node.hosts} hosts of one domain, ${node.statuses.join(' and ')}, ${rateWords(into)} from ${callers} caller${callers === 1 ? '' : 's'}; Enter expands it`;
    }
    case 'host':
    case 'unattributed':
    case 'other-hosts': {
      const into = edges.filter((e) => e.target === node.id);
      const callers = new Set(into.map((e) => e.source)).size;
      const kind = node.kind === 'host' ? 'external host' : node.kind === 'other-hosts' ? `${node.otherHosts ?? 0} hosts folded together` : 'TLS or TCP traffic without a host in the metrics';
      const statuses = node.kind === 'host' ? node.statuses.join(' and ') : node.status;
      return `${name}, ${kind}, ${statuses}, ${rateWords(into)} from ${callers} caller${callers === 1 ? '' : 's'}`;
    }
  }
}
