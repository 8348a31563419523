/** The rulebook's JavaScript classification, mirroring the PromQL of status.ts (see index.ts). */
import type { PromLabels } from '../../prometheus/types';
import { type ObservedHost } from '../host';
import type { DataPlane, EgressStatus, WorkloadRef } from '../types';
import { EGRESS_REPORTER, NotEgressReason, UNKNOWN, WAYPOINT_REPORTER, hostOfLabel, isEgressReporter, isKnown } from './labels';
import { DEFAULT_RULE_CONTEXT, MUTUAL_TLS, RuleContext, catchAllStatus, isServiceEntryHostLike, isZtunnelPassthrough, namesHostTwice, namesServiceEntryHost } from './status';

// ---------------------------------------------------------------------------
// The JavaScript classification, mirroring the matchers above.

/**
 * Which rule decided a status, when the labels alone could not: a host-named
 * series without a namespace (RuleContext).
 */
export type DecidingRule = 'host-named-without-namespace';

/** The classification of one Istio series (istio-egress-facts §2, §9). */
export type EgressClass =
  | {
      readonly kind: 'egress';
      readonly status: EgressStatus;
      readonly host: ObservedHost | null;
      readonly serviceEntryNamespace?: string;
      readonly dataPlane: DataPlane;
      readonly decidedBy?: DecidingRule;
      /** An egress waypoint reported it (reporter="waypoint"): the traffic went through one, which its labels do not name. */
      readonly viaWaypoint?: true;
    }
  | { readonly kind: 'gateway-hop'; readonly gateway: WorkloadRef; readonly dataPlane: DataPlane }
  | { readonly kind: 'not-egress'; readonly reason: NotEgressReason };

/**
 * ztunnel's hop to an egress waypoint (facts §9): the ServiceEntry shape of
 * ztunnel, over HBONE (mutual_tls), to the waypoint as destination workload.
 * [derived: a mesh-internal ServiceEntry with HBONE WorkloadEntries, reached
 * from an ambient pod, would look the same.]
 */
function isWaypointHop(labels: PromLabels): boolean {
  const service = labels.destination_service ?? '';
  const name = labels.destination_service_name;
  return (
    labels.reporter === EGRESS_REPORTER &&
    labels.connection_security_policy === MUTUAL_TLS &&
    isServiceEntryHostLike(service) &&
    isKnown(name) &&
    catchAllStatus(name) === null &&
    isKnown(labels.destination_service_namespace) &&
    isKnown(labels.destination_workload)
  );
}

/**
 * The destination half of the classification, for a series already known to
 * come from a known source's client proxy (egressSourceMatchers). A gateway
 * hop is reported only when `isGateway` says the destination workload is one.
 */
export function classifyDestination(
  labels: PromLabels,
  isGateway: (workload: string) => boolean = () => false,
  ctx: RuleContext = DEFAULT_RULE_CONTEXT,
): EgressClass {
  const service = labels.destination_service ?? '';
  const serviceName = labels.destination_service_name ?? '';
  const destWorkload = labels.destination_workload;
  const waypoint = labels.reporter === WAYPOINT_REPORTER;

  const catchAll = catchAllStatus(serviceName);
  if (catchAll !== null) {
    // A known destination workload means the sidecar passed through to a pod IP inside the mesh.
    if (isKnown(destWorkload)) return { kind: 'not-egress', reason: 'pod-ip-passthrough' };
    return { kind: 'egress', status: catchAll, host: hostOfLabel(service), dataPlane: 'sidecar' };
  }

  if (isZtunnelPassthrough(labels)) return { kind: 'egress', status: 'passthrough', host: null, dataPlane: 'ambient' };

  if (isKnown(destWorkload)) {
    if (isGateway(destWorkload)) {
      return { kind: 'gateway-hop', gateway: { namespace: labels.destination_workload_namespace ?? UNKNOWN, workload: destWorkload }, dataPlane: waypoint ? 'ambient' : 'sidecar' };
    }
    if (isWaypointHop(labels)) {
      return { kind: 'gateway-hop', gateway: { namespace: labels.destination_workload_namespace ?? UNKNOWN, workload: destWorkload }, dataPlane: 'ambient' };
    }
    if (namesServiceEntryHost(labels) && isKnown(labels.destination_service_namespace)) {
      // ztunnel names the ServiceEntry, not the host, in destination_service_name; a sidecar repeats the host.
      const dataPlane: DataPlane = namesHostTwice(labels) && !waypoint ? 'sidecar' : 'ambient';
      return { kind: 'egress', status: 'registered', host: hostOfLabel(service), serviceEntryNamespace: labels.destination_service_namespace, dataPlane };
    }
    return { kind: 'not-egress', reason: 'in-mesh' };
  }

  if (namesHostTwice(labels)) {
    const dataPlane: DataPlane = waypoint ? 'ambient' : 'sidecar';
    if (isKnown(labels.destination_service_namespace)) {
      const host = hostOfLabel(service);
      const seNamespace = labels.destination_service_namespace;
      return waypoint
        ? { kind: 'egress', status: 'registered', host, serviceEntryNamespace: seNamespace, dataPlane, viaWaypoint: true }
        : { kind: 'egress', status: 'registered', host, serviceEntryNamespace: seNamespace, dataPlane };
    }
    return { kind: 'egress', status: ctx.hostNamedWithoutNamespace, host: hostOfLabel(service), dataPlane, decidedBy: 'host-named-without-namespace' };
  }
  return { kind: 'not-egress', reason: 'in-mesh' };
}

/**
 * Classifies a series by its Istio labels. `isGateway` says whether a
 * destination workload is an egress gateway; `ctx` what the labels cannot say.
 */
export function classifyEgress(labels: PromLabels, isGateway: (workload: string) => boolean, ctx: RuleContext = DEFAULT_RULE_CONTEXT): EgressClass {
  if (!isEgressReporter(labels.reporter)) return { kind: 'not-egress', reason: 'destination-reporter' };
  if (!isKnown(labels.source_workload)) return { kind: 'not-egress', reason: 'unknown-source' };
  return classifyDestination(labels, isGateway, ctx);
}

/** Whether a workload name is an egress gateway, by a regex anchored like Prometheus does (EGRESS_GATEWAY_WORKLOADS). */
export function gatewayMatcher(pattern: string): (workload: string) => boolean {
  const re = new RegExp(`^(?:${pattern})$`);
  return (w) => re.test(w);
}

