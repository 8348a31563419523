'use client';

import { useEffect, useMemo, useRef } from 'react';
import { filterGraph, graphClusters, graphNamespaces } from '@/lib/graph/filter';
import { displayText } from '@/lib/format';
import { effectiveWindow, rowRange } from '@/lib/view/range';
import { refreshIntervalMs, serializeViewState, toGraphQuery } from '@/lib/view/state';
import { EgressGraph, type EgressGraphHandle } from '../graph/egress-graph';
import { Legend } from '../graph/legend';
import { chartParams } from '../panels/chart-params';
import { DetailsPanel } from '../panels/details-panel';
import { SelectionChart } from '../panels/selection-chart';
import { useDataSpan, useGraph } from '../queries';
import { BackendError, DataWarnings } from '../ui/backend-state';
import { rememberGraphQuery } from './graph-memory';
import { GraphControls } from './graph-controls';
import { EdgeBudgetChip } from './edge-budget-chip';
import { FocusChip } from './focus-chip';
import { EmptyState, GraphSkeleton } from './states';
import { TableView } from './table-view';
import { useTheme } from './theme';
import { Toolbar } from './toolbar';
import { useDetail } from './use-detail';
import { useViewState } from './use-view-state';

/** The main page: the egress graph (or its table), filters in the URL, details on selection. */
export function EgressPage() {
  const [view, setView] = useViewState();
  const theme = useTheme();
  const graphRef = useRef<EgressGraphHandle>(null);
  const span = useDataSpan();
  const query = useMemo(() => toGraphQuery(view), [view]);
  const graph = useGraph(query, refreshIntervalMs(view));
  const data = graph.data;
  const filter = useMemo(() => ({ namespaces: view.namespaces, clusters: view.clusters, status: view.status, find: view.find }), [view.namespaces, view.clusters, view.status, view.find]);
  const filtered = useMemo(() => (data ? filterGraph(data, filter) : undefined), [data, filter]);
  const namespaces = useMemo(() => (data ? graphNamespaces(data) : []), [data]);
  const clusters = useMemo(() => (data ? graphClusters(data) : []), [data]);
  // Focus, levels of detail and domain groups turn the filtered graph into the drawn one; the URL names hosts by their hostId.
  const detail = useDetail(data, filtered, view, setView);
  const { visible, selected, select } = detail;
  const needle = view.find.trim();
  const findMiss = filtered && needle && filtered.edges.length > 0 && filtered.matches.size === 0 ? `No workload or host matches "${displayText(needle)}"` : undefined;
  // The way back from other pages restores this view (filters, find, selection).
  useEffect(() => rememberGraphQuery(serializeViewState(view).toString()), [view]);

  return (
    // The app header is 3rem high; the graph fills the rest of the screen.
    <div className="flex h-[calc(100dvh-3rem)] flex-col">
      <div className="border-b border-slate-200 px-3 py-2 sm:px-4 dark:border-slate-800">
        <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
          <h1 className="text-base font-semibold">Egress graph</h1>
          <div role="tablist" aria-label="View" className="flex overflow-hidden rounded border border-slate-300 text-sm dark:border-slate-700">
            {(['graph', 'table'] as const).map((v) => (
              <button
                key={v}
                type="button"
                role="tab"
                aria-selected={view.view === v}
                className={`px-3 py-0.5 capitalize ${view.view === v ? 'bg-slate-800 text-white dark:bg-slate-200 dark:text-slate-900' : ''}`}
                onClick={() => setView({ view: v })}
              >
                {v}
              </button>
            ))}
          </div>
          <Toolbar view={view} namespaces={namespaces} clusters={clusters} onChange={setView} findMiss={findMiss} />
          {detail.focus !== null && data && <FocusChip focus={detail.focus} graph={detail.panelGraph ?? data} onLeave={() => detail.setFocus(null)} />}
          {visible && view.view === 'graph' && <EdgeBudgetChip hidden={visible.hiddenEdges} showingAll={view.allEdges} onShowAll={(all) => setView({ allEdges: all })} />}
        </div>
      </div>
      {graph.error && <BackendError layout="strip" error={graph.error} keptSince={graph.keptSince} end={view.end} />}
      <DataWarnings layout="strip" warnings={data?.warnings} />
      {/* The graph, table and panel scroll inside; nothing in them may scroll the page sideways. */}
      {/* Side by side from 768 px; below, the details go under the graph and the legend is left out. */}
      <main className="relative flex min-h-0 flex-1 flex-col overflow-hidden md:flex-row">
        {!data && graph.isPending && <GraphSkeleton />}
        {!data && graph.error && <EmptyState reason="error" />}
        {data && filtered && data.edges.length === 0 && (
          <EmptyState
            reason={data.istioMetrics !== 'absent' ? 'no-egress' : span?.first === null ? 'no-istio-metrics' : 'no-data-in-window'}
            window={data.window}
            end={view.end}
            span={span}
            onLive={() => setView({ end: null })}
          />
        )}
        {data && filtered && data.edges.length > 0 && (filtered.edges.length === 0 || (view.view === 'graph' && visible?.edges.length === 0)) && <EmptyState reason="filtered" />}
        {data && filtered && visible && visible.edges.length > 0 && view.view === 'graph' && (
          <>
            <div className="relative min-h-0 min-w-0 flex-1" data-testid="graph-canvas">
              <EgressGraph
                ref={graphRef}
                nodes={visible.nodes}
                edges={visible.edges}
                layoutNodes={visible.nodes}
                layoutEdges={visible.edges}
                matches={detail.matches}
                selected={detail.drawnSelected}
                collapsible={detail.collapsible}
                fitKey={`${detail.focus ?? ''}|${visible.namespaceLevel}`}
                edgeLabels={view.edgeLabels}
                theme={theme}
                refitKey={`${view.status}\n${view.namespaces.join(',')}\n${view.clusters.join(',')}`}
                onSelect={detail.onCanvasSelect}
              />
              <GraphControls graphRef={graphRef} graph={data} filtered={filtered} filter={filter} selected={selected} edgeLabels={view.edgeLabels} onEdgeLabels={(on) => setView({ edgeLabels: on })} />
            </div>
            {!selected && (
              <div className="hidden w-72 shrink-0 overflow-y-auto border-l border-slate-200 p-3 md:block dark:border-slate-800">
                <Legend theme={theme} />
              </div>
            )}
          </>
        )}
        {data && view.view === 'table' && <TableView view={{ ...view, selected }} onSelect={select} />}
        {data && detail.panelGraph && selected && (
          <div className="max-h-[55%] w-full shrink-0 overflow-y-auto border-t border-slate-200 md:max-h-none md:w-96 md:border-t-0 md:border-l dark:border-slate-800">
            <DetailsPanel
              graph={detail.panelGraph}
              selected={selected}
              onSelect={select}
              detail={detail}
              range={rowRange(view, 'graph')}
              chart={
                <SelectionChart
                  params={chartParams(data, selected, effectiveWindow(view, 'graph'), view.end)}
                  refreshMs={refreshIntervalMs(view)}
                  dark={theme === 'dark'}
                  title={selected}
                  prometheusUrl={data.prometheusUrl}
                />
              }
            />
          </div>
        )}
      </main>
    </div>
  );
}
