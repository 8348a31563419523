/**
 * The one table model (TanStack Table) behind every table of the app: the
 * column definitions a table declares, how it sorts and filters, and the rows
 * it shows. The React view (data-table.tsx) and the tests use the same options.
 */
import { createTable, getCoreRowModel, getFilteredRowModel, getSortedRowModel, type ColumnDef, type FilterFn, type SortingFn, type TableOptions } from '@tanstack/react-table';
import type { ReactNode } from 'react';

export type SortDirection = 'ascending' | 'descending';
export type SortValue = string | number | undefined;

export interface TableSort {
  readonly column: string;
  readonly direction: SortDirection;
}

/** What a table declares per column: its header, its cell, and (to be sortable) the value it sorts by. */
export interface TableColumn<Row> {
  readonly id: string;
  /** The header text, also the column's accessible name. */
  readonly label: string;
  /** The header shown when the table is narrow (below 72rem); the label stays its accessible name. */
  readonly short?: string;
  /** The header is read by screen readers only (an actions column). */
  readonly hideLabel?: boolean;
  /** A number column: header and cells aligned right. */
  readonly numeric?: boolean;
  /**
   * The value the column sorts by; a column without one does not sort. Text
   * compares case-insensitively with numbers in it read as numbers, numbers
   * as numbers; undefined and NaN come last in both directions.
   */
  readonly sortValue?: (row: Row) => SortValue;
  /** The direction of a first click on the header (default ascending; numbers, severities and times usually start descending). */
  readonly firstDirection?: SortDirection;
  readonly cell: (row: Row) => ReactNode;
  /** Classes of the column's cells. */
  readonly className?: string;
}

/** An RFC 3339 time as a sort value (milliseconds); missing or unreadable times sort last. */
export function timeValue(time: string | null | undefined): number | undefined {
  return time ? Date.parse(time) : undefined;
}

/** The hidden column holding each row's search text. */
export const SEARCH_COLUMN = '__search';

/** The words of a filter text: lower-cased, split on white space. */
export function filterTerms(...texts: readonly (string | null | undefined)[]): string[] {
  return texts.flatMap((t) => (t ?? '').toLowerCase().split(/\s+/)).filter((w) => w !== '');
}

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

function present(v: SortValue): v is string | number {
  return v !== undefined && !(typeof v === 'number' && Number.isNaN(v));
}

/** Ascending order of two present sort values: numbers before text, numbers by value, text by the collator. */
export function compareSortValues(a: string | number, b: string | number): number {
  if (typeof a === 'number' && typeof b === 'number') return a === b ? 0 : a < b ? -1 : 1;
  if (typeof a === 'number') return -1;
  if (typeof b === 'number') return 1;
  return collator.compare(a, b);
}

/**
 * TanStack's comparator for a sort in `direction`. TanStack flips the result
 * for a descending sort and breaks ties by row index (a stable sort); missing
 * values are ordered against that flip so that they stay last both ways.
 */
function sortingFnFor<Row>(direction: SortDirection): SortingFn<Row> {
  const missingLast = direction === 'descending' ? -1 : 1;
  return (a, b, id) => {
    const x = a.getValue<SortValue>(id);
    const y = b.getValue<SortValue>(id);
    if (!present(x) || !present(y)) return present(x) ? -missingLast : present(y) ? missingLast : 0;
    return compareSortValues(x, y);
  };
}

/** Keeps a row whose search text holds every word of the filter. */
const everyTerm: FilterFn<unknown> = (row, id, terms: readonly string[]) => {
  const text = row.getValue<string>(id);
  return terms.every((t) => text.includes(t));
};
everyTerm.resolveFilterValue = (query: string) => filterTerms(query);

/** The sort after a click on `column`'s header: flip the sorted column, or start another in its first direction. */
export function toggleSort<Row>(current: TableSort, column: TableColumn<Row>): TableSort {
  if (current.column === column.id) return { column: column.id, direction: current.direction === 'ascending' ? 'descending' : 'ascending' };
  return { column: column.id, direction: column.firstDirection ?? 'ascending' };
}

export interface TableModelInput<Row> {
  /** Every row, in the order ties keep (give it a stable identity: TanStack caches on it). */
  readonly rows: readonly Row[];
  readonly columns: readonly TableColumn<Row>[];
  /** A row's unique key (React key, tab stop, selection). */
  readonly rowKey: (row: Row) => string;
  /** The text the filter searches (any case). */
  readonly searchText: (row: Row) => string;
  readonly sort: TableSort;
  /** The filter texts in effect (the table's box, a page's find box): a row must hold every word of each. */
  readonly filters: readonly (string | null | undefined)[];
}

/** TanStack's column definitions: one per column (sorting by its value), and the hidden search column. */
export function columnDefs<Row>(columns: readonly TableColumn<Row>[], searchText: (row: Row) => string, direction: SortDirection): ColumnDef<Row, SortValue>[] {
  const sortingFn = sortingFnFor<Row>(direction);
  const defs: ColumnDef<Row, SortValue>[] = columns.map((c) => ({
    id: c.id,
    ...(c.sortValue ? { accessorFn: c.sortValue } : {}),
    enableSorting: c.sortValue !== undefined,
    sortingFn,
    // Not TanStack's own handling of undefined (it would follow the direction): sortingFn puts missing values last.
    sortUndefined: false,
    cell: (ctx) => c.cell(ctx.row.original),
  }));
  defs.push({ id: SEARCH_COLUMN, accessorFn: (row) => searchText(row).toLowerCase(), enableSorting: false });
  return defs;
}

/**
 * The TanStack options of a table: sorted by one column (ties keep the order
 * of `rows`), filtered by every word of the filters over the hidden search
 * column. `defs` lets React keep the column definitions across renders; the
 * state's arrays are new on each call, so React calls this once per change
 * of its input (TanStack re-sorts when the sorting array is a new one).
 */
export function tableOptions<Row>(input: TableModelInput<Row>, defs = columnDefs(input.columns, input.searchText, input.sort.direction)): TableOptions<Row> {
  const { rows, columns, rowKey, sort, filters } = input;
  const sortable = columns.some((c) => c.id === sort.column && c.sortValue);
  return {
    data: rows as Row[],
    columns: defs,
    getRowId: (row) => rowKey(row),
    getCoreRowModel: getCoreRowModel(),
    getFilteredRowModel: getFilteredRowModel(),
    getSortedRowModel: getSortedRowModel(),
    globalFilterFn: everyTerm as FilterFn<Row>,
    getColumnCanGlobalFilter: (column) => column.id === SEARCH_COLUMN,
    enableSortingRemoval: false,
    // No pagination: resetting its page on every new row model would only be a state change that renders again.
    autoResetPageIndex: false,
    state: {
      sorting: sortable ? [{ id: sort.column, desc: sort.direction === 'descending' }] : [],
      // One string (its words joined), so TanStack's cache sees an unchanged filter as unchanged.
      globalFilter: filterTerms(...filters).join(' '),
      columnVisibility: { [SEARCH_COLUMN]: false },
    },
  };
}

/** The rows a table shows, in order: `tableOptions` run once outside React (exports, tests). */
export function shownRows<Row>(input: TableModelInput<Row>): Row[] {
  const options = tableOptions(input);
  const table = createTable<Row>({ ...options, state: {}, onStateChange: () => {}, renderFallbackValue: null });
  table.setOptions((prev) => ({ ...prev, state: { ...table.initialState, ...options.state } }));
  return table.getRowModel().rows.map((r) => r.original);
}

/** The row that takes Tab (roving tabindex): the first candidate still shown, else the first row. */
export function pickTabStop(keys: readonly string[], candidates: readonly (string | null | undefined)[]): string | undefined {
  for (const c of candidates) if (c != null && keys.includes(c)) return c;
  return keys[0];
}
