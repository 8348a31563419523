/**
 * The ambient bundle of the promote review (facts §9): each ServiceEntry
 * labelled to use an egress waypoint in its namespace, plus that waypoint.
 * ztunnel sends traffic for a ServiceEntry bound to a waypoint through it,
 * with no routing rules (istio.io/latest/docs/ambient/usage/egress-gateway/).
 */
import { DEFAULT_WAYPOINT_NAME, waypointLabels, waypointGateway, type WaypointRef } from './ambient';
import type { IssueList } from './issues';
import type { EntryPlan } from './plan';
import { visibleIn } from './resources';
import type { BundleDataPlane, HostEvidence, PromoteOptions } from './types';

const SIDECAR: readonly BundleDataPlane[] = ['sidecar'];

/** The data planes of the callers seen (evidence without data planes: sidecar). */
function callerPlanes(evidence: readonly HostEvidence[]): Set<BundleDataPlane> {
  return new Set(evidence.flatMap((e) => (e.callers.length > 0 ? (e.dataPlanes ?? SIDECAR) : [])));
}

/** What the callers are: ambient when every caller seen is ambient, else sidecar (also with no caller, or evidence without data planes). */
export function callersDataPlane(evidence: readonly HostEvidence[]): BundleDataPlane {
  const planes = callerPlanes(evidence);
  return planes.has('ambient') && !planes.has('sidecar') ? 'ambient' : 'sidecar';
}

/** Whether some callers are ambient and some are not. */
export function mixedCallers(evidence: readonly HostEvidence[]): boolean {
  return callerPlanes(evidence).size > 1;
}

/** The waypoint a plan's ServiceEntry uses: one per namespace, beside its ServiceEntries. */
export function waypointOf(plan: Pick<EntryPlan, 'namespace'>): WaypointRef {
  return { namespace: plan.namespace, name: DEFAULT_WAYPOINT_NAME };
}

/**
 * The waypoint runs in the ServiceEntry's namespace and must see it: an
 * entry exported only to its callers is also exported to its own namespace
 * ("."). An explicit exportTo is kept, with a warning when it hides the entry.
 */
export function exposeToWaypoint(plan: EntryPlan, options: PromoteOptions, issues: IssueList): EntryPlan {
  if (visibleIn(plan, plan.namespace)) return plan;
  if (options.exportTo) {
    issues.reporter(-1, 'ServiceEntry', plan.name).warn(['spec', 'exportTo'], `the egress waypoint in ${plan.namespace} cannot see this ServiceEntry, so traffic to ${plan.hosts.join(', ')} cannot go through it: add "." to exportTo`);
    return plan;
  }
  return { ...plan, exportTo: ['.', ...plan.exportTo] };
}

/** A ServiceEntry object with the labels that bind it to its waypoint. */
export function bindToWaypoint(serviceEntry: Record<string, unknown>, plan: EntryPlan): Record<string, unknown> {
  const metadata = serviceEntry.metadata as Record<string, unknown>;
  return { ...serviceEntry, metadata: { name: metadata.name, namespace: metadata.namespace, labels: waypointLabels(plan.namespace, waypointOf(plan)), annotations: metadata.annotations } };
}

/** One waypoint Gateway per namespace of the plans, sorted. */
export function waypointsFor(plans: readonly EntryPlan[]): Record<string, unknown>[] {
  return [...new Set(plans.map((p) => p.namespace))].sort().map((namespace) => waypointGateway(waypointOf({ namespace })));
}

/** What the ambient bundle does and does not do. */
export function ambientNotes(plans: readonly EntryPlan[], options: PromoteOptions): string[] {
  const where = [...new Set(plans.map((p) => p.namespace))].sort();
  const notes = [
    `Ambient bundle: each ServiceEntry is labelled istio.io/use-waypoint: ${DEFAULT_WAYPOINT_NAME}, so ztunnel sends its traffic through the egress waypoint ${DEFAULT_WAYPOINT_NAME} in ${where.join(', ')} (a Gateway of class istio-waypoint), where AuthorizationPolicies bound to it (targetRefs) apply; no routing rules are needed. If ${where.length === 1 ? 'that namespace already has' : 'those namespaces already have'} a waypoint, drop the Gateway and label the ServiceEntries (or their namespace) with its name instead.`,
    'ztunnel does not enforce REGISTRY_ONLY (istio/istio#54281): traffic to hosts no ServiceEntry registers does not go through the waypoint; only a NetworkPolicy (or the CNI) stops it.',
  ];
  if (options.egressGateway) notes.push('"Through the egress gateway" is for sidecars: in ambient the waypoint is the egress gateway, so no Gateway, DestinationRule or VirtualService for an egress gateway is generated.');
  if (options.sidecar) notes.push('No Sidecar is generated: a Sidecar does nothing for ambient pods. The REGISTRY_ONLY readiness page shows the AuthorizationPolicy that limits each ambient namespace to its hosts.');
  return notes;
}
