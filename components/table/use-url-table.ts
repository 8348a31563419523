'use client';

import { useCallback, useMemo } from 'react';
import { useUrlParams } from '../page/use-url-params';
import type { TableColumn, TableSort } from './data-table-model';

/** A table's sort and filter text in the page's URL: what DataTable's `sort`, `onSort` and `filter` take. */
export interface UrlTableState {
  readonly sort: TableSort;
  readonly onSort: (sort: TableSort) => void;
  readonly filter: { readonly value: string; readonly onCommit: (text: string) => void };
}

/**
 * `sort=<column>` (a sortable column, else `defaultColumn`), `dir=asc` or
 * absent for descending, and `q=<filter text>`. Sorting pushes a history
 * entry; typing replaces the current one.
 */
export function useUrlTable<Row>(columns: readonly TableColumn<Row>[], defaultColumn: string): UrlTableState {
  const [params, set] = useUrlParams();
  const column = params.get('sort');
  const dir = params.get('dir');
  const q = params.get('q') ?? '';
  const sort = useMemo<TableSort>(
    () => ({ column: columns.find((c) => c.id === column && c.sortValue)?.id ?? defaultColumn, direction: dir === 'asc' ? 'ascending' : 'descending' }),
    [columns, column, dir, defaultColumn],
  );
  const onSort = useCallback((next: TableSort) => set({ sort: next.column, dir: next.direction === 'ascending' ? 'asc' : null }), [set]);
  const onCommit = useCallback((text: string) => set({ q: text }, true), [set]);
  return { sort, onSort, filter: { value: q, onCommit } };
}
