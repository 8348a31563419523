/**
 * The graph page's view, kept in the URL so a link or the back button
 * restores it. Parsing is lenient (a bad value falls back to its default, so an
 * old or hand-edited link still opens), by one zod schema of the URL
 * (viewUrl); serialising omits defaults. Its time range and namespaces are
 * the range every page shares (./range.ts).
 */
import { z } from 'zod';
import { firstOr, flagOr, flowQuery, isClusterName, queryRecord, writeQuery } from '../api/params-schema';
import { MAX_HOST_LENGTH } from '../egress/host';
import { isHostId } from '../egress/host-id';
import { EGRESS_STATUSES, type EgressStatus } from '../egress/types';
import type { EgressEdge, EgressNode } from '../graph/model';
import { isDns1123Label } from '../resources/names';
import { effectiveWindow, parseRange, writeRange, type WindowChoice } from './range';

export { DEFAULT_WINDOW, WINDOWS, type WindowChoice } from './range';
export const REFRESHES = ['off', '10s', '30s', '1m'] as const;
export type RefreshChoice = (typeof REFRESHES)[number];
export type StatusFilter = 'all' | EgressStatus;
export const STATUS_FILTERS: readonly StatusFilter[] = ['all', ...EGRESS_STATUSES];
const VIEW_MODES = ['graph', 'table'] as const;
export type ViewMode = (typeof VIEW_MODES)[number];

export interface ViewState {
  /** Source namespaces shown; empty = all. */
  readonly namespaces: readonly string[];
  /** Source clusters shown; empty = all (the filter is offered when the graph has several clusters). */
  readonly clusters: readonly string[];
  readonly status: StatusFilter;
  /** Find text: highlights matching workloads and hosts. */
  readonly find: string;
  /** The window chosen; null = the graph's default (PAGE_WINDOWS.graph). */
  readonly window: WindowChoice | null;
  /** Fixed end time (unix seconds), or null for live. */
  readonly end: number | null;
  readonly refresh: RefreshChoice;
  readonly paused: boolean;
  readonly view: ViewMode;
  /** The selection as the URL holds it (selectionParam): a node or edge id, hosts by their hostId. */
  readonly selected: string | null;
  /** Edge labels with rates. */
  readonly edgeLabels: boolean;
  /** Namespaces expanded into their workloads at namespace level (lib/graph/detail.ts): `namespace`, or `cluster/namespace` with several clusters. */
  readonly expanded: readonly string[];
  /** Registrable domains whose hosts are drawn one by one while hosts are grouped. */
  readonly expandedDomains: readonly string[];
  /** The node whose paths alone are shown, written like `selected` (hosts by hostId); null = all. */
  readonly focus: string | null;
  /** Draw every edge, past the edge budget (lib/graph/detail.ts EDGE_BUDGET). */
  readonly allEdges: boolean;
}

export const DEFAULT_VIEW: ViewState = {
  namespaces: [],
  clusters: [],
  status: 'all',
  find: '',
  window: null,
  end: null,
  refresh: '30s',
  paused: false,
  view: 'graph',
  selected: null,
  edgeLabels: false,
  expanded: [],
  expandedDomains: [],
  focus: null,
  allEdges: false,
};

/** Most namespaces or domains an expansion list keeps (a URL stays bounded). */
export const MAX_EXPANDED = 200;
/** A registrable domain as lib/graph/domains.ts groups by: lower-case ASCII labels. */
const DOMAIN = /^(?:[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?\.)+[a-z0-9-]{2,63}$/;

/** An expanded namespace: a namespace, or `cluster/namespace` (lib/graph/members.ts workloadGroupKey). */
function isExpandable(v: string): boolean {
  const slash = v.lastIndexOf('/');
  return slash < 0 ? isDns1123Label(v) : isClusterName(v.slice(0, slash)) && isDns1123Label(v.slice(slash + 1));
}

/** A comma-separated list, each value valid, sorted, without duplicates. */
function list(valid: (v: string) => boolean) {
  return z.string().transform((value) => [...new Set(value.split(',').filter(valid))].sort().slice(0, MAX_EXPANDED));
}

/** Adds or removes one value of an expansion list (sorted, as the URL holds it). */
export function toggleListed(list: readonly string[], value: string, on: boolean): string[] {
  const rest = list.filter((v) => v !== value);
  return (on ? [...rest, value] : rest).sort();
}

const MAX_FIND = 200;
/**
 * Longest selection read from a URL: a host is written as its hostId
 * (selectionParam), but an older link may hold the host itself, up to the
 * longest host the API takes (MAX_HOST_LENGTH, the one host-length limit),
 * in a node or edge id: the host plus the rest of an edge id (two workload
 * refs of at most 253 + 63 characters, protocol and status).
 */
export const MAX_SELECTED = MAX_HOST_LENGTH + 1024;

/** A node or edge id as the URL holds it (selectionParam). */
const selection = z.string().min(1).max(MAX_SELECTED);

/** The graph's own parameters (the range's are ./range.ts's), each read leniently. */
const viewUrl = z.object({
  status: firstOr(z.enum(STATUS_FILTERS), DEFAULT_VIEW.status),
  q: firstOr(z.string().transform((s) => s.slice(0, MAX_FIND)), DEFAULT_VIEW.find),
  refresh: firstOr(z.enum(REFRESHES), DEFAULT_VIEW.refresh),
  paused: flagOr('1'),
  view: firstOr(z.enum(VIEW_MODES), DEFAULT_VIEW.view),
  sel: firstOr(selection, null),
  labels: flagOr('1'),
  ex: firstOr(list(isExpandable), []),
  gx: firstOr(list((d) => d.length <= 253 && DOMAIN.test(d)), []),
  focus: firstOr(selection, null),
  edges: flagOr('all'),
});

/** Reads the view from a query string. */
export function parseViewState(params: URLSearchParams): ViewState {
  const range = parseRange(params);
  const v = viewUrl.parse(queryRecord(params));
  return {
    namespaces: range.namespaces,
    clusters: range.clusters ?? [],
    status: v.status,
    find: v.q,
    window: range.window,
    end: range.end,
    refresh: v.refresh,
    paused: v.paused,
    view: v.view,
    selected: v.sel,
    edgeLabels: v.labels,
    expanded: v.ex,
    expandedDomains: v.gx,
    focus: v.focus,
    allEdges: v.edges,
  };
}

/** Writes the view as a query string, leaving defaults out. */
export function serializeViewState(v: ViewState): URLSearchParams {
  const p = writeRange(new URLSearchParams(), v);
  if (v.status !== DEFAULT_VIEW.status) p.set('status', v.status);
  if (v.find) p.set('q', v.find);
  if (v.refresh !== DEFAULT_VIEW.refresh) p.set('refresh', v.refresh);
  if (v.paused) p.set('paused', '1');
  if (v.view !== DEFAULT_VIEW.view) p.set('view', v.view);
  if (v.selected) p.set('sel', v.selected);
  if (v.edgeLabels) p.set('labels', '1');
  if (v.expanded.length > 0) p.set('ex', v.expanded.join(','));
  if (v.expandedDomains.length > 0) p.set('gx', v.expandedDomains.join(','));
  if (v.focus) p.set('focus', v.focus);
  if (v.allEdges) p.set('edges', 'all');
  return p;
}

/** The /api/graph query for a view (namespaces, status and find are applied in the browser). */
export function toGraphQuery(v: ViewState): URLSearchParams {
  return writeQuery(flowQuery, { window: effectiveWindow(v, 'graph'), end: v.end });
}

/** Auto-refresh interval in ms, or false (off, paused, or a fixed end time that cannot change). */
export function refreshIntervalMs(v: ViewState): number | false {
  if (v.paused || v.end !== null) return false;
  switch (v.refresh) {
    case 'off':
      return false;
    case '10s':
      return 10_000;
    case '30s':
      return 30_000;
    case '1m':
      return 60_000;
  }
}

/** What a selection needs of the graph. */
export interface SelectionGraph {
  readonly nodes: readonly EgressNode[];
  readonly edges: readonly Pick<EgressEdge, 'id' | 'source' | 'target' | 'protocol' | 'status'>[];
}

/** The hostId of every host node, by node id. */
function hostIds(graph: SelectionGraph): Map<string, string> {
  const ids = new Map<string, string>();
  for (const n of graph.nodes) if (n.kind === 'host') ids.set(n.id, n.hostId);
  return ids;
}

/** An edge's URL form: its id (lib/graph/build.ts) with the target host node's hostId in place of the node id. */
function edgeParam(e: SelectionGraph['edges'][number], hostId: string): string {
  return `${e.source}>${hostId}|${e.protocol}|${e.status}`;
}

/**
 * The selection as the URL holds it: a host node is its hostId, an edge to a
 * host names the host by its hostId, anything else is its id. So no URL
 * grows with a host (a Host header may be tens of kilobytes; Node refuses
 * request headers over 16 KiB), and a link names the same host on any server.
 */
export function selectionParam(graph: SelectionGraph, id: string): string {
  const ids = hostIds(graph);
  const node = ids.get(id);
  if (node !== undefined) return node;
  const edge = graph.edges.find((e) => e.id === id);
  const target = edge && ids.get(edge.target);
  return edge && target !== undefined ? edgeParam(edge, target) : id;
}

/** The node or edge id a URL's selection names (selectionParam, or an id as older links hold it); unchanged when the graph has none. */
export function resolveSelection(graph: SelectionGraph, param: string): string {
  if (graph.nodes.some((n) => n.id === param) || graph.edges.some((e) => e.id === param)) return param;
  const ids = hostIds(graph);
  if (isHostId(param)) return graph.nodes.find((n) => n.kind === 'host' && n.hostId === param)?.id ?? param;
  for (const e of graph.edges) {
    const target = ids.get(e.target);
    if (target !== undefined && edgeParam(e, target) === param) return e.id;
  }
  return param;
}
