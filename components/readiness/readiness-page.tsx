'use client';

import Link from 'next/link';
import { formatPercent, formatRate } from '@/lib/format';
import type { NamespaceReadiness, ReadinessReport, ReadinessResources } from '../api-types';
import { useUrlParams } from '../page/use-url-params';
import { useApiQuery } from '../queries';
import { BackendError, DataWarnings } from '../ui/backend-state';
import { PageHeader, readRange, WindowSelect } from '../ui/page-controls';

const WINDOWS = ['1h', '6h', '1d', '7d'] as const;

function promoteAll(n: Pick<NamespaceReadiness, 'toRegister'>): string {
  const p = new URLSearchParams(n.toRegister.map((h) => ['host', h.host]));
  return `/promote?${p.toString()}`;
}

function Bar({ value }: { value: number | null }) {
  const pct = value === null ? 0 : Math.round(value * 100);
  return (
    <div className="h-2 w-40 overflow-hidden rounded bg-amber-200 dark:bg-amber-900" aria-hidden>
      <div className="h-full bg-emerald-600" style={{ width: `${pct}%` }} />
    </div>
  );
}

function NamespaceCard({ n, sidecar }: { n: NamespaceReadiness; sidecar?: string }) {
  const egress = n.requests.registered + n.requests.passthrough + n.connections.registered + n.connections.passthrough;
  return (
    <section aria-label={`Namespace ${n.namespace}`} className="rounded border border-slate-200 p-4 dark:border-slate-800" data-namespace={n.namespace}>
      <header className="mb-2 flex flex-wrap items-center gap-3">
        <h2 className="font-mono text-base font-semibold">{n.namespace}</h2>
        <Bar value={n.readiness} />
        <span className="text-sm" data-testid="readiness">
          {n.readiness === null ? 'no egress' : `${formatPercent(n.readiness)} ready`}
        </span>
        <span className="text-xs text-slate-500">
          registered {formatRate(n.requests.registered + n.connections.registered)}/s · passthrough {formatRate(n.requests.passthrough + n.connections.passthrough)}/s · already
          blocked {formatRate(n.requests.blocked + n.connections.blocked)}/s
        </span>
      </header>
      {n.toRegister.length === 0 ? (
        <p className="text-sm">{egress > 0 ? 'Every named destination is registered.' : 'No egress in this window.'}</p>
      ) : (
        <>
          <p className="text-sm">Would be blocked under REGISTRY_ONLY until registered:</p>
          <table className="mt-1 w-full text-xs" aria-label={`Hosts to register for ${n.namespace}`}>
            <tbody>
              {n.toRegister.map((h) => (
                <tr key={h.host} className="border-b border-slate-100 dark:border-slate-800">
                  <td className="max-w-xs truncate py-0.5 pr-2 font-mono" title={h.host}>
                    {h.host}
                  </td>
                  <td className="py-0.5 pr-2 font-mono">{h.callers.join(', ')}</td>
                  <td className="py-0.5 pr-2">{h.protocols.join(', ')}</td>
                  <td className="py-0.5 text-right tabular-nums">{formatRate(h.ratePerSecond)}/s</td>
                </tr>
              ))}
            </tbody>
          </table>
          <Link href={promoteAll(n)} className="mt-2 inline-block rounded bg-indigo-700 px-2 py-1 text-xs font-medium text-white hover:bg-indigo-800">
            Review the ServiceEntries for these {n.toRegister.length} hosts…
          </Link>
        </>
      )}
      {n.unattributed && (
        <p className="mt-2 text-xs text-amber-800 dark:text-amber-300">
          {formatPercent(n.unattributed.share)} of this namespace&apos;s egress is TLS/TCP passthrough without a host in the metrics ({n.unattributed.callers.join(', ')}): it
          would be blocked too, and cannot be registered from metrics alone. The Telemetry below names those destinations.
        </p>
      )}
      {sidecar && (
        <details className="mt-2 text-xs">
          <summary className="cursor-pointer">Sidecar that switches {n.namespace} to REGISTRY_ONLY</summary>
          <pre className="mt-1 overflow-auto rounded bg-slate-100 p-2 dark:bg-slate-900">{sidecar}</pre>
        </details>
      )}
    </section>
  );
}

/** "What breaks if this namespace (or the mesh) switches to REGISTRY_ONLY?" */
export function ReadinessPage() {
  const [params, set] = useUrlParams();
  const { window, query: qs } = readRange(params, WINDOWS, '1h');
  const report = useApiQuery<ReadinessReport & ReadinessResources>(['readiness', qs], `/api/readiness?${qs}`);
  const d = report.data;
  return (
    <main className="mx-auto max-w-6xl space-y-4 p-6">
      <PageHeader
        title="REGISTRY_ONLY readiness"
        description="What would break if a namespace (or the mesh) switched to REGISTRY_ONLY: every passthrough flow no ServiceEntry covers becomes blocked."
      >
        <WindowSelect value={window} options={WINDOWS} onChange={(w) => set({ window: w })} />
      </PageHeader>
      {report.error && <BackendError error={report.error} keptSince={report.keptSince} />}
      <DataWarnings warnings={d?.warnings} />
      {report.isPending && <p className="text-sm text-slate-500">Loading…</p>}
      {d && (
        <>
          <section aria-label="Mesh" className="rounded border border-slate-300 p-4 dark:border-slate-700">
            <h2 className="mb-1 font-semibold">Whole mesh</h2>
            <p className="text-sm" data-testid="mesh-readiness">
              {d.mesh.readiness === null ? 'No egress in this window.' : `${formatPercent(d.mesh.readiness)} of egress is already registered`}
              {d.mesh.unattributed ? `; ${formatPercent(d.mesh.unattributed.share)} is TLS/TCP passthrough without a host.` : '.'} {d.mesh.toRegister.length} hosts to register.
            </p>
            {d.mesh.toRegister.length > 0 && (
              <Link href={promoteAll(d.mesh)} className="mt-2 inline-block text-sm underline">
                Review the ServiceEntries for all {d.mesh.toRegister.length} hosts…
              </Link>
            )}
            <details className="mt-2 text-xs">
              <summary className="cursor-pointer">Telemetry that names TLS/TCP passthrough destinations</summary>
              <p className="mt-1 text-amber-800 dark:text-amber-300">{d.telemetry.warning}</p>
              <pre className="mt-1 overflow-auto rounded bg-slate-100 p-2 dark:bg-slate-900">{d.telemetry.yaml}</pre>
            </details>
          </section>
          {d.namespaces.map((n) => (
            <NamespaceCard key={n.namespace} n={n} sidecar={d.sidecars[n.namespace]} />
          ))}
        </>
      )}
    </main>
  );
}
