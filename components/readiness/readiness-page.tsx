'use client';

import Link from 'next/link';
import { useMemo } from 'react';
import { displayText, formatPercent, formatRate } from '@/lib/format';
import { promotableHost } from '@/lib/serviceentry/names';
import { apiRangeQuery, type SharedRange } from '@/lib/view/range';
import type { NamespaceReadiness, ReadinessReport, ReadinessResources } from '../api-types';
import { useRange } from '../page/use-url-params';
import { promoteHostsHref } from '../promote/promote-request';
import { useApiQuery } from '../queries';
import { BackendError, DataWarnings } from '../ui/backend-state';
import { LabelText } from '../ui/label-text';
import { PageHeader } from '../ui/page-controls';
import { RangeNotice, TimeControls } from '../ui/time-controls';

/** The hosts of a list that cannot become ServiceEntry hosts (markup, control characters, 10 kB...), with the reason. */
function refusals(n: Pick<NamespaceReadiness, 'toRegister'>): Map<string, string> {
  const out = new Map<string, string>();
  for (const h of n.toRegister) {
    const p = promotableHost(h.host);
    if (p.kind === 'refused') out.set(h.host, p.reason);
  }
  return out;
}

/** The review of every registrable host of the list, in the page's range; hosts that cannot be registered stay out of the link. */
function promoteAll(n: Pick<NamespaceReadiness, 'toRegister'>, refused: ReadonlyMap<string, string>, range: SharedRange): string {
  return promoteHostsHref(n.toRegister.filter((h) => !refused.has(h.host)).map((h) => h.host), range);
}

function RefusedNote({ count }: { count: number }) {
  if (count === 0) return null;
  return (
    <p className="mt-1 text-xs text-amber-800 dark:text-amber-300">
      {count} {count === 1 ? 'host is' : 'hosts are'} not a DNS name a ServiceEntry can hold (a hostile or broken Host header): {count === 1 ? 'it is' : 'they are'} left out of the
      review; fix the application, or register the real destination.
    </p>
  );
}

function Bar({ value }: { value: number | null }) {
  const pct = value === null ? 0 : Math.round(value * 100);
  return (
    <div className="h-2 w-40 overflow-hidden rounded bg-amber-200 dark:bg-amber-900" aria-hidden>
      <div className="h-full bg-emerald-600" style={{ width: `${pct}%` }} />
    </div>
  );
}

function NamespaceCard({ n, sidecar, range }: { n: NamespaceReadiness; sidecar?: string; range: SharedRange }) {
  const egress = n.requests.registered + n.requests.passthrough + n.connections.registered + n.connections.passthrough;
  const refused = refusals(n);
  const registrable = n.toRegister.length - refused.size;
  return (
    <section aria-label={`Namespace ${displayText(n.namespace)}`} className="rounded border border-slate-200 p-4 dark:border-slate-800" data-namespace={n.namespace}>
      <header className="mb-2 flex flex-wrap items-center gap-3">
        <h2 className="font-mono text-base font-semibold">
          <LabelText value={n.namespace} />
        </h2>
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
          {/* Scrolls inside its box on a narrow screen; the page never scrolls sideways. */}
          <div className="relative overflow-x-auto">
            <table className="mt-1 w-full text-xs" aria-label={`Hosts to register for ${displayText(n.namespace)}`}>
              <tbody>
                {n.toRegister.map((h) => (
                  <tr key={h.host} className="border-b border-slate-100 dark:border-slate-800" data-registrable={!refused.has(h.host)}>
                    <td className="py-0.5 pr-2 font-mono">
                      <LabelText value={h.host} className="block max-w-xs truncate" />
                    </td>
                    <td className="py-0.5 pr-2 font-mono">
                      <LabelText value={h.callers.join(', ')} title={false} />
                    </td>
                    <td className="py-0.5 pr-2">{h.protocols.join(', ')}</td>
                    <td className="py-0.5 pr-2 text-right tabular-nums">{formatRate(h.ratePerSecond)}/s</td>
                    <td className="py-0.5 text-right">
                      {refused.has(h.host) && (
                        <span className="whitespace-nowrap text-amber-800 dark:text-amber-300" title={displayText(refused.get(h.host) ?? '')}>
                          cannot be registered
                        </span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <RefusedNote count={refused.size} />
          {registrable > 0 && (
            <Link href={promoteAll(n, refused, range)} className="mt-2 inline-block rounded bg-indigo-700 px-2 py-1 text-xs font-medium text-white hover:bg-indigo-800">
              Promote to ServiceEntry: {registrable === 1 ? 'this host' : `these ${registrable} hosts`}
            </Link>
          )}
        </>
      )}
      {n.unattributed && (
        <p className="mt-2 text-xs text-amber-800 dark:text-amber-300">
          {formatPercent(n.unattributed.share)} of this namespace&apos;s egress is TLS/TCP passthrough without a host in the metrics (<LabelText value={n.unattributed.callers.join(', ')} title={false} />): it
          would be blocked too, and cannot be registered from metrics alone. The Telemetry below names those destinations.
        </p>
      )}
      {sidecar && (
        <details className="mt-2 text-xs">
          <summary className="cursor-pointer">
            Sidecar that switches <LabelText value={n.namespace} /> to REGISTRY_ONLY
          </summary>
          <pre className="mt-1 overflow-auto rounded bg-slate-100 p-2 dark:bg-slate-900">{displayText(sidecar, { multiline: true })}</pre>
        </details>
      )}
    </section>
  );
}

/** "What breaks if this namespace (or the mesh) switches to REGISTRY_ONLY?" */
export function ReadinessPage() {
  const [range, setRange] = useRange();
  // The whole mesh is always the mesh; the namespace filter picks the cards below it.
  const qs = apiRangeQuery(range, 'readiness');
  const report = useApiQuery<ReadinessReport & ReadinessResources>(['readiness', qs], `/api/readiness?${qs}`);
  const d = report.data;
  const meshRefused = useMemo(() => (d ? refusals(d.mesh) : new Map<string, string>()), [d]);
  const meshRegistrable = (d?.mesh.toRegister.length ?? 0) - meshRefused.size;
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
          <section aria-label="Mesh" className="rounded border border-slate-300 p-4 dark:border-slate-700">
            <h2 className="mb-1 font-semibold">Whole mesh</h2>
            <p className="text-sm" data-testid="mesh-readiness">
              {d.mesh.readiness === null ? 'No egress in this window.' : `${formatPercent(d.mesh.readiness)} of egress is already registered`}
              {d.mesh.unattributed ? `; ${formatPercent(d.mesh.unattributed.share)} is TLS/TCP passthrough without a host.` : '.'} {d.mesh.toRegister.length} hosts to register.
            </p>
            {meshRegistrable > 0 && (
              <Link href={promoteAll(d.mesh, meshRefused, range)} className="mt-2 inline-block text-sm underline">
                Promote to ServiceEntry: {meshRegistrable === 1 ? 'the one host' : `all ${meshRegistrable} hosts`} that can be registered
              </Link>
            )}
            <RefusedNote count={meshRefused.size} />
            <details className="mt-2 text-xs">
              <summary className="cursor-pointer">Telemetry that names TLS/TCP passthrough destinations</summary>
              <p className="mt-1 text-amber-800 dark:text-amber-300">{d.telemetry.warning}</p>
              <pre className="mt-1 overflow-auto rounded bg-slate-100 p-2 dark:bg-slate-900">{displayText(d.telemetry.yaml, { multiline: true })}</pre>
            </details>
          </section>
          {d.namespaces
            .filter((n) => range.namespaces.length === 0 || range.namespaces.includes(n.namespace))
            .map((n) => (
              <NamespaceCard key={n.namespace} n={n} sidecar={d.sidecars[n.namespace]} range={range} />
            ))}
        </>
      )}
    </main>
  );
}
