'use client';

import { useMemo } from 'react';
import { displayLabel, displayText, formatRate, formatSpan, formatTimestamp } from '@/lib/format';
import { blockedReportSchema } from '@/lib/api/answers';
import { apiRangeQuery, clusterShown, rowRange } from '@/lib/view/range';
import { PromoteLink } from '../promote/promote-link';
import { promoteHref } from '../promote/promote-request';
import { useRange, useUrlParams } from '../page/use-url-params';
import { useApiQuery } from '../queries';
import { BackendError, DataWarnings } from '../ui/backend-state';
import { CONTROL, PageHeader } from '../ui/page-controls';
import { TextFilter } from '../ui/text-filter';
import { RangeNotice, TimeControls } from '../ui/time-controls';
import { downloadText } from '../ui/download';
import { LabelText } from '../ui/label-text';
import { attemptClusters, attemptsCsv, destinationOf, sourceOf, visibleAttempts, type BlockedSort } from './blocked-rows';
import { Sparkline } from './sparkline';

const SORTS: { id: BlockedSort; label: string }[] = [
  { id: 'source', label: 'Source workload' },
  { id: 'host', label: 'Attempted destination' },
  { id: 'attempts', label: 'Attempts' },
  { id: 'firstSeen', label: 'First seen' },
  { id: 'lastSeen', label: 'Last seen' },
];


/** Blocked egress attempts for security review: who tried to reach what, how often, since when. */
export function BlockedPage() {
  const [params, set] = useUrlParams();
  const [range, setRange] = useRange();
  const qs = apiRangeQuery(range, 'blocked');
  const end = range.end;
  const filter = params.get('q') ?? '';
  const sort = (SORTS.find((s) => s.id === params.get('sort'))?.id ?? 'attempts') as BlockedSort;
  const descending = params.get('dir') !== 'asc';
  const newOnly = params.get('new') === '1';
  const report = useApiQuery(['blocked', qs], `/api/blocked?${qs}`, blockedReportSchema, end ? false : 60_000);
  // /api/blocked reports every namespace and cluster; the shared namespace and cluster filters apply to the sources here.
  const inNamespaces = useMemo(
    () => (report.data?.attempts ?? []).filter((a) => (range.namespaces.length === 0 || range.namespaces.includes(a.source.namespace)) && clusterShown(range, a.source.cluster)),
    [report.data, range],
  );
  const clusters = useMemo(() => attemptClusters(report.data?.attempts ?? []), [report.data]);
  // Several clusters: each row names its source's cluster.
  const several = clusters.length > 1;
  const namespaces = useMemo(() => [...new Set((report.data?.attempts ?? []).map((a) => a.source.namespace))], [report.data]);
  const rows = useMemo(() => visibleAttempts(inNamespaces, filter, sort, descending, newOnly), [inNamespaces, filter, sort, descending, newOnly]);
  const stamp = (report.data?.end ?? '').replace(/[:.]/g, '-');
  const control = CONTROL;

  return (
    <main className="mx-auto max-w-7xl p-3 sm:p-6">
      <PageHeader
        title="Blocked egress attempts"
        description="Calls the mesh dropped (BlackHoleCluster, REGISTRY_ONLY): who tried to reach what. Unexpected destinations can be attempted exfiltration."
      >
        <TimeControls page="blocked" range={range} onChange={setRange} namespaces={namespaces} clusters={clusters} />
      </PageHeader>
      <RangeNotice page="blocked" range={range} onLive={() => setRange({ end: null })} />
      <div className="mb-3 flex flex-wrap items-center gap-4 text-sm">
        <TextFilter label="Filter" value={filter} placeholder="workload, host, protocol" onCommit={(q) => set({ q }, true)} />
        <label className="flex items-center gap-1">
          <input type="checkbox" checked={newOnly} onChange={(e) => set({ new: e.target.checked ? '1' : null })} /> New in this window only
        </label>
        <span role="status" className="text-slate-600 dark:text-slate-400">
          {report.data ? `${rows.length} of ${inNamespaces.length} source/destination pairs` : ''}
        </span>
        <span className="ml-auto flex gap-1">
          <button type="button" className={control} disabled={!report.data} onClick={() => downloadText(attemptsCsv(rows), 'text/csv', `blocked-egress-${stamp}.csv`)}>
            Export CSV
          </button>
          <button
            type="button"
            className={control}
            disabled={!report.data}
            onClick={() => downloadText(JSON.stringify({ end: report.data?.end, window: report.data?.window, attempts: rows, queries: report.data?.queries }, null, 2), 'application/json', `blocked-egress-${stamp}.json`)}
          >
            Export JSON
          </button>
        </span>
      </div>
      {report.error && <BackendError error={report.error} keptSince={report.keptSince} end={end} />}
      <DataWarnings warnings={report.data?.warnings} />
      {report.isPending && <p className="text-sm text-slate-500">Loading…</p>}
      {report.data && report.data.attempts.length === 0 && <p className="rounded border p-4 text-sm">No blocked egress in the last {report.data.window}.</p>}
      {report.data && report.data.attempts.length > 0 && (
        // The table scrolls inside its box on a narrow screen; the page never scrolls sideways.
        <div className="relative overflow-x-auto">
          <table className="w-full border-collapse text-sm" aria-label="Blocked egress attempts">
            <thead>
              <tr className="border-b border-slate-300 text-left dark:border-slate-700">
                {SORTS.map((s) => (
                  <th key={s.id} scope="col" aria-sort={sort === s.id ? (descending ? 'descending' : 'ascending') : undefined} className={`py-1 pr-3 ${s.id === 'attempts' ? 'text-right' : ''}`}>
                    <button type="button" className="font-semibold" onClick={() => set({ sort: s.id, dir: sort === s.id && descending ? 'asc' : null })}>
                      {s.label} {sort === s.id ? (descending ? '▼' : '▲') : '↕'}
                    </button>
                  </th>
                ))}
                <th scope="col" className="py-1 pr-3">Protocol</th>
                <th scope="col" className="py-1 pr-3">Trend</th>
                <th scope="col" className="py-1">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((a) => (
                <tr key={`${sourceOf(a, true)}|${a.host}|${a.protocol}`} className="border-b border-slate-200 dark:border-slate-800" data-new={a.isNew}>
                  <td className="py-1.5 pr-3 font-mono text-xs">
                    <LabelText value={sourceOf(a, several)} className="block max-w-[16rem] truncate" />
                  </td>
                  <td className="py-1.5 pr-3 font-mono text-xs">
                    <LabelText value={destinationOf(a)} className="block max-w-sm truncate" />
                    {a.isNew && <span className="ml-1 rounded bg-red-600 px-1 text-[10px] font-semibold text-white">NEW</span>}
                  </td>
                  <td className="py-1.5 pr-3 text-right tabular-nums">{formatRate(Math.round(a.attempts))}</td>
                  <td className="py-1.5 pr-3 text-xs">{formatTimestamp(a.firstSeen)}</td>
                  <td className="py-1.5 pr-3 text-xs">{formatTimestamp(a.lastSeen)}</td>
                  <td className="py-1.5 pr-3">{a.protocol}</td>
                  <td className="py-1.5 pr-3">
                    <Sparkline values={a.trend} from={report.data?.start ?? ''} to={report.data?.end ?? ''} step={report.data?.step ?? 0} subject={`Blocked attempts from ${displayText(sourceOf(a, several))} to ${displayLabel(destinationOf(a), 120)}`} />
                  </td>
                  <td className="py-1.5 text-right text-xs">
                    <PromoteLink href={promoteHref(a.host, 'blocked', rowRange(range, 'blocked'))} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
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
