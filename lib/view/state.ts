/**
 * The graph page's view, kept in the URL so a link or the back button
 * restores it. Parsing is lenient (a bad value falls back to its default, so an
 * old or hand-edited link still opens); serialising omits defaults.
 */
import type { EgressStatus } from '../egress/types';

/** The window every page reviews when its URL gives none. */
export const DEFAULT_WINDOW = '1h';
export const WINDOWS = ['1m', '5m', '15m', '30m', '1h', '3h', '6h', '12h', '1d', '2d', '7d'] as const;
export type WindowChoice = (typeof WINDOWS)[number];
export const REFRESHES = ['off', '10s', '30s', '1m'] as const;
export type RefreshChoice = (typeof REFRESHES)[number];
export type StatusFilter = 'all' | EgressStatus;
export const STATUS_FILTERS: readonly StatusFilter[] = ['all', 'passthrough', 'blocked', 'registered'];
export type ViewMode = 'graph' | 'table';

export interface ViewState {
  /** Source namespaces shown; empty = all. */
  readonly namespaces: readonly string[];
  readonly status: StatusFilter;
  /** Find text: highlights matching workloads and hosts. */
  readonly find: string;
  readonly window: WindowChoice;
  /** Fixed end time (unix seconds), or null for live. */
  readonly end: number | null;
  readonly refresh: RefreshChoice;
  readonly paused: boolean;
  readonly view: ViewMode;
  /** Selected node or edge id. */
  readonly selected: string | null;
  /** Edge labels with rates. */
  readonly edgeLabels: boolean;
}

export const DEFAULT_VIEW: ViewState = {
  namespaces: [],
  status: 'all',
  find: '',
  window: '5m',
  end: null,
  refresh: '30s',
  paused: false,
  view: 'graph',
  selected: null,
  edgeLabels: false,
};

const NAMESPACE = /^[a-z0-9](?:[-a-z0-9]*[a-z0-9])?$/;
const MAX_FIND = 200;
/**
 * Longest selection (a node or edge id): an id holds its host, and hosts are
 * Host headers of up to 16 KiB (the longest /api/timeseries charts), so a
 * 10 kB hostile one can still be selected, shared and charted.
 */
export const MAX_SELECTED = 17 * 1024;

function oneOf<T extends string>(value: string | null, options: readonly T[], fallback: T): T {
  return value !== null && (options as readonly string[]).includes(value) ? (value as T) : fallback;
}

/** Reads the view from a query string. */
export function parseViewState(params: URLSearchParams): ViewState {
  const end = params.get('end');
  const endNumber = end !== null && /^\d{1,12}$/.test(end) ? Number(end) : null;
  const namespaces = [...new Set(params.getAll('ns').filter((ns) => ns.length <= 63 && NAMESPACE.test(ns)))].sort();
  const selected = params.get('sel');
  return {
    namespaces,
    status: oneOf(params.get('status'), STATUS_FILTERS, DEFAULT_VIEW.status),
    find: (params.get('q') ?? '').slice(0, MAX_FIND),
    window: oneOf(params.get('window'), WINDOWS, DEFAULT_VIEW.window),
    end: endNumber,
    refresh: oneOf(params.get('refresh'), REFRESHES, DEFAULT_VIEW.refresh),
    paused: params.get('paused') === '1',
    view: oneOf(params.get('view'), ['graph', 'table'] as const, DEFAULT_VIEW.view),
    selected: selected !== null && selected.length > 0 && selected.length <= MAX_SELECTED ? selected : null,
    edgeLabels: params.get('labels') === '1',
  };
}

/** Writes the view as a query string, leaving defaults out. */
export function serializeViewState(v: ViewState): URLSearchParams {
  const p = new URLSearchParams();
  for (const ns of v.namespaces) p.append('ns', ns);
  if (v.status !== DEFAULT_VIEW.status) p.set('status', v.status);
  if (v.find) p.set('q', v.find);
  if (v.window !== DEFAULT_VIEW.window) p.set('window', v.window);
  if (v.end !== null) p.set('end', String(v.end));
  if (v.refresh !== DEFAULT_VIEW.refresh) p.set('refresh', v.refresh);
  if (v.paused) p.set('paused', '1');
  if (v.view !== DEFAULT_VIEW.view) p.set('view', v.view);
  if (v.selected) p.set('sel', v.selected);
  if (v.edgeLabels) p.set('labels', '1');
  return p;
}

/** The /api/graph query for a view (namespaces, status and find are applied in the browser). */
export function toGraphQuery(v: ViewState): URLSearchParams {
  const p = new URLSearchParams({ window: v.window });
  if (v.end !== null) p.set('end', String(v.end));
  return p;
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
