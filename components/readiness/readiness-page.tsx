'use client';

import { useMemo } from 'react';
import type { NamespaceSwitch } from '@/lib/readiness/resources';
import { apiRangeQuery } from '@/lib/view/range';
import type { ReadinessReport, ReadinessResources } from '../api-types';
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
  const report = useApiQuery<ReadinessReport & ReadinessResources>(['readiness', qs], `/api/readiness?${qs}`);
  const d = report.data;
  // Namespaces are label values: looked up in a Map, never as object keys.
  const switches = useMemo(() => new Map<string, NamespaceSwitch>((d?.switches ?? []).map((s) => [s.namespace, s])), [d]);
  return (
    <main className="mx-auto max-w-6xl space-y-4 p-3 sm:p-6">
      <PageHeader
        title="REGISTRY_ONLY readiness"
        description="What would break if a namespace (or the mesh) switched to REGISTRY_ONLY: every passthrough flow no ServiceEntry covers becomes blocked."
      >
        <TimeControls page="readiness" range={range} onChange={setRange} namespaces={d?.namespaces.map((n) => n.namespace) ?? []} />
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
          <MeshSection d={d} range={range} />
          {d.namespaces
            .filter((n) => range.namespaces.length === 0 || range.namespaces.includes(n.namespace))
            .map((n) => (
              <NamespaceCard key={n.namespace} n={n} sw={switches.get(n.namespace)} window={d.window} range={range} />
            ))}
        </>
      )}
    </main>
  );
}
