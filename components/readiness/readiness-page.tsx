'use client';

import { useMemo } from 'react';
import type { NamespaceSwitch } from '@/lib/readiness/resources';
import { apiRangeQuery } from '@/lib/view/range';
import { readinessAnswerSchema } from '@/lib/api/answers';
import { useRange } from '../page/use-url-params';
import { useApiQuery } from '../queries';
import { BackendError, DataWarnings } from '../ui/backend-state';
import { PageHeader } from '../ui/page-controls';
import { RangeNotice, TimeControls } from '../ui/time-controls';
import { MeshSection } from './mesh-section';
import { NamespaceCard } from './namespace-card';

/** "What breaks if this namespace (or the mesh) switches to REGISTRY_ONLY?" */
export function ReadinessPage() {
  const [range, setRange] = useRange();
  // The whole mesh is always the mesh; the namespace filter picks the cards below it.
  const qs = apiRangeQuery(range, 'readiness');
  const report = useApiQuery(['readiness', qs], `/api/readiness?${qs}`, readinessAnswerSchema);
  const d = report.data;
  // One switch per entry of the report, in its order (a namespace may be an entry per cluster).
  const cards = useMemo(() => (d?.namespaces ?? []).map((n, i): [typeof n, NamespaceSwitch | undefined] => [n, d?.switches[i]]), [d]);
  return (
    <main className="mx-auto max-w-6xl space-y-4 p-3 sm:p-6">
      <PageHeader
        title="REGISTRY_ONLY readiness"
        description="What would break if a namespace (or the mesh) switched to REGISTRY_ONLY: every passthrough flow no ServiceEntry covers becomes blocked."
      >
        <TimeControls page="readiness" range={range} onChange={setRange} namespaces={[...new Set(d?.namespaces.map((n) => n.namespace) ?? [])]} />
      </PageHeader>
      <RangeNotice page="readiness" range={range} onLive={() => setRange({ end: null })} />
      {report.error && <BackendError error={report.error} keptSince={report.keptSince} end={range.end} />}
      <DataWarnings warnings={d?.warnings} />
      {report.isPending && <p className="text-sm text-slate-500">Loading…</p>}
      {d && (
        <>
          <p className="text-xs text-slate-600 dark:text-slate-400">
            Ready means nothing that works today would break: every passthrough flow becomes blocked, so it must be registered first; traffic blocked today stays blocked and
            does not count against readiness. Each namespace&apos;s Sidecar sets only outboundTrafficPolicy: REGISTRY_ONLY and keeps egress hosts */*, so every service stays
            visible and in-mesh calls keep working, including calls this window did not see; listing only the namespaces seen here would cut the others. Calls straight to pod
            IPs pass through today and would be blocked whatever the Sidecar lists.
          </p>
          {d.clusters.length > 1 && (
            <p className="text-xs text-slate-600 dark:text-slate-400" data-testid="clusters">
              Egress comes from {d.clusters.length} clusters: a namespace is a card per cluster it runs in (its workloads there are workloads of their own), and each card names its
              cluster.
            </p>
          )}
          <MeshSection d={d} range={range} />
          {cards
            .filter(([n]) => range.namespaces.length === 0 || range.namespaces.includes(n.namespace))
            .map(([n, sw]) => (
              <NamespaceCard key={JSON.stringify([n.namespace, n.cluster ?? null])} n={n} sw={sw} window={d.window} range={range} />
            ))}
        </>
      )}
    </main>
  );
}
