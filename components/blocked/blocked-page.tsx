'use client';

import { useMemo } from 'react';
import { displayText, formatSpan, formatTimestamp } from '@/lib/format';
import type { BlockedAttempt } from '../api-types';
import { blockedReportSchema } from '@/lib/api/answers';
import { apiRangeQuery, clusterShown } from '@/lib/view/range';
import { useRange, useUrlParams } from '../page/use-url-params';
import { useApiQuery } from '../queries';
import { BackendError, DataWarnings } from '../ui/backend-state';
import { PageHeader } from '../ui/page-controls';
import { RangeNotice, TimeControls } from '../ui/time-controls';
import { DataTable } from '../table/data-table';
import { useUrlTable } from '../table/use-url-table';
import { attemptClusters, attemptKey, attemptsCsv, attemptSearchText, listedAttempts } from './blocked-rows';
import { blockedColumns } from './blocked-columns';

const newOf = (a: BlockedAttempt) => ({ 'data-new': a.isNew });
const EMPTY = { none: 'No blocked egress from these sources in this window.', filtered: 'No attempts match the filter.' };

/** Blocked egress attempts for security review: who tried to reach what, how often, since when. */
export function BlockedPage() {
  const [params, set] = useUrlParams();
  const [range, setRange] = useRange();
  const qs = apiRangeQuery(range, 'blocked');
  const end = range.end;
  const newOnly = params.get('new') === '1';
  const report = useApiQuery(['blocked', qs], `/api/blocked?${qs}`, blockedReportSchema, end ? false : 60_000);
  // /api/blocked reports every namespace and cluster; the shared namespace and cluster filters apply to the sources here.
  const inNamespaces = useMemo(
    () => (report.data?.attempts ?? []).filter((a) => (range.namespaces.length === 0 || range.namespaces.includes(a.source.namespace)) && clusterShown(range, a.source.cluster)),
    [report.data, range],
  );
  const rows = useMemo(() => (report.data ? listedAttempts(inNamespaces, newOnly) : undefined), [report.data, inNamespaces, newOnly]);
  const clusters = useMemo(() => attemptClusters(report.data?.attempts ?? []), [report.data]);
  const namespaces = useMemo(() => [...new Set((report.data?.attempts ?? []).map((a) => a.source.namespace))], [report.data]);
  const { start = '', end: reportEnd = '', step = 0, window = '' } = report.data ?? {};
  // Several clusters: each row names its source's cluster.
  const columns = useMemo(() => blockedColumns({ several: clusters.length > 1, trend: { start, end: reportEnd, step }, range }), [clusters, start, reportEnd, step, range]);
  const table = useUrlTable(columns, 'attempts');
  const exports = {
    name: `blocked-egress-${reportEnd.replace(/[:.]/g, '-')}`,
    csv: attemptsCsv,
    json: (shown: readonly BlockedAttempt[]) => ({ end: report.data?.end, window: report.data?.window, attempts: shown, queries: report.data?.queries }),
  };

  return (
    <main className="mx-auto max-w-7xl p-3 sm:p-6">
      <PageHeader
        title="Blocked egress attempts"
        description="Calls the mesh dropped (BlackHoleCluster, REGISTRY_ONLY): who tried to reach what. Unexpected destinations can be attempted exfiltration."
      >
        <TimeControls page="blocked" range={range} onChange={setRange} namespaces={namespaces} clusters={clusters} />
      </PageHeader>
      <RangeNotice page="blocked" range={range} onLive={() => setRange({ end: null })} />
      <DataTable
        label="Blocked egress attempts"
        rows={rows}
        total={inNamespaces.length}
        columns={columns}
        rowKey={attemptKey}
        searchText={attemptSearchText}
        {...table}
        filter={{ ...table.filter, label: 'Filter', placeholder: 'workload, host, protocol' }}
        noun="source/destination pairs"
        controls={
          <label className="flex items-center gap-1">
            <input type="checkbox" checked={newOnly} onChange={(e) => set({ new: e.target.checked ? '1' : null })} /> New in this window only
          </label>
        }
        exports={exports}
        notices={
          <>
            {report.error && <BackendError error={report.error} keptSince={report.keptSince} end={end} />}
            <DataWarnings warnings={report.data?.warnings} />
            {report.isPending && <p className="text-sm text-slate-500">Loading…</p>}
          </>
        }
        instead={report.data?.attempts.length === 0 && <p className="rounded border p-4 text-sm">No blocked egress in the last {window}.</p>}
        emptyText={EMPTY}
        rowData={newOf}
      />
      {report.data && (
        <details className="mt-4 text-xs text-slate-600 dark:text-slate-400">
          <summary className="cursor-pointer">Where these numbers come from</summary>
          <p className="mt-1">Attempts are increase() over the window; the trend is increase() per {formatSpan(report.data.step)}, ending {formatTimestamp(report.data.end)}; &quot;new&quot; means none in the window before.</p>
          {Object.values(report.data.queries).map((q) => (
            <pre key={q} className="mt-1 whitespace-pre-wrap break-all rounded bg-slate-100 p-1 dark:bg-slate-900">
              {displayText(q, { multiline: true })}
            </pre>
          ))}
        </details>
      )}
    </main>
  );
}
