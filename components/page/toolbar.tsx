'use client';

import { useId } from 'react';
import { displayText } from '@/lib/format';
import { effectiveWindow } from '@/lib/view/range';
import { REFRESHES, STATUS_FILTERS, WINDOWS, type ViewState } from '@/lib/view/state';
import { LabelText } from '../ui/label-text';

export interface ToolbarProps {
  readonly view: ViewState;
  readonly namespaces: readonly string[];
  readonly onChange: (patch: Partial<ViewState>, opts?: { replace?: boolean }) => void;
}

const control = 'rounded border border-slate-300 bg-white px-1.5 py-0.5 text-sm dark:border-slate-700 dark:bg-slate-900';

function toLocalInput(unixSeconds: number): string {
  const d = new Date(unixSeconds * 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** Filters and time controls; every value lives in the URL. */
export function Toolbar({ view, namespaces, onChange }: ToolbarProps) {
  const id = useId();
  const toggleNs = (ns: string) => {
    const set = new Set(view.namespaces);
    if (set.has(ns)) set.delete(ns);
    else set.add(ns);
    onChange({ namespaces: [...set].sort() });
  };
  return (
    <div className="flex flex-wrap items-center gap-x-4 gap-y-2 text-sm">
      <details className="relative">
        <summary className={`${control} cursor-pointer list-none`} aria-label="Namespaces">
          Namespaces: {view.namespaces.length === 0 ? 'all' : displayText(view.namespaces.join(', '))}
        </summary>
        <fieldset className="absolute z-20 mt-1 max-h-72 min-w-48 overflow-auto rounded border border-slate-300 bg-white p-2 shadow dark:border-slate-700 dark:bg-slate-900">
          <legend className="sr-only">Source namespaces</legend>
          {namespaces.length === 0 && <p className="text-xs text-slate-500">No namespaces in this window.</p>}
          {namespaces.map((ns) => (
            <label key={ns} className="flex items-center gap-2 py-0.5">
              <input type="checkbox" checked={view.namespaces.includes(ns)} onChange={() => toggleNs(ns)} />
              <LabelText value={ns} className="font-mono text-xs" />
            </label>
          ))}
          {view.namespaces.length > 0 && (
            <button type="button" className="mt-1 text-xs underline" onClick={() => onChange({ namespaces: [] })}>
              Show all
            </button>
          )}
        </fieldset>
      </details>
      <span className="flex items-center gap-1">
        <label htmlFor={`${id}-status`}>Status</label>
        <select id={`${id}-status`} className={control} value={view.status} onChange={(e) => onChange({ status: e.target.value as ViewState['status'] })}>
          {STATUS_FILTERS.map((s) => (
            <option key={s}>{s}</option>
          ))}
        </select>
      </span>
      <span className="flex items-center gap-1">
        <label htmlFor={`${id}-find`}>Find</label>
        <input
          id={`${id}-find`}
          type="search"
          className={`${control} w-44`}
          placeholder="workload or host"
          value={view.find}
          maxLength={200}
          onChange={(e) => onChange({ find: e.target.value }, { replace: true })}
        />
      </span>
      <span className="flex items-center gap-1">
        <label htmlFor={`${id}-window`}>Window</label>
        <select id={`${id}-window`} className={control} value={effectiveWindow(view, 'graph')} onChange={(e) => onChange({ window: e.target.value as ViewState['window'] })}>
          {WINDOWS.map((w) => (
            <option key={w}>{w}</option>
          ))}
        </select>
      </span>
      <span className="flex items-center gap-1">
        <label className="flex items-center gap-1">
          <input type="checkbox" checked={view.end === null} onChange={(e) => onChange({ end: e.target.checked ? null : Math.floor(Date.now() / 1000) })} />
          Live
        </label>
        {view.end !== null && (
          <label className="flex items-center gap-1">
            <span className="sr-only">End time</span>
            <input
              type="datetime-local"
              className={control}
              value={toLocalInput(view.end)}
              onChange={(e) => {
                const t = Date.parse(e.target.value);
                if (Number.isFinite(t)) onChange({ end: Math.floor(t / 1000) });
              }}
            />
          </label>
        )}
      </span>
      <span className="flex items-center gap-1">
        <label htmlFor={`${id}-refresh`}>Refresh</label>
        <select id={`${id}-refresh`} className={control} value={view.refresh} disabled={view.end !== null} onChange={(e) => onChange({ refresh: e.target.value as ViewState['refresh'] })}>
          {REFRESHES.map((r) => (
            <option key={r}>{r}</option>
          ))}
        </select>
      </span>
      <button type="button" className={control} aria-pressed={view.paused} disabled={view.end !== null || view.refresh === 'off'} onClick={() => onChange({ paused: !view.paused })}>
        {view.paused ? 'Resume' : 'Pause'}
      </button>
    </div>
  );
}
