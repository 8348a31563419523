'use client';

import { useMemo } from 'react';
import { flowClusters } from '@/lib/graph/build';
import { clusterShown, rowRange } from '@/lib/view/range';
import { toGraphQuery, type ViewState } from '@/lib/view/state';
import { useEgress } from '../queries';
import { FlowsTable } from '../table/flows-table';

export interface TableViewProps {
  readonly view: ViewState;
  readonly onSelect: (key: string) => void;
}

/** The flows of /api/egress for the same window, with the page's filters: the accessible mirror of the canvas. */
export function TableView({ view, onSelect }: TableViewProps) {
  const egress = useEgress(toGraphQuery(view));
  // Several clusters in the window (before any filter): a Cluster column, and row keys that are the graph's edge ids.
  const clusters = useMemo(() => flowClusters(egress.data?.flows ?? []).length > 1, [egress.data]);
  const flows = useMemo(
    () =>
      (egress.data?.flows ?? []).filter(
        (f) =>
          (view.status === 'all' || f.destination.status === view.status) &&
          (view.namespaces.length === 0 || view.namespaces.includes(f.source.namespace)) &&
          clusterShown(view, f.source.cluster),
      ),
    [egress.data, view],
  );
  return (
    <div className="min-w-0 flex-1 overflow-auto p-4">
      {egress.isError && <p role="alert">{egress.error.message}</p>}
      {egress.isPending ? <p className="text-sm text-slate-500">Loading flows…</p> : <FlowsTable flows={flows} selectedKey={view.selected} onSelect={onSelect} filter={view.find} range={rowRange(view, 'graph')} clusters={clusters} />}
    </div>
  );
}
