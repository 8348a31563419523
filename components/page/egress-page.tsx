'use client';

import Link from 'next/link';
import { useMemo, useRef } from 'react';
import { filterGraph, graphNamespaces } from '@/lib/graph/filter';
import { effectiveWindow } from '@/lib/view/range';
import { refreshIntervalMs, toGraphQuery } from '@/lib/view/state';
import { EgressGraph, type EgressGraphHandle } from '../graph/egress-graph';
import { Legend } from '../graph/legend';
import { chartParams } from '../panels/chart-params';
import { DetailsPanel } from '../panels/details-panel';
import { SelectionChart } from '../panels/selection-chart';
import { failureTitle } from '@/lib/api/failure-text';
import { ApiRequestError, useGraph, useHealth } from '../queries';
import { BackendError, DataWarnings } from '../ui/backend-state';
import { GraphControls } from './graph-controls';
import { EmptyState, GraphSkeleton } from './states';
import { Help } from './help';
import { SignedInAs } from '../ui/identity';
import { TableView } from './table-view';
import { Toolbar } from './toolbar';
import { useTheme } from './use-theme';
import { useViewState } from './use-view-state';

/** The main page: the egress graph (or its table), filters in the URL, details on selection. */
export function EgressPage() {
  const [view, setView] = useViewState();
  const [theme, setTheme] = useTheme();
  const graphRef = useRef<EgressGraphHandle>(null);
  const health = useHealth();
  const query = useMemo(() => toGraphQuery(view), [view]);
  const graph = useGraph(query, refreshIntervalMs(view));
  const data = graph.data;
  const filtered = useMemo(
    () => (data ? filterGraph(data, { namespaces: view.namespaces, status: view.status, find: view.find }) : undefined),
    [data, view.namespaces, view.status, view.find],
  );
  const namespaces = useMemo(() => (data ? graphNamespaces(data) : []), [data]);
  const select = (id: string | null) => setView({ selected: id });

  return (
    <div className="flex h-screen flex-col">
      <header className="flex flex-wrap items-center justify-between gap-3 border-b border-slate-200 px-4 py-2 dark:border-slate-800">
        <div className="flex items-baseline gap-3">
          <h1 className="text-lg font-semibold">Egress Lens</h1>
          <nav aria-label="Pages" className="flex gap-3 text-sm">
            <Link href="/security" className="underline">
              Blocked egress
            </Link>
            <Link href="/readiness" className="underline">
              REGISTRY_ONLY readiness
            </Link>
            <Link href="/hosts" className="underline">
              External hosts
            </Link>
            <Link href="/alerts" className="underline">
              Alert rules
            </Link>
          </nav>
          <span role="status" aria-label="Prometheus status" className="text-xs">
            {health.isError ? (
              <span className="text-red-600 dark:text-red-400">{failureTitle(health.error instanceof ApiRequestError ? health.error.code : 'prometheus-unreachable')}</span>
            ) : health.data ? (
              <span className="text-emerald-700 dark:text-emerald-400">Prometheus {health.data.prometheus.version ?? ''} answering</span>
            ) : (
              'Checking Prometheus…'
            )}
          </span>
        </div>
        <div className="flex items-center gap-3">
          <SignedInAs />
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
          <button type="button" className="rounded border border-slate-300 px-2 py-0.5 text-sm dark:border-slate-700" onClick={() => setTheme(theme === 'dark' ? 'light' : 'dark')}>
            {theme === 'dark' ? 'Light' : 'Dark'} theme
          </button>
          <Help />
        </div>
      </header>
      <div className="border-b border-slate-200 px-4 py-2 dark:border-slate-800">
        <Toolbar view={view} namespaces={namespaces} onChange={setView} />
      </div>
      {graph.error && <BackendError layout="strip" error={graph.error} keptSince={graph.keptSince} />}
      <DataWarnings layout="strip" warnings={data?.warnings} />
      {/* The graph, table and panel scroll inside; nothing in them may scroll the page sideways. */}
      <main className="relative flex min-h-0 flex-1 overflow-hidden">
        {!data && graph.isPending && <GraphSkeleton />}
        {!data && graph.error && <EmptyState reason="error" />}
        {data && filtered && data.edges.length === 0 && <EmptyState reason={data.istioMetrics === 'absent' ? 'no-istio-metrics' : 'no-egress'} window={data.window} />}
        {data && filtered && data.edges.length > 0 && filtered.edges.length === 0 && <EmptyState reason="filtered" />}
        {data && filtered && filtered.edges.length > 0 && view.view === 'graph' && (
          <>
            <div className="relative min-w-0 flex-1" data-testid="graph-canvas">
              <EgressGraph
                ref={graphRef}
                nodes={filtered.nodes}
                edges={filtered.edges}
                layoutNodes={data.nodes}
                matches={filtered.matches}
                selected={view.selected}
                edgeLabels={view.edgeLabels}
                theme={theme}
                onSelect={select}
              />
              <GraphControls graphRef={graphRef} graph={data} filtered={filtered} edgeLabels={view.edgeLabels} onEdgeLabels={(on) => setView({ edgeLabels: on })} />
            </div>
            {!view.selected && (
              <div className="w-72 shrink-0 overflow-y-auto border-l border-slate-200 p-3 dark:border-slate-800">
                <Legend theme={theme} />
              </div>
            )}
          </>
        )}
        {data && view.view === 'table' && <TableView view={view} onSelect={select} />}
        {data && view.selected && (
          <div className="w-96 shrink-0 border-l border-slate-200 dark:border-slate-800">
            <DetailsPanel
              graph={data}
              selected={view.selected}
              onSelect={select}
              chart={
                <SelectionChart
                  params={chartParams(data, view.selected, effectiveWindow(view, 'graph'), view.end)}
                  refreshMs={refreshIntervalMs(view)}
                  dark={theme === 'dark'}
                  title={view.selected}
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
