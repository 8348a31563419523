'use client';

import Link from 'next/link';
import { useMemo } from 'react';
import { toCsv } from '@/lib/export/csv';
import { displayText, formatRate, formatTimestamp } from '@/lib/format';
import { hostIdOf } from '@/lib/egress/host-id';
import { apiRangeQuery, pageHref, rowRange, type SharedRange } from '@/lib/view/range';
import { hostsAnswerSchema } from '@/lib/api/answers';
import type { ExternalHost } from '../api-types';
import { useRange, useUrlParams } from '../page/use-url-params';
import { PromoteLink } from '../promote/promote-link';
import { promoteHref } from '../promote/promote-request';
import { useApiQuery } from '../queries';
import { BackendError, DataWarnings } from '../ui/backend-state';
import { CONTROL, PageHeader } from '../ui/page-controls';
import { TextFilter } from '../ui/text-filter';
import { RangeNotice, TimeControls } from '../ui/time-controls';
import { downloadText } from '../ui/download';
import { LabelText } from '../ui/label-text';
import { StatusBadge } from '../ui/status-badge';

type Sort = 'host' | 'rate' | 'callers' | 'firstSeen' | 'lastSeen';
const COLUMNS: { id: Sort; label: string }[] = [
  { id: 'host', label: 'Host' },
  { id: 'callers', label: 'Callers' },
  { id: 'rate', label: 'Rate' },
  { id: 'firstSeen', label: 'First seen' },
  { id: 'lastSeen', label: 'Last seen' },
];

/** The rows shown: filtered (every word, in host, callers, status, protocol) and sorted. */
export function visibleHosts(hosts: readonly ExternalHost[], filter: string, sort: Sort, descending: boolean): ExternalHost[] {
  const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
  const text = (h: ExternalHost) => `${h.host} ${h.callers.join(' ')} ${h.statuses.join(' ')} ${h.protocols.join(' ')}`.toLowerCase();
  const key = (h: ExternalHost): string | number =>
    sort === 'host' ? h.host : sort === 'rate' ? h.ratePerSecond : sort === 'callers' ? h.callers.length : sort === 'firstSeen' ? (h.firstSeen ?? '') : (h.lastSeen ?? '');
  return hosts
    .filter((h) => words.every((w) => text(h).includes(w)))
    .sort((x, y) => {
      const a = key(x);
      const b = key(y);
      const c = a < b ? -1 : a > b ? 1 : 0;
      return descending ? -c : c;
    });
}

/** The graph with the host selected, in the window shown here (even its default, so the host is in it). */
function graphLink(host: string, range: SharedRange): string {
  // The graph's URL names a host by its hostId (lib/view/state.ts), so no link grows with the host.
  return pageHref('graph', rowRange(range, 'hosts'), [['sel', hostIdOf(host)]]);
}

/** Every external host seen in the window: the entry point for "which external hosts does my workload call". */
export function HostsPage() {
  const [params, set] = useUrlParams();
  const [range, setRange] = useRange();
  const qs = apiRangeQuery(range, 'hosts', { namespaces: true });
  const filter = params.get('q') ?? '';
  const sort = (COLUMNS.find((c) => c.id === params.get('sort'))?.id ?? 'rate') as Sort;
  const descending = params.get('dir') !== 'asc';
  const data = useApiQuery(['hosts', qs], `/api/hosts?${qs}`, hostsAnswerSchema);
  const rows = useMemo(() => visibleHosts(data.data?.hosts ?? [], filter, sort, descending), [data.data, filter, sort, descending]);
  // The callers' namespaces (ns/workload); /api/hosts filters by the chosen ones.
  const namespaces = useMemo(() => [...new Set((data.data?.hosts ?? []).flatMap((h) => h.callers.map((c) => c.split('/')[0] ?? c)))], [data.data]);
  const stamp = (data.data?.end ?? '').replace(/[:.]/g, '-');
  const control = CONTROL;
  const csv = () =>
    toCsv(
      ['host', 'status', 'registered', 'service_entry_namespace', 'callers_count', 'callers', 'protocols', 'rate_per_second', 'first_seen', 'last_seen'],
      rows.map((h) => [h.host, h.statuses.join(' '), h.registered, h.serviceEntryNamespace, h.callers.length, h.callers.join(' '), h.protocols.join(' '), h.ratePerSecond, h.firstSeen, h.lastSeen]),
    );

  return (
    <main className="mx-auto max-w-7xl p-3 sm:p-6">
      <PageHeader title="External hosts" description="Every external host the mesh reached in the window: which external hosts does my workload call?">
        <TimeControls page="hosts" range={range} onChange={setRange} namespaces={namespaces} />
      </PageHeader>
      <RangeNotice page="hosts" range={range} onLive={() => setRange({ end: null })} />
      <div className="mb-3 flex flex-wrap items-center gap-4 text-sm">
        <TextFilter label="Filter" value={filter} placeholder="host, workload, status, protocol" onCommit={(q) => set({ q }, true)} />
        <span role="status" className="text-slate-600 dark:text-slate-400">
          {data.data ? `${rows.length} of ${data.data.hosts.length} hosts` : ''}
        </span>
        <span className="ml-auto flex gap-1">
          <button type="button" className={control} disabled={!data.data} onClick={() => downloadText(csv(), 'text/csv', `external-hosts-${stamp}.csv`)}>
            Export CSV
          </button>
          <button
            type="button"
            className={control}
            disabled={!data.data}
            onClick={() => downloadText(JSON.stringify({ end: data.data?.end, window: data.data?.window, hosts: rows, queries: data.data?.queries }, null, 2), 'application/json', `external-hosts-${stamp}.json`)}
          >
            Export JSON
          </button>
        </span>
      </div>
      {data.error && <BackendError error={data.error} keptSince={data.keptSince} end={range.end} />}
      <DataWarnings warnings={data.data?.warnings} />
      {data.isPending && <p className="text-sm text-slate-500">Loading…</p>}
      {data.data && (
        // The table scrolls inside its box on a narrow screen; the page never scrolls sideways.
        <div className="relative overflow-x-auto">
          <table className="w-full border-collapse text-sm" aria-label="External hosts">
            <thead>
              <tr className="border-b border-slate-300 text-left dark:border-slate-700">
                <th scope="col" aria-sort={sort === 'host' ? (descending ? 'descending' : 'ascending') : undefined} className="py-1 pr-3">
                  <button type="button" className="font-semibold" onClick={() => set({ sort: 'host', dir: sort === 'host' && !descending ? null : 'asc' })}>
                    Host
                  </button>
                </th>
                <th scope="col" className="py-1 pr-3">Status</th>
                <th scope="col" className="py-1 pr-3">ServiceEntry</th>
                {COLUMNS.filter((c) => c.id !== 'host').map((c) => (
                  <th key={c.id} scope="col" aria-sort={sort === c.id ? (descending ? 'descending' : 'ascending') : undefined} className="py-1 pr-3">
                    <button type="button" className="font-semibold" onClick={() => set({ sort: c.id, dir: sort === c.id && descending ? 'asc' : null })}>
                      {c.label} {sort === c.id ? (descending ? '▼' : '▲') : '↕'}
                    </button>
                  </th>
                ))}
                <th scope="col" className="py-1 pr-3">Protocols</th>
                <th scope="col" className="py-1">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((h) => (
                <tr key={h.host} className="border-b border-slate-200 align-top dark:border-slate-800" data-registered={h.registered}>
                  <td className="py-1.5 pr-3 font-mono text-xs">
                    <Link href={graphLink(h.host, range)} className="block max-w-xs underline decoration-dotted">
                      <LabelText value={h.host} className="block truncate" />
                    </Link>
                  </td>
                  <td className="py-1.5 pr-3">
                    <span className="flex gap-1">
                      {h.statuses.map((s) => (
                        <StatusBadge key={s} status={s} />
                      ))}
                    </span>
                  </td>
                  <td className="py-1.5 pr-3 text-xs">
                    {h.registered ? (
                      <>
                        yes (<LabelText value={h.serviceEntryNamespace ?? '?'} />)
                      </>
                    ) : (
                      'no'
                    )}
                  </td>
                  <td className="py-1.5 pr-3 font-mono text-xs break-all" title={displayText(h.callers.join('\n'), { multiline: true })}>
                    {h.callers.length}: <LabelText value={h.callers.slice(0, 3).join(', ')} title={false} />
                    {h.callers.length > 3 ? ` +${h.callers.length - 3}` : ''}
                  </td>
                  <td className="py-1.5 pr-3 tabular-nums">{formatRate(h.ratePerSecond)}/s</td>
                  <td className="py-1.5 pr-3 text-xs">{formatTimestamp(h.firstSeen)}</td>
                  <td className="py-1.5 pr-3 text-xs">{formatTimestamp(h.lastSeen)}</td>
                  <td className="py-1.5 pr-3 text-xs">{h.protocols.join(', ')}</td>
                  <td className="py-1.5 text-right text-xs">
                    {!h.registered && (
                      <PromoteLink href={promoteHref({ host: h.host, hostId: hostIdOf(h.host) }, h.statuses.includes('blocked') ? 'blocked' : 'passthrough', rowRange(range, 'hosts'))} />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </main>
  );
}
