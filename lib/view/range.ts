/**
 * The time range, namespace and cluster filters every page shares, kept in
 * the URL (`window`, `end`, `ns`, `cluster`) and carried by every link between pages, so that a
 * view of "yesterday, namespace shop" stays that view from the graph to the
 * blocked list, the readiness report, the inventory and a promote review.
 * Parsing is lenient (a bad value is dropped, so an old or hand-edited link
 * still opens); serialising writes only what is set. Values are checked by
 * the API's own parameter schemas (lib/api/params-schema.ts), so a range
 * read from a page URL is one the API takes.
 */
import { z } from 'zod';
import { clusterParam, everyValid, firstOr, flowQuery, namespaceParam, queryRecord, viewEndParam, writeQuery } from '../api/params-schema';

/** The windows every page offers (one list: the same control on every page). */
export const WINDOWS = ['5m', '15m', '30m', '1h', '3h', '6h', '12h', '1d', '2d', '7d', '30d'] as const;
export type WindowChoice = (typeof WINDOWS)[number];

/**
 * The window of a page that states no reason of its own (readiness, promote).
 * An hour sees the callers that call only now and then (hourly jobs, retries
 * after a failure), which a readiness verdict or a ServiceEntry's evidence
 * must not miss, and keeps the two egress queries cheap; a shorter window
 * would call a host unused that an hourly job needs, a longer one costs more
 * on every refresh and mostly repeats the same callers.
 */
export const DEFAULT_WINDOW: WindowChoice = '1h';

/** The pages of the app; each has one path. */
export type PageId = 'graph' | 'blocked' | 'readiness' | 'hosts' | 'alerts' | 'promote';
/** The pages that read Prometheus over a time range (all but the alert rules). */
export type RangePageId = Exclude<PageId, 'alerts'>;

export const PAGE_PATHS: Readonly<Record<PageId, string>> = {
  graph: '/',
  blocked: '/blocked',
  readiness: '/readiness',
  hosts: '/hosts',
  alerts: '/alerts',
  promote: '/promote',
};

/**
 * Each page's window when the URL names none: DEFAULT_WINDOW unless the page
 * has a reason. The graph shows what is happening now (rates at a glance,
 * refreshed every 30 s, like Kiali's default); blocked attempts and external
 * hosts are rare events reviewed once a day, and a host called once a day
 * still belongs in the inventory.
 */
export const PAGE_WINDOWS: Readonly<Record<RangePageId, WindowChoice>> = {
  graph: '5m',
  blocked: '1d',
  readiness: DEFAULT_WINDOW,
  hosts: '1d',
  promote: DEFAULT_WINDOW,
};

export interface SharedRange {
  /** The window the user chose; null = the page's own default (PAGE_WINDOWS). */
  readonly window: WindowChoice | null;
  /** Fixed end time (unix seconds), or null for live ("now"). */
  readonly end: number | null;
  /** Source namespaces; empty = all. Sorted, no duplicates. */
  readonly namespaces: readonly string[];
  /**
   * Source clusters (`source_cluster`); absent or empty = all. Sorted, no
   * duplicates. Offered only when the data has several clusters.
   */
  readonly clusters?: readonly string[];
}

export const LIVE_RANGE: SharedRange = { window: null, end: null, namespaces: [] };

/** The URL parameters of a SharedRange; no page uses them for anything else. */
export const RANGE_PARAMS = ['window', 'end', 'ns', 'cluster'] as const;

export { isClusterName } from '../api/params-schema';

/** Whether a source cluster passes a range's cluster filter (none chosen: all do). */
export function clusterShown(range: Pick<SharedRange, 'clusters'>, cluster: string | undefined): boolean {
  const chosen = range.clusters ?? [];
  return chosen.length === 0 || (cluster !== undefined && chosen.includes(cluster));
}

/** The range's parameters in a page URL, each read leniently. */
const rangeUrl = z.object({
  window: firstOr(z.enum(WINDOWS), null),
  end: firstOr(viewEndParam, null),
  ns: everyValid(namespaceParam, { sorted: true }),
  cluster: everyValid(clusterParam, { sorted: true }),
});

/** Reads the shared range from a query string; a bad value is left out. */
export function parseRange(params: URLSearchParams): SharedRange {
  const { window, end, ns, cluster } = rangeUrl.parse(queryRecord(params));
  return { window, end, namespaces: ns, ...(cluster.length > 0 ? { clusters: cluster } : {}) };
}

/** Writes the range's parameters into `params` (replacing any there), leaving out what is not set. */
export function writeRange(params: URLSearchParams, range: SharedRange): URLSearchParams {
  for (const k of RANGE_PARAMS) params.delete(k);
  for (const ns of range.namespaces) params.append('ns', ns);
  for (const c of range.clusters ?? []) params.append('cluster', c);
  if (range.window !== null) params.set('window', range.window);
  if (range.end !== null) params.set('end', String(range.end));
  return params;
}

/** The range as a query string of its own. */
export function serializeRange(range: SharedRange): URLSearchParams {
  return writeRange(new URLSearchParams(), range);
}

/** The window a page shows for a range. */
export function effectiveWindow(range: Pick<SharedRange, 'window'>, page: RangePageId): WindowChoice {
  return range.window ?? PAGE_WINDOWS[page];
}

/**
 * The link to a page that keeps the range: `extra` are the target's own
 * parameters (a promote review's hosts, the graph's selection), in order;
 * the range's parameters replace any of theirs.
 */
export function pageHref(page: PageId, range: SharedRange, extra: Iterable<readonly [string, string]> = []): string {
  const params = writeRange(new URLSearchParams([...extra].map(([k, v]) => [k, v])), range);
  const qs = params.toString();
  return qs ? `${PAGE_PATHS[page]}?${qs}` : PAGE_PATHS[page];
}

/**
 * The way back to the graph: the graph's last query string (its filters,
 * find, selection, view) with the range of the page the user is on, which
 * may have changed since.
 */
export function graphHref(range: SharedRange, lastGraphQuery: string | null): string {
  const own = new URLSearchParams(lastGraphQuery ?? '');
  return pageHref('graph', range, [...own].filter(([k]) => !(RANGE_PARAMS as readonly string[]).includes(k)));
}

/** Which page a path shows, or null for a path outside the app. */
export function pageOfPath(pathname: string): PageId | null {
  const found = (Object.entries(PAGE_PATHS) as [PageId, string][]).find(([, p]) => p === pathname || (p !== '/' && pathname.startsWith(`${p}/`)));
  return found ? found[0] : null;
}

/**
 * The query string of an /api/* route over a page's range: the window the
 * page shows, the end time, and `namespace` (repeated) for routes that filter
 * by it.
 */
export function apiRangeQuery(range: SharedRange, page: RangePageId, opts: { readonly namespaces?: boolean } = {}): string {
  return writeQuery(flowQuery, { window: effectiveWindow(range, page), end: range.end, namespace: opts.namespaces ? range.namespaces : null }).toString();
}

/**
 * The range a link from a row of a page's data carries to the graph with
 * that row selected: the window the page shows, even its default, so the
 * selection is in the graph's window (a host of yesterday's inventory is not
 * in the graph's default five minutes).
 */
export function rowRange(range: SharedRange, page: RangePageId): SharedRange {
  return { ...range, window: effectiveWindow(range, page) };
}
