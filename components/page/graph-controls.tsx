'use client';

import type { RefObject } from 'react';
import { exportCaption } from '@/lib/graph/export-caption';
import type { FilteredGraph, GraphFilter } from '@/lib/graph/filter';
import { elementFullName } from '@/lib/graph/tooltip';
import type { EgressGraph } from '../api-types';
import type { EgressGraphHandle } from '../graph/egress-graph';
import { downloadText, downloadUrl } from '../ui/download';

export interface GraphControlsProps {
  readonly graphRef: RefObject<EgressGraphHandle | null>;
  readonly graph: EgressGraph;
  readonly filtered: FilteredGraph;
  /** The filters in effect, named in the PNG's caption. */
  readonly filter: GraphFilter;
  /** The selected node or edge id (the PNG dims the rest around it). */
  readonly selected: string | null;
  readonly edgeLabels: boolean;
  readonly onEdgeLabels: (on: boolean) => void;
}


function stamp(end: string): string {
  return end.replace(/[:.]/g, '-');
}

/** Fit, zoom, re-layout, edge labels, and exports of the current view. */
export function GraphControls({ graphRef, graph, filtered, filter, selected, edgeLabels, onEdgeLabels }: GraphControlsProps) {
  const button = 'rounded border border-slate-300 bg-white px-2 py-0.5 text-xs shadow-sm hover:bg-slate-100 dark:border-slate-700 dark:bg-slate-900 dark:hover:bg-slate-800';
  const exportJson = () => {
    const body = { end: graph.end, window: graph.window, nodes: filtered.nodes, edges: filtered.edges, warnings: graph.warnings, queries: graph.queries };
    downloadText(JSON.stringify(body, null, 2), 'application/json', `egress-graph-${stamp(graph.end)}.json`);
  };
  const exportPng = async () => {
    const selectedName = selected ? elementFullName(filtered, selected) : undefined;
    const png = await graphRef.current?.png(exportCaption({ window: graph.window, end: graph.end, ...filter, ...(selectedName ? { selected: selectedName } : {}) }));
    if (png) downloadUrl(png, `egress-graph-${stamp(graph.end)}.png`);
  };
  return (
    <div className="absolute right-2 top-2 flex flex-wrap gap-1" role="toolbar" aria-label="Graph controls">
      <button type="button" className={button} onClick={() => graphRef.current?.fit()}>
        Fit
      </button>
      <button type="button" className={button} aria-label="Zoom in" onClick={() => graphRef.current?.zoom(1.25)}>
        +
      </button>
      <button type="button" className={button} aria-label="Zoom out" onClick={() => graphRef.current?.zoom(0.8)}>
        −
      </button>
      <button type="button" className={button} onClick={() => graphRef.current?.relayout()}>
        Re-layout
      </button>
      <label className={`${button} flex items-center gap-1`}>
        <input type="checkbox" checked={edgeLabels} onChange={(e) => onEdgeLabels(e.target.checked)} /> Edge labels
      </label>
      <button type="button" className={button} onClick={() => void exportPng()} title="The graph with its legend, window, end time and filters">
        Export PNG
      </button>
      <button type="button" className={button} onClick={exportJson}>
        Export JSON
      </button>
    </div>
  );
}
