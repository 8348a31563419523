'use client';

import { useMemo, useState } from 'react';
import { LIVE_RANGE, type SharedRange } from '@/lib/view/range';
import type { EgressFlow } from '../api-types';
import { DataTable } from './data-table';
import type { TableSort } from './data-table-model';
import { DEFAULT_FLOW_SORT, flowColumns } from './flow-columns';
import { inDefaultOrder, toFlowRows, type FlowRow } from './flow-rows';

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

const keyOf = (r: FlowRow) => r.key;
const searchOf = (r: FlowRow) => r.search;
const statusOf = (r: FlowRow) => ({ 'data-status': r.flow.destination.status });
const FILTER = { label: 'Filter flows', placeholder: 'workload, host, status, protocol', width: 'w-64' };
const EMPTY = { none: 'No egress flows in this window.', filtered: 'No flows match the filter.' };

/** Every flow as a sortable, filterable, selectable table: the accessible mirror of the graph canvas. */
export function FlowsTable({ flows, selectedKey = null, onSelect, filter, range = LIVE_RANGE, clusters = false }: FlowsTableProps) {
  const [sort, setSort] = useState<TableSort>(DEFAULT_FLOW_SORT);
  const rows = useMemo(() => inDefaultOrder(toFlowRows(flows, clusters)), [flows, clusters]);
  const columns = useMemo(() => flowColumns(range, clusters), [range, clusters]);
  return (
    <DataTable
      label="Egress flows"
      rows={rows}
      columns={columns}
      rowKey={keyOf}
      searchText={searchOf}
      sort={sort}
      onSort={setSort}
      filter={FILTER}
      externalFilter={filter}
      noun="flows"
      emptyText={EMPTY}
      selectable
      selectedKey={selectedKey}
      onSelect={onSelect}
      rowData={statusOf}
    />
  );
}
