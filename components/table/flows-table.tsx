'use client';

import { useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { LIVE_RANGE, type SharedRange } from '@/lib/view/range';
import type { EgressFlow } from '../api-types';
import { DEFAULT_SORT, filterRows, pickTabStop, sortRows, toFlowRows, toggleSort, type FlowSort, type SortColumn } from './flow-rows';
import { FlowTableRow } from './flow-table-row';

export interface FlowsTableProps {
  readonly flows: readonly EgressFlow[];
  /** flowKey of the selected flow (also the graph edge id). */
  readonly selectedKey?: string | null;
  /** Called with the flowKey of a row chosen by click, Enter or Space. */
  readonly onSelect?: (key: string) => void;
  /** External find text (the page's find box), combined with the table's own filter. */
  readonly filter?: string;
  /** The page's range, carried by the rows' promote links. */
  readonly range?: SharedRange;
  /** The flows come from several clusters: a Cluster column, and keys naming the cluster (as the graph's edge ids do). */
  readonly clusters?: boolean;
}

/** `short`: the header shown when the table is narrow (the full label stays its accessible name). */
interface Column {
  readonly id: SortColumn;
  readonly label: string;
  readonly short?: string;
  readonly numeric: boolean;
}
const CLUSTER_COLUMN: Column = { id: 'cluster', label: 'Cluster', numeric: false };
const COLUMNS: readonly Column[] = [
  { id: 'source', label: 'Source', numeric: false },
  { id: 'destination', label: 'Destination', numeric: false },
  { id: 'status', label: 'Status', numeric: false },
  { id: 'protocol', label: 'Protocol', numeric: false },
  { id: 'requests', label: 'Requests/s', short: 'Req/s', numeric: true },
  { id: 'errors', label: 'Errors', numeric: true },
  { id: 'connections', label: 'Connections/s', short: 'Conn/s', numeric: true },
  { id: 'bytes', label: 'Bytes/s', numeric: true },
];

/**
 * Every flow as a sortable, filterable table: the accessible mirror of the
 * graph canvas. Rows use a roving tabindex (arrows, Home, End move; Enter or
 * Space selects). Label values are rendered as text only.
 */
export function FlowsTable({ flows, selectedKey = null, onSelect, filter, range = LIVE_RANGE, clusters = false }: FlowsTableProps) {
  const columns = clusters ? [CLUSTER_COLUMN, ...COLUMNS] : COLUMNS;
  const [sort, setSort] = useState<FlowSort>(DEFAULT_SORT);
  const [query, setQuery] = useState('');
  // The last focused row, and the selection it was focused under: a new selection takes the tab stop.
  const [focused, setFocused] = useState<{ key: string; under: string | null } | null>(null);
  const rowEls = useRef(new Map<string, HTMLTableRowElement>());
  const filterId = useId();
  const hintId = useId();

  const rows = useMemo(() => toFlowRows(flows, clusters), [flows, clusters]);
  const visible = useMemo(() => sortRows(filterRows(rows, [query, filter]), sort), [rows, query, filter, sort]);
  const keys = visible.map((r) => r.key);
  const tabStop = pickTabStop(keys, [focused?.under === selectedKey ? focused.key : null, selectedKey, focused?.key]);

  function handleKeyDown(event: KeyboardEvent<HTMLTableRowElement>, index: number) {
    if (event.target !== event.currentTarget) return;
    let next: number;
    switch (event.key) {
      case 'ArrowDown':
        next = Math.min(index + 1, keys.length - 1);
        break;
      case 'ArrowUp':
        next = Math.max(index - 1, 0);
        break;
      case 'Home':
        next = 0;
        break;
      case 'End':
        next = keys.length - 1;
        break;
      case 'Enter':
      case ' ': {
        event.preventDefault();
        const key = keys[index];
        if (key !== undefined) onSelect?.(key);
        return;
      }
      default:
        return;
    }
    event.preventDefault();
    const key = keys[next];
    if (key === undefined) return;
    setFocused({ key, under: selectedKey });
    rowEls.current.get(key)?.focus();
  }

  return (
    <div className="text-sm">
      <div className="mb-2 flex flex-wrap items-center gap-3">
        <label htmlFor={filterId} className="font-medium">
          Filter flows
        </label>
        <input
          id={filterId}
          type="search"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          placeholder="workload, host, status, protocol"
          autoComplete="off"
          spellCheck={false}
          className="w-64 rounded border border-slate-300 bg-white px-2 py-1 text-slate-900 placeholder:text-slate-400 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100 dark:placeholder:text-slate-500"
        />
        <p role="status" className="text-slate-600 tabular-nums dark:text-slate-400">
          {`${visible.length} of ${rows.length} flows`}
        </p>
      </div>
      <p id={hintId} className="sr-only">
        Arrow keys, Home and End move between flows; Enter or Space selects one.
      </p>
      {/*
        relative: the visually hidden header text is positioned, and must scroll with the table, not widen the page.
        @container: below 72rem (1440 px with the details panel open) headers get short and names truncate
        sooner (flow-table-row.tsx), so every column, Promote included, fits without scrolling sideways.
        Narrower still (phones), the table scrolls inside this box; the page never does.
      */}
      <div className="@container relative overflow-x-auto">
        <table className="w-full border-collapse" aria-label="Egress flows" aria-describedby={hintId}>
          <thead>
            <tr className="border-b border-slate-300 text-left dark:border-slate-700">
              {columns.map((c, i) => {
                const sorted = sort.column === c.id ? sort.direction : undefined;
                return (
                  <th key={c.id} scope="col" aria-sort={sorted} className={`py-1 pr-3 font-semibold ${i === 0 ? 'pl-2' : ''} ${c.numeric ? 'text-right' : ''}`}>
                    <button
                      type="button"
                      onClick={() => setSort(toggleSort(sort, c.id))}
                      className="inline-flex items-center gap-1 rounded px-1 py-1 whitespace-nowrap hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-sky-600 dark:hover:bg-slate-800 dark:focus-visible:outline-sky-400"
                    >
                      {c.short ? (
                        <>
                          <span className="@max-[72rem]:sr-only">{c.label}</span>
                          <span aria-hidden="true" className="hidden @max-[72rem]:inline">
                            {c.short}
                          </span>
                        </>
                      ) : (
                        c.label
                      )}
                      <span aria-hidden="true" className={sorted ? '' : 'text-slate-400 @max-[72rem]:hidden dark:text-slate-600'}>
                        {sorted === 'ascending' ? '▲' : sorted === 'descending' ? '▼' : '↕'}
                      </span>
                    </button>
                  </th>
                );
              })}
              <th scope="col" className="py-1 pr-2 text-right font-semibold">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {visible.map((row, index) => (
              <FlowTableRow
                key={row.key}
                row={row}
                selected={row.key === selectedKey}
                tabStop={row.key === tabStop}
                rowRef={(el) => {
                  if (el) rowEls.current.set(row.key, el);
                  else rowEls.current.delete(row.key);
                }}
                onKeyDown={(e) => handleKeyDown(e, index)}
                onFocus={() => setFocused({ key: row.key, under: selectedKey })}
                onClick={() => onSelect?.(row.key)}
                range={range}
                cluster={clusters}
              />
            ))}
            {visible.length === 0 && (
              <tr>
                <td colSpan={columns.length + 1} className="px-2 py-4 text-slate-600 dark:text-slate-400">
                  {rows.length === 0 ? 'No egress flows in this window.' : 'No flows match the filter.'}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </div>
  );
}
