import type { PromLabels } from '../prometheus/types';
import { parseObservedHost, type ObservedHost } from './host';
import { BLACKHOLE_CLUSTER, PASSTHROUGH_CLUSTER, UNKNOWN, type EgressProtocol, type EgressStatus, type WorkloadRef } from './types';

/** Why a series is not egress. */
export type NotEgressReason =
  | 'destination-reporter' // reporter="destination": the server side, never egress
  | 'unknown-source' // traffic entering the mesh
  | 'pod-ip-passthrough' // PassthroughCluster to a pod IP whose workload is known
  | 'in-mesh'; // a mesh service, or a destination workload that is not an egress gateway

/** The classification of one Istio series (istio-egress-facts §2). */
export type EgressClass =
  | { readonly kind: 'egress'; readonly status: EgressStatus; readonly host: ObservedHost | null; readonly serviceEntryNamespace?: string }
  | { readonly kind: 'gateway-hop'; readonly gateway: WorkloadRef }
  | { readonly kind: 'not-egress'; readonly reason: NotEgressReason };

function known(value: string | undefined): value is string {
  return value !== undefined && value !== '' && value !== UNKNOWN;
}

/** Kubernetes service names (`svc.ns.svc.cluster.local`, any cluster domain) are in-mesh. */
function isClusterServiceName(host: string): boolean {
  return /\.svc(?:\.|$)/.test(host);
}

/**
 * Classifies a series by its Istio labels. `isGateway` says whether a
 * destination workload is an egress gateway.
 */
export function classifyEgress(labels: PromLabels, isGateway: (workload: string) => boolean): EgressClass {
  if (labels.reporter !== 'source') return { kind: 'not-egress', reason: 'destination-reporter' };
  if (!known(labels.source_workload)) return { kind: 'not-egress', reason: 'unknown-source' };

  const service = labels.destination_service ?? '';
  const serviceName = labels.destination_service_name ?? '';
  const destWorkload = labels.destination_workload;

  if (serviceName === PASSTHROUGH_CLUSTER || serviceName === BLACKHOLE_CLUSTER) {
    // A known destination workload means the sidecar passed through to a pod IP inside the mesh.
    if (known(destWorkload)) return { kind: 'not-egress', reason: 'pod-ip-passthrough' };
    return { kind: 'egress', status: serviceName === PASSTHROUGH_CLUSTER ? 'passthrough' : 'blocked', host: parseObservedHost(service) };
  }

  if (known(destWorkload)) {
    if (isGateway(destWorkload)) {
      return { kind: 'gateway-hop', gateway: { namespace: labels.destination_workload_namespace ?? UNKNOWN, workload: destWorkload } };
    }
    return { kind: 'not-egress', reason: 'in-mesh' };
  }

  // A ServiceEntry host: Istio puts the host as written (wildcards included) in
  // both destination_service and destination_service_name, and the
  // ServiceEntry's namespace in destination_service_namespace.
  const seNamespace = labels.destination_service_namespace;
  if (known(service) && service === serviceName && known(seNamespace) && !isClusterServiceName(service)) {
    return { kind: 'egress', status: 'registered', host: parseObservedHost(service), serviceEntryNamespace: seNamespace };
  }
  return { kind: 'not-egress', reason: 'in-mesh' };
}

/** The protocol of a series: TCP metrics are always tcp; request metrics say http or grpc. */
export function protocolOf(labels: PromLabels, metric: 'requests' | 'tcp'): EgressProtocol {
  if (metric === 'tcp') return 'tcp';
  return labels.request_protocol === 'grpc' ? 'grpc' : 'http';
}

/** Whether a workload name is an egress gateway, by a regex anchored like Prometheus does (EGRESS_GATEWAY_WORKLOADS). */
export function gatewayMatcher(pattern: string): (workload: string) => boolean {
  const re = new RegExp(`^(?:${pattern})$`);
  return (w) => re.test(w);
}
