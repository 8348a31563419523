/** The words of the graph's hover tooltips (framework-free; components/graph/graph-tooltip.tsx draws them). */
import { displayLabel, formatBytesRate, formatPercent, formatRate } from '../format';
import type { EgressEdge, EgressNode } from './model';

/** Longest name a tooltip shows: long enough for any real host, short enough for a 10 kB Host header. */
export const TOOLTIP_NAME_MAX = 256;

export interface TooltipText {
  /** The full name (displayLabel: control and bidi characters visible, cut in the middle past TOOLTIP_NAME_MAX). */
  readonly title: string;
  readonly lines: readonly string[];
}

/** A node as the tooltip needs it: the model's kinds, and any kind added later (aggregates) read generically. */
type AnyNode = EgressNode | { readonly id: string; readonly kind: string; readonly label: string; readonly status?: string; readonly statuses?: readonly string[]; readonly cluster?: string };

function name(text: string): string {
  return displayLabel(text, TOOLTIP_NAME_MAX);
}

/** Summed rates of some edges, as "1.2 req/s · 0.5 conn/s · 3.0 KiB/s", only the parts that apply. */
export function ratesText(edges: readonly EgressEdge[]): string {
  let req: number | undefined;
  let conn: number | undefined;
  let bytes: number | undefined;
  for (const e of edges) {
    if (e.requestsPerSecond !== undefined) req = (req ?? 0) + e.requestsPerSecond;
    if (e.connectionsPerSecond !== undefined) conn = (conn ?? 0) + e.connectionsPerSecond;
    if (e.bytesPerSecond !== undefined) bytes = (bytes ?? 0) + e.bytesPerSecond;
  }
  const parts = [
    ...(req !== undefined ? [`${formatRate(req)} req/s`] : []),
    ...(conn !== undefined ? [`${formatRate(conn)} conn/s`] : []),
    ...(bytes !== undefined ? [formatBytesRate(bytes)] : []),
  ];
  return parts.length > 0 ? parts.join(' · ') : 'no traffic in the window';
}

function kindText(n: AnyNode): string {
  switch (n.kind) {
    case 'workload':
      return 'gateway' in n && n.gateway ? ('waypoint' in n && n.waypoint ? 'egress waypoint (ambient)' : 'egress gateway') : 'workload';
    case 'host':
      return 'external host';
    case 'unattributed':
      return 'TLS/TCP without a host in the metrics';
    case 'other-hosts':
      return 'hosts folded by the cardinality guard';
    default:
      return n.kind.replace(/-/g, ' ');
  }
}

/** The tooltip of a node: full name, kind, status(es), and the summed rates of its edges (out of a source, into a destination). */
export function nodeTooltip(n: AnyNode, edges: readonly EgressEdge[]): TooltipText {
  const out = edges.filter((e) => e.source === n.id);
  const into = edges.filter((e) => e.target === n.id);
  const lines = [kindText(n)];
  if ('cluster' in n && n.cluster !== undefined) lines.push(`cluster: ${name(n.cluster)}`);
  const statuses = 'statuses' in n && n.statuses && n.statuses.length > 0 ? n.statuses : 'status' in n && n.status ? [n.status] : [];
  if (statuses.length > 1) lines.push(`statuses: ${statuses.join(', ')} (seen in this window)`);
  else if (statuses.length === 1) lines.push(`status: ${statuses[0]}`);
  if (into.length > 0) lines.push(`in: ${ratesText(into)} from ${into.length} ${into.length === 1 ? 'caller' : 'callers'}`);
  if (out.length > 0) lines.push(`out: ${ratesText(out)} to ${out.length} ${out.length === 1 ? 'destination' : 'destinations'}`);
  return { title: name(nodeFullName(n)), lines };
}

/** A node's full name, unescaped: [cluster/]namespace/workload, the host, or the label of anything else. */
export function nodeFullName(n: AnyNode): string {
  if (n.kind === 'workload' && 'namespace' in n) return `${n.cluster !== undefined ? `${n.cluster}/` : ''}${n.namespace}/${n.workload}`;
  if (n.kind === 'host' && 'host' in n) return n.host;
  return n.label;
}

/** The full name of a node or edge of a graph ("ns/workload", "host", "source → target"), or undefined. */
export function elementFullName(graph: { readonly nodes: readonly AnyNode[]; readonly edges: readonly EgressEdge[] }, id: string): string | undefined {
  const node = graph.nodes.find((n) => n.id === id);
  if (node) return nodeFullName(node);
  const edge = graph.edges.find((e) => e.id === id);
  if (!edge) return undefined;
  const end = (nid: string) => {
    const n = graph.nodes.find((x) => x.id === nid);
    return n ? nodeFullName(n) : nid;
  };
  return `${end(edge.source)} → ${end(edge.target)}`;
}

/** The tooltip of an edge: source -> target, protocol, status, rate and errors. */
export function edgeTooltip(e: EgressEdge, nodeName: (id: string) => string): TooltipText {
  const lines = [`${e.protocol === 'tcp' ? 'TCP' : e.protocol === 'grpc' ? 'gRPC' : 'HTTP'} · ${e.blocked ? 'blocked (the mesh dropped it)' : e.status}${e.viaGateway ? ' · via egress gateway' : ''}`];
  lines.push(ratesText([e]));
  if (e.errorRatio !== undefined && e.errorRatio > 0) lines.push(`errors: ${formatPercent(e.errorRatio)}`);
  if (e.health && e.health !== 'healthy') lines.push(`health: ${e.health}`);
  return { title: `${name(nodeName(e.source))} → ${name(nodeName(e.target))}`, lines };
}

/** Gap between the pointer and the tooltip, in CSS pixels. */
const POINTER_GAP = 14;

/**
 * Where a tooltip of `size` goes near the pointer inside a box of `bounds`:
 * below right of it, flipped left or up where it would leave the box, and
 * never past the box's top-left corner.
 */
export function tooltipPosition(
  pointer: { readonly x: number; readonly y: number },
  size: { readonly width: number; readonly height: number },
  bounds: { readonly width: number; readonly height: number },
): { x: number; y: number } {
  let x = pointer.x + POINTER_GAP;
  let y = pointer.y + POINTER_GAP;
  if (x + size.width > bounds.width) x = pointer.x - POINTER_GAP - size.width;
  if (y + size.height > bounds.height) y = pointer.y - POINTER_GAP - size.height;
  return { x: Math.max(0, Math.round(x)), y: Math.max(0, Math.round(y)) };
}
