/**
 * The graph page's view, kept in the URL so a link or the back button
 * restores it. Parsing is lenient (a bad value falls back to its default, so an
 * old or hand-edited link still opens); serialising omits defaults. Its time
 * range and namespaces are the range every page shares (./range.ts).
 */
import type { EgressStatus } from '../egress/types';
import { effectiveWindow, parseRange, writeRange, type WindowChoice } from './range';

export { DEFAULT_WINDOW, WINDOWS, type WindowChoice } from './range';
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
  /** The window chosen; null = the graph's default (PAGE_WINDOWS.graph). */
  readonly window: WindowChoice | null;
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
  window: null,
  end: null,
  refresh: '30s',
  paused: false,
  view: 'graph',
  selected: null,
  edgeLabels: false,
};

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
  const range = parseRange(params);
  const selected = params.get('sel');
  return {
    namespaces: range.namespaces,
    status: oneOf(params.get('status'), STATUS_FILTERS, DEFAULT_VIEW.status),
    find: (params.get('q') ?? '').slice(0, MAX_FIND),
    window: range.window,
    end: range.end,
    refresh: oneOf(params.get('refresh'), REFRESHES, DEFAULT_VIEW.refresh),
    paused: params.get('paused') === '1',
    view: oneOf(params.get('view'), ['graph', 'table'] as const, DEFAULT_VIEW.view),
    selected: selected !== null && selected.length > 0 && selected.length <= MAX_SELECTED ? selected : null,
    edgeLabels: params.get('labels') === '1',
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
  return p;
}

/** The /api/graph query for a view (namespaces, status and find are applied in the browser). */
export function toGraphQuery(v: ViewState): URLSearchParams {
  const p = new URLSearchParams({ window: effectiveWindow(v, 'graph') });
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
