/**
 * The visible graph: the filtered graph narrowed to a focus, then drawn at
 * namespace level when it holds many workloads, then with hosts grouped by
 * registrable domain when it holds many destinations. Aggregated edges are
 * summed per (source, target, protocol, status), so every edge keeps one
 * status: a group with a blocked host gets a red edge of its own.
 */
import type { EgressStatus } from '../egress/types';
import { hostGroups } from './domains';
import { edgeRate } from './edge-width';
import { focusGraph } from './focus';
import { httpHealth } from './health';
import { namespaceGroupId, namespaceLabel, workloadGroupKey } from './members';
import type { EgressEdge, EgressNode } from './model';

export { groupNamespace, namespaceGroupId, nodesOf, workloadGroupKey } from './members';

/** Above this many workloads (egress gateways not counted) the graph opens at namespace level. */
export const NAMESPACE_LEVEL_WORKLOADS = 60;

/**
 * The most edges the canvas draws unless all are asked for. Past it a graph
 * is a hairball at any zoom (issue 13: at most 400 edges at the opening view
 * of a 2,000-workload mesh). Blocked edges are drawn first.
 */
export const EDGE_BUDGET = 400;

export interface DetailOptions {
  /** Namespaces drawn as workloads even at namespace level: a namespace (in every cluster), or `cluster/namespace` (workloadGroupKey). */
  readonly expanded: readonly string[];
  /** Registrable domains drawn as hosts even when hosts are grouped. */
  readonly expandedDomains: readonly string[];
  /** A node id (or an aggregate's id) whose paths alone are shown; null = all. */
  readonly focus: string | null;
  /** Draw every edge, past EDGE_BUDGET. */
  readonly allEdges?: boolean;
}

/** The quietest edges left out to stay within EDGE_BUDGET: how many, and the traffic they carry. */
export interface HiddenEdges {
  readonly count: number;
  /** Of them blocked: only when blocked edges alone are more than the budget. */
  readonly blocked: number;
  /** Of `count + drawn` edges in all. */
  readonly total: number;
  readonly requestsPerSecond: number;
  readonly connectionsPerSecond: number;
}

export interface VisibleGraph {
  readonly nodes: EgressNode[];
  readonly edges: EgressEdge[];
  /** The graph is at namespace level (some namespaces may be expanded). */
  readonly namespaceLevel: boolean;
  /** Hosts are grouped by domain (some domains may be expanded). */
  readonly grouped: boolean;
  /** The visible node standing for a node of the input graph (itself when visible). */
  readonly representative: (id: string) => string | undefined;
  /** The input nodes an aggregate stands for, by aggregate id. */
  readonly members: ReadonlyMap<string, readonly EgressNode[]>;
  /** Edges left out by the edge budget; null when every edge is drawn. */
  readonly hiddenEdges: HiddenEdges | null;
}

type Summable = Pick<EgressEdge, 'requestsPerSecond' | 'responses' | 'responseFlags' | 'connectionsPerSecond' | 'bytesPerSecond'>;

function addRecord(a: Readonly<Record<string, number>> | undefined, b: Readonly<Record<string, number>> | undefined): Record<string, number> | undefined {
  if (!a && !b) return undefined;
  const out: Record<string, number> = { ...a };
  for (const [k, v] of Object.entries(b ?? {})) out[k] = (out[k] ?? 0) + v;
  return out;
}

function addOptional(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined && b === undefined ? undefined : (a ?? 0) + (b ?? 0);
}

/** One edge for several: rates and per-code rates summed; HTTP health recomputed from the summed codes, TCP keeps none but idle. */
export function sumEdges(id: string, source: string, target: string, edges: readonly EgressEdge[]): EgressEdge {
  const first = edges[0];
  if (!first) throw new Error('sumEdges needs at least one edge');
  let rates: Summable = {};
  for (const e of edges) {
    rates = {
      requestsPerSecond: addOptional(rates.requestsPerSecond, e.requestsPerSecond),
      responses: addRecord(rates.responses, e.responses),
      responseFlags: addRecord(rates.responseFlags, e.responseFlags),
      connectionsPerSecond: addOptional(rates.connectionsPerSecond, e.connectionsPerSecond),
      bytesPerSecond: addOptional(rates.bytesPerSecond, e.bytesPerSecond),
    };
  }
  const defined = Object.fromEntries(Object.entries(rates).filter(([, v]) => v !== undefined)) as Summable;
  const http = first.protocol !== 'tcp';
  const health = http && rates.responses ? httpHealth(rates.responses) : undefined;
  const rate = http ? (rates.requestsPerSecond ?? 0) : (rates.connectionsPerSecond ?? 0) + (rates.bytesPerSecond ?? 0);
  return {
    id,
    source,
    target,
    protocol: first.protocol,
    status: first.status,
    blocked: first.status === 'blocked',
    viaGateway: edges.some((e) => e.viaGateway),
    ...defined,
    ...(health ? { errorRatio: health.errorRatio, health: health.health } : rate <= 0 ? { health: 'idle' as const } : {}),
  };
}

/** Edges with their ends replaced by representatives, summed where they then coincide (ids as lib/graph/build.ts writes them). */
export function mergeEdges(edges: readonly EgressEdge[], rep: (id: string) => string): EgressEdge[] {
  const buckets = new Map<string, { source: string; target: string; edges: EgressEdge[] }>();
  for (const e of edges) {
    const source = rep(e.source);
    const target = rep(e.target);
    const id = `${source}>${target}|${e.protocol}|${e.status}`;
    const b = buckets.get(id);
    if (b) b.edges.push(e);
    else buckets.set(id, { source, target, edges: [e] });
  }
  const out: EgressEdge[] = [];
  for (const [id, b] of buckets) {
    const only = b.edges.length === 1 ? b.edges[0] : undefined;
    out.push(only && only.source === b.source && only.target === b.target ? only : sumEdges(id, b.source, b.target, b.edges));
  }
  return out;
}

/** Total rate of edges per status, for the conservation law (tests). */
export function ratesByStatus(edges: readonly EgressEdge[]): Record<EgressStatus, number> {
  const out: Record<EgressStatus, number> = { blocked: 0, passthrough: 0, registered: 0 };
  for (const e of edges) out[e.status] += (e.requestsPerSecond ?? 0) + (e.connectionsPerSecond ?? 0) + (e.bytesPerSecond ?? 0);
  return out;
}

/** Collapses the namespaces not expanded into namespace-group nodes; egress gateways stay (they are the middle layer). */
function collapseNamespaces(nodes: readonly EgressNode[], expanded: ReadonlySet<string>): { nodes: EgressNode[]; memberOf: Map<string, string>; members: Map<string, EgressNode[]> } {
  const memberOf = new Map<string, string>();
  const members = new Map<string, EgressNode[]>();
  for (const n of nodes) {
    if (n.kind !== 'workload' || n.gateway || expanded.has(n.namespace) || expanded.has(workloadGroupKey(n))) continue;
    const id = namespaceGroupId(workloadGroupKey(n));
    memberOf.set(n.id, id);
    const list = members.get(id) ?? [];
    list.push(n);
    members.set(id, list);
  }
  const kept = nodes.filter((n) => !memberOf.has(n.id));
  // A namespace box stays only around workloads still drawn.
  const parents = new Set(kept.flatMap((n) => (n.kind === 'workload' ? [n.parent] : [])));
  const out = kept.filter((n) => n.kind !== 'namespace' || parents.has(n.id));
  for (const [id, list] of members) {
    const { namespace, cluster } = list[0] as Extract<EgressNode, { kind: 'workload' }>;
    out.push({ id, kind: 'namespace-group', label: namespaceLabel({ namespace, cluster }), namespace, ...(cluster !== undefined ? { cluster } : {}), workloads: list.length });
  }
  return { nodes: out, memberOf, members };
}

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** What an edge carries for ranking (edgeRate: requests/s, or connections/s for TCP); 0 when unknown. */
function edgeTraffic(e: EgressEdge): number {
  const r = edgeRate(e);
  return r !== undefined && Number.isFinite(r) ? r : 0;
}

/** Edges ranked within their source (each source's busiest first, then every source's second, ...), ties by rate then id. */
function rankBySource(edges: readonly EgressEdge[]): EgressEdge[] {
  const bySource = new Map<string, EgressEdge[]>();
  for (const e of edges) {
    const list = bySource.get(e.source) ?? [];
    list.push(e);
    bySource.set(e.source, list);
  }
  const lists = [...bySource.values()].map((list) => list.sort((a, b) => edgeTraffic(b) - edgeTraffic(a) || byId(a, b)));
  const ranked: EgressEdge[] = [];
  for (let rank = 0; ranked.length < edges.length; rank++) {
    const round = lists.flatMap((list) => (rank < list.length ? [list[rank] as EgressEdge] : []));
    ranked.push(...round.sort((a, b) => edgeTraffic(b) - edgeTraffic(a) || byId(a, b)));
  }
  return ranked;
}

/**
 * Keeps at most `budget` edges: blocked edges first, then the others; each
 * kind ranked within its source (rankBySource), so every source keeps its
 * main destinations and none is drawn without an edge while the budget
 * allows one each. A blocked edge is left out only when blocked edges alone
 * fill the budget, and the answer says how many were.
 */
export function withinEdgeBudget(edges: readonly EgressEdge[], budget: number = EDGE_BUDGET): { kept: EgressEdge[]; hidden: HiddenEdges | null } {
  if (edges.length <= budget) return { kept: [...edges], hidden: null };
  const ranked = [...rankBySource(edges.filter((e) => e.blocked)), ...rankBySource(edges.filter((e) => !e.blocked))];
  const kept = ranked.slice(0, budget);
  const hidden = ranked.slice(budget);
  let requestsPerSecond = 0;
  let connectionsPerSecond = 0;
  for (const e of hidden) {
    if (e.protocol === 'tcp') connectionsPerSecond += edgeTraffic(e);
    else requestsPerSecond += edgeTraffic(e);
  }
  return { kept, hidden: { count: hidden.length, blocked: hidden.filter((e) => e.blocked).length, total: edges.length, requestsPerSecond, connectionsPerSecond } };
}

/** Filter -> focus -> levels of detail -> domain groups -> edge budget: what the canvas draws. */
export function visibleGraph(graph: { readonly nodes: readonly EgressNode[]; readonly edges: readonly EgressEdge[] }, opts: DetailOptions): VisibleGraph {
  const focused = opts.focus ? focusGraph(graph, opts.focus) : { nodes: [...graph.nodes], edges: [...graph.edges] };
  const workloads = focused.nodes.filter((n) => n.kind === 'workload' && !n.gateway).length;
  const namespaceLevel = workloads > NAMESPACE_LEVEL_WORKLOADS;
  const lod = namespaceLevel ? collapseNamespaces(focused.nodes, new Set(opts.expanded)) : { nodes: focused.nodes, memberOf: new Map<string, string>(), members: new Map<string, EgressNode[]>() };
  const { active: grouped, groups, memberOf: groupOf } = hostGroups(lod.nodes, new Set(opts.expandedDomains));
  const members = new Map<string, readonly EgressNode[]>(lod.members);
  const nodes = lod.nodes.filter((n) => !groupOf.has(n.id));
  for (const g of groups) {
    nodes.push(g);
    members.set(g.id, lod.nodes.filter((n) => groupOf.get(n.id) === g.id));
  }
  const visibleIds = new Set(nodes.map((n) => n.id));
  const rep = (id: string) => lod.memberOf.get(id) ?? groupOf.get(id) ?? id;
  const merged = namespaceLevel || groups.length > 0 ? mergeEdges(focused.edges, rep) : focused.edges;
  const { kept: edges, hidden: hiddenEdges } = opts.allEdges ? { kept: [...merged], hidden: null } : withinEdgeBudget(merged);
  return {
    nodes: nodes.sort(byId),
    edges: edges.sort(byId),
    hiddenEdges,
    namespaceLevel,
    grouped,
    representative: (id) => {
      const r = rep(id);
      return visibleIds.has(r) ? r : undefined;
    },
    members,
  };
}
