/**
 * "Promote to ServiceEntry": from what the metrics show about destinations,
 * the Istio resources that would register them (facts §5, §6), validated,
 * with YAML for review, notes on trade-offs, companions and wildcard offers.
 */
import { ambientNotes, bindToWaypoint, callersDataPlane, exposeToWaypoint, mixedCallers, waypointsFor } from './ambient-bundle';
import { blockedAnnotations, evidenceAnnotations, summarize } from './annotations';
import { suggestCompanions } from './companions';
import { DEFAULT_GATEWAY, exposeToGateway, gatewayObjects } from './gateway';
import { IssueList } from './issues';
import { wildcardOffers } from './offers';
import { planEntries, type EntryPlan } from './plan';
import { routeRulesVirtualService, serviceEntryObject, sidecarObjects, visibleIn } from './resources';
import { DEFAULT_ROOT_NAMESPACE } from './sidecar';
import type { GatewayOption, GeneratedBundle, HostEvidence, PromoteOptions } from './types';
import { validateObjects } from './validate';
import { toYaml } from './yaml';

function placementNote(plan: EntryPlan, options: PromoteOptions): string {
  const host = plan.hosts.join(', ');
  const exported = plan.exportTo.map((e) => JSON.stringify(e)).join(', ');
  const fallback = 'other namespaces do not see it and keep falling back to PassthroughCluster (ALLOW_ANY) or BlackHoleCluster (REGISTRY_ONLY)';
  if (options.namespace !== undefined || options.exportTo !== undefined) {
    return `ServiceEntry ${plan.name} goes in ${plan.namespace} with exportTo [${exported}] as you chose.`;
  }
  if (plan.callerNamespaces.length === 1) {
    return `ServiceEntry ${plan.name} goes in ${plan.namespace}, the only namespace calling ${host}, exported to [${exported}]: ${fallback}.`;
  }
  if (plan.callerNamespaces.length === 0) return `ServiceEntry ${plan.name} goes in ${plan.namespace}, exported to [${exported}]: nothing called ${host} in the window.`;
  return `${host} is called from ${plan.callerNamespaces.length} namespaces (${plan.callerNamespaces.join(', ')}), so ServiceEntry ${plan.name} goes in the shared egress configuration namespace ${plan.namespace}, exported to [${exported}] only: ${fallback}.`;
}

function resolutionNotes(plans: readonly EntryPlan[]): string[] {
  const notes: string[] = [];
  for (const plan of plans) {
    const host = plan.hosts.join(', ');
    if (plan.form === 'wildcard' && plan.resolution === 'NONE') {
      notes.push(
        `${host} uses resolution NONE: Istio cannot resolve a wildcard, so the sidecar forwards to the IP the application resolved and the Host header or SNI alone decides (on TCP-family ports, any IP on the port matches); a spoofed Host or SNI reaches any IP. DYNAMIC_DNS (Istio 1.28+, HTTP/TLS/GRPC/HTTP2 ports only) resolves the requested name instead.`,
      );
    } else if (plan.form === 'wildcard' && plan.resolution === 'DYNAMIC_DNS') {
      notes.push(`${host} uses resolution DYNAMIC_DNS: the proxy resolves each requested name itself. It needs Istio 1.28+ and allows only HTTP, TLS, GRPC and HTTP2 ports, with no addresses or endpoints; on older Istio use NONE, which trusts the application's DNS answer.`);
    } else if (plan.form === 'named' && plan.resolution === 'NONE') {
      notes.push(`${host} uses resolution NONE as you chose: the sidecar forwards to whatever IP the application connected to, so a spoofed Host header or SNI can reach any IP; DNS resolves ${host} itself and is safer.`);
    }
  }
  return notes;
}

function gatewayFor(options: PromoteOptions): GatewayOption | null {
  return options.egressGateway ? (options.gateway ?? DEFAULT_GATEWAY) : null;
}

/** Sidecars reference `<namespace>/<host>`: warn when the ServiceEntry is not exported there, which would block the host. */
function checkSidecarVisibility(plans: readonly EntryPlan[], issues: IssueList): void {
  for (const plan of plans) {
    for (const ns of plan.callerNamespaces.filter((n) => !visibleIn(plan, n))) {
      issues.reporter(-1, 'ServiceEntry', plan.name).warn(['spec', 'exportTo'], `namespace ${ns} calls ${plan.hosts.join(', ')} but is not in exportTo: with its REGISTRY_ONLY Sidecar the host stays blocked there; add ${ns} to exportTo`);
    }
  }
}

/** Generates the resources registering the observed destinations, validated, as objects and YAML. */
export function generateBundle(evidence: readonly HostEvidence[], options: PromoteOptions, now: Date = new Date()): GeneratedBundle {
  const issues = new IssueList();
  const notes: string[] = [];
  const planned = planEntries(evidence, options, issues, notes);
  const callers = callersDataPlane(evidence);
  const dataPlane = options.dataPlane ?? callers;
  const ambient = dataPlane === 'ambient';
  const gateway = ambient ? null : gatewayFor(options);
  const plans = ambient
    ? planned.plans.map((p) => exposeToWaypoint(p, options, issues))
    : gateway
      ? planned.plans.map((p) => (p.form === 'named' ? exposeToGateway(p, gateway, options, issues) : p))
      : planned.plans;
  if (mixedCallers(evidence)) {
    notes.push(`Some callers are ambient and some run sidecars: the ${dataPlane} bundle is shown; the ${ambient ? 'sidecar' : 'ambient'} one is in the options. A ServiceEntry serves both; only ambient callers go through a waypoint.`);
  }

  // Every object that registers a blocked host says who acknowledged its attempts (and what they were).
  const blockedOf = (ps: readonly EntryPlan[]) => blockedAnnotations(options.blockedAcknowledgement, ps.flatMap((p) => p.evidence.map((e) => e.host)));
  const objects: Record<string, unknown>[] = [];
  let routed = false;
  for (const plan of plans) {
    const annotations = { ...evidenceAnnotations(summarize(plan.evidence), now, options.requestedBy), ...blockedOf([plan]) };
    const serviceEntry = serviceEntryObject(plan, annotations);
    objects.push(ambient ? bindToWaypoint(serviceEntry, plan) : serviceEntry);
    notes.push(placementNote(plan, options));
    if (gateway) {
      const via = gatewayObjects(plan, gateway, options.routeRules, annotations, issues, notes);
      routed ||= via.length > 0;
      objects.push(...via);
    } else if (options.routeRules) {
      const vs = routeRulesVirtualService(plan, options.routeRules, annotations, notes);
      if (vs) objects.push(vs);
    }
  }
  notes.push(...resolutionNotes(plans));
  if (ambient && plans.length > 0) {
    objects.push(...waypointsFor(plans));
    notes.push(...ambientNotes(plans, options));
  }
  if (routed) {
    notes.push(
      'The egress gateway only carries traffic that the VirtualService sends to it: Istio cannot force traffic through it, and a pod without a sidecar (or one that bypasses it) still connects directly. Enforce it with a NetworkPolicy or firewall that lets the application namespaces reach only the gateway.',
      `The Gateway objects live beside their ServiceEntry and select the gateway pods by label (${Object.entries(gateway?.selector ?? {}).map(([k, v]) => `${k}: ${v}`).join(', ')}) in any namespace; if istiod runs with PILOT_SCOPE_GATEWAY_TO_NAMESPACE=true, move them to the gateway's namespace.`,
    );
  }
  if (options.sidecar && !ambient) {
    const { sidecars, refused } = sidecarObjects(plans, options.rootNamespace ?? DEFAULT_ROOT_NAMESPACE, now, options.requestedBy, blockedOf);
    objects.push(...sidecars);
    checkSidecarVisibility(plans, issues);
    if (sidecars.length > 0) {
      notes.push(
        `Sidecar "default" sets REGISTRY_ONLY in ${sidecars.map((s) => (s.metadata as { namespace: string }).namespace).join(', ')}, replacing the mesh-wide outboundTrafficPolicy there: every external host that no ServiceEntry registers, including ones outside this bundle, becomes blocked for all workloads in those namespaces. Its egress hosts stay "*/*", so services in other namespaces and every exported ServiceEntry stay reachable. Check the REGISTRY_ONLY readiness page for what else these namespaces call. A namespace has at most one Sidecar without workloadSelector: if one exists, set its outboundTrafficPolicy instead of applying this one.`,
      );
    }
    for (const r of refused) notes.push(`No Sidecar for ${r.reason}. The REGISTRY_ONLY readiness page offers the mesh-wide switch separately.`);
  }

  const own = issues.result();
  const checked = validateObjects(objects);
  return {
    dataPlane,
    callersDataPlane: callers,
    objects,
    yaml: toYaml(objects),
    validation: { errors: [...own.errors, ...checked.errors], warnings: [...own.warnings, ...checked.warnings] },
    notes: [...new Set(notes)],
    companions: suggestCompanions(evidence.flatMap((e) => (e.host === null ? [] : [e.host]))),
    wildcardOffers: options.wildcard ? [] : wildcardOffers(planned.named),
    skipped: planned.skipped,
  };
}
