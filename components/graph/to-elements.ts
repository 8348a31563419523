import type { ElementDefinition } from 'cytoscape';
import { displayLabel, formatPercent, formatRate } from '@/lib/format';
import type { Position } from '@/lib/graph/layout';
import type { EgressEdge, EgressNode } from '../api-types';

export interface ToElementsOptions {
  readonly positions: ReadonlyMap<string, Position>;
  /** Node ids the find box matches; when non-empty, others are dimmed. */
  readonly matches: ReadonlySet<string>;
  readonly selected: string | null;
  readonly edgeLabels: boolean;
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
 */
export const NODE_LABEL_MAX = 64;

/** The label drawn for a node: displayLabel() of its name (control and bidi characters visible, cut in the middle). */
export function nodeLabel(n: EgressNode): string {
  if (n.kind === 'workload' && n.gateway) return `${displayLabel(n.label, NODE_LABEL_MAX)}\n[egress gateway]`;
  if (n.kind === 'other-hosts') return `${n.otherHosts ?? 0} other ${n.status} hosts`;
  return displayLabel(n.label, NODE_LABEL_MAX);
}

/**
 * Maps the graph model to cytoscape element definitions. Styles select on
 * `data(kind)`, `data(status)` and classes, never on ids. Labels are plain
 * data: cytoscape draws them on a canvas, so markup in a host name is text;
 * control and bidi characters are made visible and long names cut (nodeLabel).
 */
export function toElements(nodes: readonly EgressNode[], edges: readonly EgressEdge[], opts: ToElementsOptions): ElementDefinition[] {
  const dim = opts.matches.size > 0;
  const out: ElementDefinition[] = [];
  for (const n of nodes) {
    const classes: string[] = [n.kind];
    if (dim && n.kind !== 'namespace') classes.push(opts.matches.has(n.id) ? 'match' : 'dimmed');
    if (n.id === opts.selected) classes.push('selected');
    const data: Record<string, unknown> = { id: n.id, kind: n.kind, label: nodeLabel(n) };
    if (n.kind === 'workload') {
      data.parent = n.parent;
      data.gateway = n.gateway;
      if (n.gateway) classes.push('gateway');
    }
    if (n.kind === 'host' || n.kind === 'unattributed' || n.kind === 'other-hosts') data.status = n.status;
    const position = opts.positions.get(n.id);
    out.push({ group: 'nodes', data, classes: classes.join(' '), ...(position ? { position: { x: position.x, y: position.y } } : {}) });
  }
  for (const e of edges) {
    const classes = [e.protocol === 'tcp' ? 'tcp' : 'http'];
    if (e.blocked) classes.push('blocked');
    else if (e.health) classes.push(`health-${e.health}`);
    if (e.viaGateway) classes.push('via-gateway');
    if (dim && !opts.matches.has(e.source) && !opts.matches.has(e.target)) classes.push('dimmed');
    if (e.id === opts.selected) classes.push('selected');
    if (opts.edgeLabels) classes.push('labelled');
    out.push({
      group: 'edges',
      data: { id: e.id, source: e.source, target: e.target, status: e.status, blocked: e.blocked, protocol: e.protocol, health: e.health ?? 'none', label: edgeLabel(e) },
      classes: classes.join(' '),
    });
  }
  return out;
}
