'use client';

import { displayText, quoteValue } from '@/lib/format';
import { readinessVerdict } from '@/lib/readiness/verdict';
import type { SharedRange } from '@/lib/view/range';
import type { ReadinessReport, ReadinessResources } from '../api-types';
import { HostTable, RefusedNote, refusals, ReviewLink } from './host-table';
import { Bar, RateLine } from './namespace-card';
import { VerdictDetails, VerdictHeadline } from './verdict-view';

function Yaml({ text, label }: { readonly text: string; readonly label: string }) {
  return (
    <pre aria-label={label} className="mt-1 overflow-auto rounded bg-slate-100 p-2 dark:bg-slate-900">
      {displayText(text, { multiline: true })}
    </pre>
  );
}

/** The mesh-wide switch, as what it is: every namespace at once, with what that would break. */
function MeshWideSwitchView({ d }: { readonly d: ReadinessResources & Pick<ReadinessReport, 'mesh'> }) {
  const s = d.meshSwitch;
  return (
    <details className="mt-2 text-xs" aria-label="Switch the whole mesh">
      <summary className="cursor-pointer font-medium">Switch the whole mesh at once (meshConfig)</summary>
      <p className="mt-1 text-amber-800 dark:text-amber-300">
        Mesh-wide: every namespace switches, including those not seen in this window, and everything listed above as &ldquo;would be blocked&rdquo; breaks until it is registered.
        A namespace whose own Sidecar sets outboundTrafficPolicy keeps its mode. Prefer switching namespace by namespace (below) and this last.
        {d.mesh.dataPlanes.includes('ambient') && ' It does nothing for ambient workloads: ztunnel does not enforce REGISTRY_ONLY (istio/istio#54281); their namespaces show the egress waypoint that does.'}
      </p>
      <p className="mt-1">IstioOperator overlay, or the istiod chart values, or the flag {s.istioctlFlag}:</p>
      <Yaml text={s.istioOperator} label="IstioOperator" />
      <Yaml text={s.helmValues} label="Helm values" />
      <p className="mt-2">
        Equivalent for namespaces without a Sidecar of their own: a Sidecar named default in the root namespace {s.rootNamespace}. It is mesh-wide too, which is why no namespace card
        offers it:
      </p>
      <Yaml text={s.rootSidecar} label="Root-namespace Sidecar" />
    </details>
  );
}

/** Namespace labels that cannot be Kubernetes namespaces, shown escaped. */
function UnnamedNamespaces({ d }: { readonly d: ReadinessResources }) {
  const unnamed = d.switches.filter((s) => s.kind === 'cannot-be-named');
  if (unnamed.length === 0) return null;
  return (
    <div className="mt-2 text-xs" role="group" aria-label="Namespaces that cannot be named">
      <p className="text-amber-800 dark:text-amber-300">
        {unnamed.length} namespace {unnamed.length === 1 ? 'label cannot be a Kubernetes namespace' : 'labels cannot be Kubernetes namespaces'} (forged or broken series): counted
        below like the rest, with no Sidecar:
      </p>
      <ul className="ml-4 list-disc font-mono">
        {unnamed.map((s) => (
          <li key={s.namespace}>
            {quoteValue(s.namespace, 80)} <span className="font-sans text-slate-500">({s.kind === 'cannot-be-named' ? s.reason : ''})</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The whole mesh: its verdict, what a mesh-wide switch would break, and how to make it. */
export function MeshSection({ d, range }: { readonly d: ReadinessReport & ReadinessResources; readonly range: SharedRange }) {
  const verdict = readinessVerdict(d.mesh, { window: d.window, scope: 'mesh' });
  const refused = refusals(d.mesh);
  return (
    <section aria-label="Mesh" className="rounded border border-slate-300 p-4 dark:border-slate-700">
      <h2 className="mb-1 font-semibold">Whole mesh</h2>
      <p data-testid="mesh-readiness">
        <VerdictHeadline verdict={verdict} testId="mesh-verdict" />
      </p>
      <div className="mt-1 flex flex-wrap items-center gap-3">
        {verdict.figure !== null && (
          <>
            <Bar value={d.mesh.readiness} />
            <span className="text-sm">{verdict.figure}</span>
          </>
        )}
        <RateLine n={d.mesh} />
      </div>
      <VerdictDetails verdict={verdict} />
      {d.mesh.toRegister.length > 0 && (
        <details className="mt-2 text-xs">
          <summary className="cursor-pointer">What a mesh-wide switch would block: {d.mesh.toRegister.length} hosts, every namespace</summary>
          <HostTable hosts={d.mesh.toRegister} refused={refused} label="Hosts to register across the mesh" />
        </details>
      )}
      <ReviewLink n={d.mesh} refused={refused} range={range} text={(k) => `Promote to ServiceEntry: ${k === 1 ? 'the one host' : `all ${k} hosts`} that can be registered`} className="mt-2 inline-block text-sm underline" />
      <RefusedNote count={refused.size} />
      <UnnamedNamespaces d={d} />
      <MeshWideSwitchView d={d} />
      <details className="mt-2 text-xs">
        <summary className="cursor-pointer">Telemetry that names TLS/TCP passthrough destinations</summary>
        <p className="mt-1 text-amber-800 dark:text-amber-300">{d.telemetry.warning}</p>
        <Yaml text={d.telemetry.yaml} label="Telemetry" />
      </details>
    </section>
  );
}
