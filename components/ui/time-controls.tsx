'use client';

import { useId, useSyncExternalStore } from 'react';
import { effectiveWindow, WINDOWS, type RangePageId, type SharedRange, type WindowChoice } from '@/lib/view/range';
import { REFRESHES, type RefreshChoice } from '@/lib/view/state';
import { describeSpan, endFromLocalInput, formatTime, toLocalInput, windowHasData, zoneName } from '@/lib/view/time-text';
import { useDataSpan } from '../queries';
import { NamespacePicker } from './namespace-picker';
import { CONTROL } from './page-controls';
import { useNowSeconds } from './use-now';

/** Auto-refresh, where a page has it (the graph). */
export interface RefreshControl {
  readonly value: RefreshChoice;
  readonly paused: boolean;
  readonly onChange: (patch: { refresh?: RefreshChoice; paused?: boolean }) => void;
}

export interface TimeControlsProps {
  /** The page, for its default window. */
  readonly page: RangePageId;
  readonly range: SharedRange;
  readonly onChange: (patch: Partial<SharedRange>) => void;
  /** The namespaces of the page's data, to choose from. */
  readonly namespaces: readonly string[];
  /** Said in the namespace list, for a page that keeps the choice without filtering by it. */
  readonly namespaceNote?: string;
  /** The source clusters of the page's data: the cluster filter is offered when there are several (or one is chosen). */
  readonly clusters?: readonly string[];
  readonly refresh?: RefreshControl;
}

const noSubscription = () => () => undefined;

/** True once rendered in the browser: times in the browser's zone are not known on the server. */
function useInBrowser(): boolean {
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
}

/**
 * The time range of every page that reads Prometheus: source namespaces,
 * window, live or a fixed end time (never later than now), and auto-refresh
 * where the page has it. Every value lives in the URL (SharedRange).
 */
export function TimeControls({ page, range, onChange, namespaces, namespaceNote, clusters = [], refresh }: TimeControlsProps) {
  const id = useId();
  const now = useNowSeconds();
  const inBrowser = useInBrowser();
  const span = useDataSpan();
  return (
    <div role="group" aria-label="Time range" className="flex flex-wrap items-center gap-x-4 gap-y-2 text-sm">
      {(clusters.length > 1 || (range.clusters ?? []).length > 0) && <NamespacePicker noun="clusters" value={range.clusters ?? []} options={clusters} onChange={(c) => onChange({ clusters: c })} />}
      <NamespacePicker value={range.namespaces} options={namespaces} onChange={(ns) => onChange({ namespaces: ns })} note={namespaceNote} />
      <span className="flex items-center gap-1">
        <label htmlFor={`${id}-window`}>Window</label>
        <select id={`${id}-window`} className={CONTROL} value={effectiveWindow(range, page)} onChange={(e) => onChange({ window: e.target.value as WindowChoice })}>
          {WINDOWS.map((w) => (
            <option key={w}>{w}</option>
          ))}
        </select>
      </span>
      <span className="flex flex-wrap items-center gap-1">
        <label className="flex items-center gap-1">
          <input type="checkbox" checked={range.end === null} onChange={(e) => onChange({ end: e.target.checked ? null : now })} />
          Live
        </label>
        {range.end !== null && (
          <label className="flex items-center gap-1" title={inBrowser ? formatTime(range.end) : undefined}>
            <span className="sr-only">End time</span>
            <input
              type="datetime-local"
              className={CONTROL}
              value={inBrowser ? toLocalInput(range.end) : ''}
              max={inBrowser ? toLocalInput(now) : undefined}
              min={inBrowser && span?.first != null ? toLocalInput(span.first) : undefined}
              onChange={(e) => {
                const end = endFromLocalInput(e.target.value, now);
                if (end !== null) onChange({ end });
              }}
            />
            <span className="text-xs text-slate-500 dark:text-slate-400">{inBrowser ? zoneName(range.end) : ''}</span>
          </label>
        )}
      </span>
      {refresh && (
        <span className="flex items-center gap-1">
          <label htmlFor={`${id}-refresh`}>Refresh</label>
          <select
            id={`${id}-refresh`}
            className={CONTROL}
            value={refresh.value}
            disabled={range.end !== null}
            onChange={(e) => refresh.onChange({ refresh: e.target.value as RefreshChoice })}
          >
            {REFRESHES.map((r) => (
              <option key={r}>{r}</option>
            ))}
          </select>
          <button
            type="button"
            className={CONTROL}
            aria-pressed={refresh.paused}
            disabled={range.end !== null || refresh.value === 'off'}
            onClick={() => refresh.onChange({ paused: !refresh.paused })}
          >
            {refresh.paused ? 'Resume' : 'Pause'}
          </button>
        </span>
      )}
    </div>
  );
}

export interface RangeNoticeProps {
  readonly page: RangePageId;
  readonly range: SharedRange;
  /** Back to live (the latest data). */
  readonly onLive: () => void;
}

/**
 * Says so when the window holds no Istio metrics at all (an end time before
 * the data starts, or after it stopped), and where the data is, instead of
 * an empty page that looks like "no egress".
 */
export function RangeNotice({ page, range, onLive }: RangeNoticeProps) {
  const now = useNowSeconds();
  const inBrowser = useInBrowser();
  const span = useDataSpan();
  const window = effectiveWindow(range, page);
  if (!span || !inBrowser || windowHasData(span, range.end ?? now, window)) return null;
  return (
    <div role="status" data-testid="range-notice" className="mb-3 rounded border border-sky-300 bg-sky-50 p-3 text-sm text-sky-950 dark:border-sky-800 dark:bg-sky-950 dark:text-sky-100">
      <p>
        <strong>No data in this window.</strong> {window} ending {range.end === null ? 'now' : formatTime(range.end)} holds no Istio metrics.{' '}
        {span.first === null ? 'Prometheus has no Istio metrics in the last 31 days.' : `Prometheus has Istio metrics ${describeSpan(span, now)}.`}
      </p>
      {span.first !== null && range.end !== null && (
        <button type="button" className="mt-1 underline" onClick={onLive}>
          Show the latest data (Live)
        </button>
      )}
    </div>
  );
}
