/** The Istio objects of a bundle, as plain JSON (facts §6): ServiceEntry, route-rule VirtualService, Sidecars. */
import { evidenceAnnotations, summarize } from './annotations';
import type { EntryPlan } from './plan';
import type { ServiceEntrySpec, VirtualServiceSpec } from './istio-types';
import { isHttpFamily } from './protocols';
import { API_VERSION } from './schema';
import { registryOnlySidecarSpec, sidecarNamespaceProblem } from './sidecar';
import type { HostEvidence, PromoteOptions } from './types';

export type Annotations = Record<string, string>;
export type RouteRules = NonNullable<PromoteOptions['routeRules']>;

/** A plain JSON Istio object: apiVersion, kind, metadata {name, namespace, annotations}, spec. */
export function istioObject(kind: string, name: string, namespace: string, annotations: Annotations, spec: object): Record<string, unknown> {
  return { apiVersion: API_VERSION, kind, metadata: { name, namespace, annotations: { ...annotations } }, spec };
}

/** The ServiceEntry of a plan: MESH_EXTERNAL, its hosts, ports, resolution, placement (facts §5, §6). */
export function serviceEntryObject(plan: EntryPlan, annotations: Annotations): Record<string, unknown> {
  const spec: ServiceEntrySpec = {
    hosts: [...plan.hosts],
    ...(plan.addresses ? { addresses: [...plan.addresses] } : {}),
    location: 'MESH_EXTERNAL',
    ports: plan.ports.map((p) => ({ number: p.number, name: p.name, protocol: p.protocol })),
    resolution: plan.resolution,
    ...(plan.endpoints ? { endpoints: plan.endpoints.map((e) => ({ address: e.address })) } : {}),
    exportTo: [...plan.exportTo],
  };
  return istioObject('ServiceEntry', plan.name, plan.namespace, annotations, spec);
}

/** The timeout and retries of an HTTP route, as given. */
export function routeRuleFields(rules: RouteRules | undefined): { timeout?: string; retries?: { attempts: number; perTryTimeout?: string } } {
  if (!rules) return {};
  return {
    ...(rules.timeout !== undefined ? { timeout: rules.timeout } : {}),
    ...(rules.retries ? { retries: { attempts: rules.retries.attempts, ...(rules.retries.perTryTimeout !== undefined ? { perTryTimeout: rules.retries.perTryTimeout } : {}) } } : {}),
  };
}

/**
 * A VirtualService with timeout and retries on the external host (facts §6:
 * only needed for such rules). HTTP ports only: on TLS the sidecar sees no
 * requests. null, with a note, when the plan has no HTTP port or no single host.
 */
export function routeRulesVirtualService(plan: EntryPlan, rules: RouteRules, annotations: Annotations, notes: string[]): Record<string, unknown> | null {
  const host = plan.hosts[0] ?? '';
  const ports = plan.ports.filter((p) => isHttpFamily(p.protocol));
  if (plan.form !== 'named' || ports.length === 0) {
    notes.push(
      plan.form === 'wildcard'
        ? `Route rules are not generated for ${host}: a wildcard is not a routable destination.`
        : `Route rules are not generated for ${host}: it has no HTTP port, and on TLS or TCP the sidecar sees connections, not requests, so timeouts and retries per request cannot apply.`,
    );
    return null;
  }
  const spec: VirtualServiceSpec = {
    hosts: [host],
    exportTo: [...plan.exportTo],
    http: ports.map((p) => ({
      ...(ports.length > 1 ? { match: [{ port: p.number }] } : {}),
      route: [{ destination: { host, port: { number: p.number } } }],
      ...routeRuleFields(rules),
    })),
  };
  return istioObject('VirtualService', `${plan.name}-routes`, plan.namespace, annotations, spec);
}

/** Whether a plan's ServiceEntry is visible in a namespace (exportTo semantics). */
export function visibleIn(plan: Pick<EntryPlan, 'namespace' | 'exportTo'>, ns: string): boolean {
  return plan.exportTo.some((e) => e === '*' || e === ns || (e === '.' && plan.namespace === ns));
}

function callersIn(evidence: readonly HostEvidence[], ns: string): HostEvidence[] {
  return evidence.map((e) => {
    const callers = e.callers.filter((c) => c.namespace === ns);
    return { ...e, callers, ratePerSecond: callers.reduce((s, c) => s + c.ratePerSecond, 0) };
  });
}

/**
 * One Sidecar per calling namespace (facts §4, §6): REGISTRY_ONLY with egress
 * hosts `*\/*`, the one Sidecar rule of ./sidecar.ts, so in-mesh calls and
 * other exported ServiceEntries stay reachable. No Sidecar for the root
 * namespace (that would switch the whole mesh) or for a namespace label that
 * is not a name: those are returned as `refused`, with the reason.
 */
export function sidecarObjects(
  plans: readonly EntryPlan[],
  rootNamespace: string,
  now: Date,
  requestedBy: string | undefined,
  extra: (plans: readonly EntryPlan[]) => Annotations = () => ({}),
): { sidecars: Record<string, unknown>[]; refused: { namespace: string; reason: string }[] } {
  const namespaces = [...new Set(plans.flatMap((p) => p.callerNamespaces))].sort();
  const refused: { namespace: string; reason: string }[] = [];
  const sidecars: Record<string, unknown>[] = [];
  for (const ns of namespaces) {
    const reason = sidecarNamespaceProblem(ns, rootNamespace);
    if (reason !== null) {
      refused.push({ namespace: ns, reason });
      continue;
    }
    const mine = plans.filter((p) => p.callerNamespaces.includes(ns));
    const annotations = { ...evidenceAnnotations(summarize(mine.flatMap((p) => callersIn(p.evidence, ns))), now, requestedBy), ...extra(mine) };
    sidecars.push(istioObject('Sidecar', 'default', ns, annotations, registryOnlySidecarSpec()));
  }
  return { sidecars, refused };
}
