'use client';

import { flexRender, useReactTable } from '@tanstack/react-table';
import { useId, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { columnDefs, pickTabStop, tableOptions, toggleSort, type TableColumn, type TableSort } from './data-table-model';
import { TableToolbar, type TableExports, type TableFilter } from './table-toolbar';

export interface DataTableProps<Row> {
  /** The table's accessible name. */
  readonly label: string;
  /** Every row (give it a stable identity); undefined while there is no data yet (no table, exports disabled). */
  readonly rows: readonly Row[] | undefined;
  readonly columns: readonly TableColumn<Row>[];
  readonly rowKey: (row: Row) => string;
  /** The text the filter searches. */
  readonly searchText: (row: Row) => string;
  readonly sort: TableSort;
  readonly onSort: (sort: TableSort) => void;
  readonly filter: TableFilter;
  /** A filter from outside the table (the page's find box), combined with the table's own. */
  readonly externalFilter?: string;
  /** The row count: "N of M {noun}"; M is `total` when the page has narrowed the rows already (default: every row). */
  readonly noun: string;
  readonly total?: number;
  /** Controls between the filter and the row count. */
  readonly controls?: ReactNode;
  readonly exports?: TableExports<Row>;
  /** Shown between the toolbar and the table (errors, warnings, loading). */
  readonly notices?: ReactNode;
  /** Shown instead of the table when given (nothing to list at all). */
  readonly instead?: ReactNode;
  /** The text of the empty table: no rows at all (the count's M is 0), or none matching the filter. */
  readonly emptyText: { readonly none: string; readonly filtered: string };
  /** Rows can be selected: click, Enter or Space calls `onSelect`, and the selected row is marked. */
  readonly selectable?: boolean;
  /** Key of the selected row. */
  readonly selectedKey?: string | null;
  readonly onSelect?: (key: string) => void;
  /** Data attributes of a row (`data-status`…). */
  readonly rowData?: (row: Row) => Readonly<Record<`data-${string}`, string | boolean>>;
  /** The rows' vertical alignment class, when a cell can wrap. */
  readonly rowClassName?: string;
}

const ROW =
  'border-b border-slate-200 hover:bg-slate-50 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-sky-600 dark:border-slate-800 dark:hover:bg-slate-900 dark:focus-visible:outline-sky-400';
const SELECTABLE = 'cursor-pointer aria-selected:bg-sky-100 aria-selected:font-medium dark:aria-selected:bg-sky-950';
const HEADER_BUTTON =
  'inline-flex items-center gap-1 rounded px-1 py-1 font-semibold whitespace-nowrap hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-sky-600 dark:hover:bg-slate-800 dark:focus-visible:outline-sky-400';

/**
 * Every table of the app (flows, blocked egress, hosts) on TanStack Table:
 * sortable headers with aria-sort, a text filter, "N of M" rows, exports of
 * exactly the rows shown, and rows with a roving tabindex (arrows, Home, End
 * move; Enter or Space select where rows are selectable). A table declares
 * only its columns and cells.
 */
export function DataTable<Row>(props: DataTableProps<Row>) {
  const { label, rows, columns, rowKey, searchText, sort, onSort, filter, externalFilter, noun, selectable = false, selectedKey = null, onSelect, rowData, rowClassName = '' } = props;
  // The last focused row, and the selection it was focused under: a new selection takes the tab stop.
  const [focused, setFocused] = useState<{ key: string; under: string | null } | null>(null);
  const [query, setQuery] = useState('');
  const rowEls = useRef(new Map<string, HTMLTableRowElement>());
  const hintId = useId();
  const all = useMemo(() => rows ?? [], [rows]);
  const total = props.total ?? all.length;
  // The filter's text lives in the URL when the page gives it, else here.
  const ownFilter = filter.value ?? query;
  const defs = useMemo(() => columnDefs(columns, searchText, sort.direction), [columns, searchText, sort.direction]);
  // The app does not run the React Compiler; TanStack memoises its row models inside the table object.
  // eslint-disable-next-line react-hooks/incompatible-library -- see above
  const table = useReactTable(
    useMemo(() => tableOptions({ rows: all, columns, rowKey, searchText, sort, filters: [ownFilter, externalFilter] }, defs), [all, columns, rowKey, searchText, sort, ownFilter, externalFilter, defs]),
  );
  const shown = table.getRowModel().rows;
  const keys = shown.map((r) => r.id);
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
        const key = keys[index];
        if (!selectable || key === undefined) return;
        event.preventDefault();
        onSelect?.(key);
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
      <TableToolbar
        filter={filter}
        text={ownFilter}
        onText={filter.onCommit ?? setQuery}
        controls={props.controls}
        count={rows ? `${shown.length} of ${total} ${noun}` : ''}
        exports={props.exports}
        shown={rows ? () => shown.map((r) => r.original) : undefined}
      />
      {props.notices}
      {rows && props.instead}
      {rows && !props.instead && (
        <>
          <p id={hintId} className="sr-only">
            {`Arrow keys, Home and End move between ${noun}${selectable ? '; Enter or Space selects one' : ''}.`}
          </p>
          {/*
            relative: the visually hidden header text is positioned, and must scroll with the table, not widen the page.
            @container: below 72rem (1440 px with the details panel open) headers get short and cells may truncate
            sooner, so every column fits without scrolling sideways. Narrower still (phones), the table scrolls
            inside this box; the page never does.
          */}
          <div className="@container relative overflow-x-auto">
            <table className="w-full border-collapse" aria-label={label} aria-describedby={hintId}>
              <thead>
                <tr className="border-b border-slate-300 text-left dark:border-slate-700">
                  {columns.map((c, i) => {
                    const sorted = c.sortValue && sort.column === c.id ? sort.direction : undefined;
                    return (
                      <th key={c.id} scope="col" aria-sort={sorted} className={`py-1 ${i === columns.length - 1 ? 'pr-2' : 'pr-3'} font-semibold ${i === 0 ? 'pl-2' : ''} ${c.numeric ? 'text-right' : ''}`}>
                        {c.sortValue ? (
                          <button type="button" onClick={() => onSort(toggleSort(sort, c))} className={HEADER_BUTTON}>
                            <HeaderLabel column={c} />
                            <span aria-hidden="true" className={sorted ? '' : 'text-slate-400 @max-[72rem]:hidden dark:text-slate-600'}>
                              {sorted === 'ascending' ? '▲' : sorted === 'descending' ? '▼' : '↕'}
                            </span>
                          </button>
                        ) : (
                          <HeaderLabel column={c} />
                        )}
                      </th>
                    );
                  })}
                </tr>
              </thead>
              <tbody>
                {shown.map((row, index) => (
                  <tr
                    key={row.id}
                    ref={(el) => {
                      if (el) rowEls.current.set(row.id, el);
                      else rowEls.current.delete(row.id);
                    }}
                    tabIndex={row.id === tabStop ? 0 : -1}
                    aria-selected={selectable ? row.id === selectedKey : undefined}
                    {...rowData?.(row.original)}
                    onKeyDown={(e) => handleKeyDown(e, index)}
                    onFocus={() => setFocused({ key: row.id, under: selectedKey })}
                    onClick={selectable ? () => onSelect?.(row.id) : undefined}
                    className={`${ROW} ${selectable ? SELECTABLE : ''} ${rowClassName}`}
                  >
                    {row.getVisibleCells().map((cell, i) => {
                      const c = columns[i];
                      return (
                        <td key={cell.id} className={`py-1.5 ${i === columns.length - 1 ? 'pr-2' : 'pr-3'} ${i === 0 ? 'pl-2' : ''} ${c?.numeric ? 'text-right tabular-nums whitespace-nowrap' : ''} ${c?.className ?? ''}`}>
                          {flexRender(cell.column.columnDef.cell, cell.getContext())}
                        </td>
                      );
                    })}
                  </tr>
                ))}
                {shown.length === 0 && (
                  <tr>
                    <td colSpan={columns.length} className="px-2 py-4 text-slate-600 dark:text-slate-400">
                      {total === 0 ? props.emptyText.none : props.emptyText.filtered}
                    </td>
                  </tr>
                )}
              </tbody>
            </table>
          </div>
        </>
      )}
    </div>
  );
}

/** A header's text: the full label, or its short form when the table is narrow (the label stays its accessible name). */
function HeaderLabel<Row>({ column }: { readonly column: TableColumn<Row> }) {
  if (column.hideLabel) return <span className="sr-only">{column.label}</span>;
  if (!column.short) return <>{column.label}</>;
  return (
    <>
      <span className="@max-[72rem]:sr-only">{column.label}</span>
      <span aria-hidden="true" className="hidden @max-[72rem]:inline">
        {column.short}
      </span>
    </>
  );
}
