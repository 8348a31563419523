'use client';

import { useMemo } from 'react';
import { apiRangeQuery } from '@/lib/view/range';
import type { ExternalHost } from '../api-types';
import { hostsAnswerSchema } from '@/lib/api/answers';
import { useRange } from '../page/use-url-params';
import { useApiQuery } from '../queries';
import { BackendError, DataWarnings } from '../ui/backend-state';
import { PageHeader } from '../ui/page-controls';
import { RangeNotice, TimeControls } from '../ui/time-controls';
import { DataTable } from '../table/data-table';
import { useUrlTable } from '../table/use-url-table';
import { hostsColumns } from './hosts-columns';
import { hostSearchText, hostsCsv } from './hosts-rows';

const hostOf = (h: ExternalHost) => h.host;
const registeredOf = (h: ExternalHost) => ({ 'data-registered': h.registered });
const EMPTY = { none: 'No external hosts in this window.', filtered: 'No hosts match the filter.' };

/** Every external host seen in the window: the entry point for "which external hosts does my workload call". */
export function HostsPage() {
  const [range, setRange] = useRange();
  const qs = apiRangeQuery(range, 'hosts', { namespaces: true });
  const data = useApiQuery(['hosts', qs], `/api/hosts?${qs}`, hostsAnswerSchema);
  // The callers' namespaces (ns/workload); /api/hosts filters by the chosen ones.
  const namespaces = useMemo(() => [...new Set((data.data?.hosts ?? []).flatMap((h) => h.callers.map((c) => c.split('/')[0] ?? c)))], [data.data]);
  const columns = useMemo(() => hostsColumns(range), [range]);
  const table = useUrlTable(columns, 'rate');
  const exports = {
    name: `external-hosts-${(data.data?.end ?? '').replace(/[:.]/g, '-')}`,
    csv: hostsCsv,
    json: (shown: readonly ExternalHost[]) => ({ end: data.data?.end, window: data.data?.window, hosts: shown, queries: data.data?.queries }),
  };

  return (
    <main className="mx-auto max-w-7xl p-3 sm:p-6">
      <PageHeader title="External hosts" description="Every external host the mesh reached in the window: which external hosts does my workload call?">
        <TimeControls page="hosts" range={range} onChange={setRange} namespaces={namespaces} />
      </PageHeader>
      <RangeNotice page="hosts" range={range} onLive={() => setRange({ end: null })} />
      <DataTable
        label="External hosts"
        rows={data.data?.hosts}
        columns={columns}
        rowKey={hostOf}
        searchText={hostSearchText}
        {...table}
        filter={{ ...table.filter, label: 'Filter', placeholder: 'host, workload, status, protocol' }}
        noun="hosts"
        exports={exports}
        notices={
          <>
            {data.error && <BackendError error={data.error} keptSince={data.keptSince} end={range.end} />}
            <DataWarnings warnings={data.data?.warnings} />
            {data.isPending && <p className="text-sm text-slate-500">Loading…</p>}
          </>
        }
        emptyText={EMPTY}
        rowData={registeredOf}
        rowClassName="align-top"
      />
    </main>
  );
}
