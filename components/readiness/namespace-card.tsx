'use client';

import { displayText, formatRate, quoteValue } from '@/lib/format';
import type { NamespaceSwitch } from '@/lib/readiness/resources';
import { readinessVerdict } from '@/lib/readiness/verdict';
import type { SharedRange } from '@/lib/view/range';
import type { NamespaceReadiness } from '../api-types';
import { LabelText } from '../ui/label-text';
import { HostTable, RefusedNote, refusals, ReviewLink } from './host-table';
import { VerdictDetails, VerdictHeadline } from './verdict-view';

/** The registered share of the egress that works today (green), the rest passes through (amber). */
export function Bar({ value }: { readonly value: number | null }) {
  const pct = value === null ? 0 : Math.round(value * 100);
  return (
    <div className="h-2 w-40 overflow-hidden rounded bg-amber-200 dark:bg-amber-900" aria-hidden>
      <div className="h-full bg-emerald-600" style={{ width: `${pct}%` }} />
    </div>
  );
}

/** Rates behind the verdict, as numbers. */
export function RateLine({ n }: { readonly n: Omit<NamespaceReadiness, 'namespace'> }) {
  return (
    <span className="text-xs text-slate-500">
      registered {formatRate(n.requests.registered + n.connections.registered)}/s · passthrough {formatRate(n.requests.passthrough + n.connections.passthrough)}/s · blocked
      today {formatRate(n.stillBlocked.ratePerSecond)}/s
    </span>
  );
}

/** What controls the egress of the namespace's ambient workloads: the egress waypoint and its AuthorizationPolicy. */
function AmbientView({ n, sw }: { readonly n: NamespaceReadiness; readonly sw: NamespaceSwitch }) {
  const a = sw.ambient;
  if (!a) return null;
  return (
    <div className="mt-2 text-xs" data-switch="ambient">
      <p className="text-sky-900 dark:text-sky-200">
        Ambient workloads: no Sidecar switches them. An egress waypoint{' '}
        <span className="font-mono">
          {a.waypoint.namespace}/{a.waypoint.name}
        </span>{' '}
        that the ServiceEntries use (label istio.io/use-waypoint)
        {a.hosts.length === 0 ? (
          <>, with no AuthorizationPolicy for this namespace (it reached no host by name in the window), </>
        ) : (
          <>
            , with an AuthorizationPolicy bound to it that allows {a.hosts.length === 1 ? '1 host' : `${a.hosts.length} hosts`} from <LabelText value={n.namespace} />,{' '}
          </>
        )}
        controls what leaves through it; hosts no ServiceEntry registers bypass it and need a NetworkPolicy.
      </p>
      <details className="mt-1">
        <summary className="cursor-pointer">
          Egress waypoint and AuthorizationPolicy for <LabelText value={n.namespace} /> (ambient)
        </summary>
        <pre className="mt-1 overflow-auto rounded bg-slate-100 p-2 dark:bg-slate-900">{displayText(a.yaml, { multiline: true })}</pre>
      </details>
    </div>
  );
}

/** How this namespace can be switched on its own: its Sidecar, or why there is none. */
function SwitchView({ n, sw }: { readonly n: NamespaceReadiness; readonly sw: NamespaceSwitch | undefined }) {
  if (!sw) return null;
  return (
    <>
      <SidecarView n={n} sw={sw} />
      <AmbientView n={n} sw={sw} />
    </>
  );
}

function SidecarView({ n, sw }: { readonly n: NamespaceReadiness; readonly sw: NamespaceSwitch }) {
  switch (sw.kind) {
    case 'ambient-only':
      return null;
    case 'sidecar':
      return (
        <details className="mt-2 text-xs">
          <summary className="cursor-pointer">
            Sidecar that switches <LabelText value={n.namespace} />
            {sw.ambient ? "'s sidecar workloads" : ''} to REGISTRY_ONLY (egress hosts */*: in-mesh calls keep working)
          </summary>
          <pre className="mt-1 overflow-auto rounded bg-slate-100 p-2 dark:bg-slate-900">{displayText(sw.yaml, { multiline: true })}</pre>
        </details>
      );
    case 'root-namespace':
      return (
        <p className="mt-2 text-xs text-slate-600 dark:text-slate-400" data-switch="root-namespace">
          <LabelText value={n.namespace} className="font-mono" /> is Istio&apos;s root namespace: a Sidecar named default here, without a workloadSelector, becomes the default of
          every namespace and switches the whole mesh. No per-namespace Sidecar is offered; see &ldquo;Switch the whole mesh&rdquo; above. To switch only workloads of this namespace,
          give their Sidecar a workloadSelector.
        </p>
      );
    case 'cannot-be-named':
      return (
        <p className="mt-2 text-xs text-amber-800 dark:text-amber-300" data-switch="cannot-be-named">
          This namespace label, {quoteValue(sw.namespace, 80)}, cannot be a Kubernetes namespace ({sw.reason}): no Sidecar can name it. It comes from a series that some workload
          emitted (any workload can, through Istio&apos;s metrics merging) or a broken relabelling; its traffic is counted like the rest.
        </p>
      );
  }
}

export interface NamespaceCardProps {
  readonly n: NamespaceReadiness;
  readonly sw: NamespaceSwitch | undefined;
  readonly window: string;
  readonly range: SharedRange;
}

/** "ambient" or "sidecar + ambient" when ambient workloads reported egress; nothing for sidecars only (as before ambient). */
function DataPlaneTag({ n }: { readonly n: NamespaceReadiness }) {
  if (!n.dataPlanes.includes('ambient')) return null;
  return (
    <span className="rounded bg-sky-100 px-1.5 py-0.5 text-xs text-sky-900 dark:bg-sky-950 dark:text-sky-200" data-testid="data-plane">
      {n.dataPlanes.join(' + ')}
    </span>
  );
}

/** What switching one namespace to REGISTRY_ONLY would do, and how. */
export function NamespaceCard({ n, sw, window, range }: NamespaceCardProps) {
  const verdict = readinessVerdict(n, { window, scope: 'namespace' });
  const refused = refusals(n);
  const name = n.cluster !== undefined ? `Namespace ${displayText(n.namespace)} in cluster ${displayText(n.cluster)}` : `Namespace ${displayText(n.namespace)}`;
  return (
    <section aria-label={name} className="rounded border border-slate-200 p-4 dark:border-slate-800" data-namespace={n.namespace} data-cluster={n.cluster}>
      <header className="mb-1 flex flex-wrap items-center gap-3">
        <h2 className="font-mono text-base font-semibold">
          <LabelText value={n.namespace} max={64} />
          {n.cluster !== undefined && (
            <span className="ml-2 font-sans text-sm font-normal text-slate-600 dark:text-slate-400" data-testid="cluster">
              cluster <LabelText value={n.cluster} max={48} className="font-mono" />
            </span>
          )}
        </h2>
        <DataPlaneTag n={n} />
        <VerdictHeadline verdict={verdict} testId="readiness" />
      </header>
      <div className="flex flex-wrap items-center gap-3">
        {verdict.figure !== null && (
          <>
            <Bar value={n.readiness} />
            <span className="text-sm">{verdict.figure}</span>
          </>
        )}
        <RateLine n={n} />
      </div>
      <VerdictDetails verdict={verdict} />
      {n.toRegister.length > 0 && (
        <>
          <HostTable hosts={n.toRegister} refused={refused} label={`Hosts to register for ${displayText(n.namespace)}`} />
          <RefusedNote count={refused.size} />
          <ReviewLink
            n={n}
            refused={refused}
            range={range}
            text={(k) => `Promote to ServiceEntry: ${k === 1 ? 'this host' : `these ${k} hosts`}`}
            className="mt-2 inline-block rounded bg-indigo-700 px-2 py-1 text-xs font-medium text-white hover:bg-indigo-800"
          />
        </>
      )}
      <SwitchView n={n} sw={sw} />
    </section>
  );
}
