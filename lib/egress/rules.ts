import { matcher } from '../prometheus/promql';
import type { PromLabels } from '../prometheus/types';
import { parseObservedHost, type ObservedHost } from './host';
import type { EgressProtocol, EgressStatus, WorkloadRef } from './types';

/**
 * The egress rulebook: every rule that says whether an Istio series is egress,
 * which status it has and which host it names, written once as PromQL
 * matchers and once as their JavaScript mirror (classifyEgress), side by side.
 * Query builders (lib/prometheus/queries.ts, timeseries.ts,
 * lib/security/blocked.ts, lib/inventory/inventory.ts) and the alert rules
 * (lib/alerts/expressions.ts) take their matchers from here; the flows take
 * their classification from here. rules.prometheus.test.ts runs each labelled
 * case of the facts sheet through both sides on a real Prometheus.
 *
 * Facts: shared istio-egress-facts.md §1-8 (sidecars). Later data planes
 * (ambient, ALLOW_ANY_DYNAMIC_DNS, multi-cluster) add one entry each to
 * STATUS_RULES / EXCLUSIONS below.
 */

// ---------------------------------------------------------------------------
// Sentinels (facts §1, §2)

/** Envoy cluster a sidecar uses for unregistered destinations under ALLOW_ANY. */
export const PASSTHROUGH_CLUSTER = 'PassthroughCluster';
/** Envoy cluster a sidecar uses for unregistered destinations under REGISTRY_ONLY. */
export const BLACKHOLE_CLUSTER = 'BlackHoleCluster';
/** Istio's placeholder for a label it could not fill. */
export const UNKNOWN = 'unknown';
/** The only reporter that sees egress: the client proxy (facts §2; gateways report as source too). */
export const EGRESS_REPORTER = 'source';

/** Whether a label carries a value (not absent, empty or Istio's "unknown"). */
export function isKnown(value: string | undefined): value is string {
  return value !== undefined && value !== '' && value !== UNKNOWN;
}

// ---------------------------------------------------------------------------
// Metric families (facts §1)

export const REQUESTS_METRIC = 'istio_requests_total';
export const TCP_METRICS = {
  sent: 'istio_tcp_sent_bytes_total',
  received: 'istio_tcp_received_bytes_total',
  opened: 'istio_tcp_connections_opened_total',
  /** Blocked TCP/TLS shows up only here: the connection is closed at once (flag UH), never counted as opened (facts §3). */
  closed: 'istio_tcp_connections_closed_total',
} as const;
/** One counter per family counting attempts (requests, connections), including blocked ones. */
export const ATTEMPT_METRICS = [REQUESTS_METRIC, TCP_METRICS.closed] as const;

/** The protocol of a series: TCP metrics are always tcp; request metrics say http or grpc. */
export function protocolOf(labels: PromLabels, metric: 'requests' | 'tcp'): EgressProtocol {
  if (metric === 'tcp') return 'tcp';
  return labels.request_protocol === 'grpc' ? 'grpc' : 'http';
}

// ---------------------------------------------------------------------------
// Status order (severity): the most severe status of a host or domain wins.

export const STATUS_SEVERITY: Readonly<Record<EgressStatus, number>> = { registered: 0, passthrough: 1, blocked: 2 };

/** Sort comparator: most severe status first. */
export function bySeverity(a: EgressStatus, b: EgressStatus): number {
  return STATUS_SEVERITY[b] - STATUS_SEVERITY[a];
}

// ---------------------------------------------------------------------------
// Is this label value a host? (facts §2: the Host header as sent, or a ServiceEntry host)

/**
 * The host a `destination_service` value names, normalised (host.ts); null
 * for "unknown", empty values and a catch-all cluster's own name (a telemetry
 * artefact: Istio 1.3 builds wrote `BlackHoleCluster` there for TCP, facts §9).
 */
export function hostOfLabel(destinationService: string): ObservedHost | null {
  if (destinationService === PASSTHROUGH_CLUSTER || destinationService === BLACKHOLE_CLUSTER) return null;
  return parseObservedHost(destinationService);
}

/** Matchers of a destination_service that can name a host: a value, and not a catch-all cluster's name (hostOfLabel). */
export function hostNamedMatchers(): string[] {
  return [matcher('destination_service', '!=', UNKNOWN), matcher('destination_service', '!~', `${PASSTHROUGH_CLUSTER}|${BLACKHOLE_CLUSTER}`)];
}

/**
 * An IP or IP:port as destination_service (IPv4, or IPv6 bare or in brackets).
 * As a ServiceEntry-style name (destination_service = destination_service_name,
 * no destination workload) it is a telemetry artefact of pod churn (Kiali's
 * IsBadDestTelemetry; facts §9): a ServiceEntry host can never be an IP. Under
 * a catch-all cluster it is the Host header a client sent, which is a host.
 */
export const IP_SERVICE_REGEX = '[0-9]{1,3}(?:\\.[0-9]{1,3}){3}(?::[0-9]+)?|\\[[0-9a-fA-F:.]+\\](?::[0-9]+)?|[0-9a-fA-F]*:[0-9a-fA-F]*:[0-9a-fA-F:.]*';
const IP_SERVICE = new RegExp(`^(?:${IP_SERVICE_REGEX})$`);
export function isIpService(value: string): boolean {
  return IP_SERVICE.test(value);
}

/** Kubernetes service names (`svc.ns.svc.cluster.local`, any cluster domain) are in-mesh, never a ServiceEntry host. */
export const CLUSTER_SERVICE_REGEX = '.*\\.svc(?:\\..*)?';
const CLUSTER_SERVICE = /\.svc(?:\.|$)/;
export function isClusterServiceName(host: string): boolean {
  return CLUSTER_SERVICE.test(host);
}

// ---------------------------------------------------------------------------
// Is this series egress at all? Exclusions, PromQL and JS side by side.

/** Why a series is not egress. */
export type NotEgressReason =
  | 'destination-reporter' // reporter="destination": the server side, never egress
  | 'unknown-source' // traffic entering the mesh
  | 'pod-ip-passthrough' // PassthroughCluster to a pod IP whose workload is known
  | 'in-mesh'; // a mesh service, or a destination workload that is not an egress gateway

/**
 * Matchers every egress query starts with: the client's view
 * (`reporter="source"`) of a known source (a source of "unknown" is traffic
 * entering the mesh).
 */
export function egressSourceMatchers(): string[] {
  return [matcher('reporter', '=', EGRESS_REPORTER), matcher('source_workload', '!=', UNKNOWN)];
}

/**
 * External destinations have no destination workload. This one matcher also
 * excludes in-mesh services and pod-IP PassthroughCluster/BlackHoleCluster
 * traffic, whose destination workload is known (istio/istio#29294).
 */
export function externalDestinationMatcher(): string {
  return matcher('destination_workload', '=', UNKNOWN);
}

/** The complement of externalDestinationMatcher: a known destination workload (in-mesh calls, pod IPs, gateway hops). */
export function knownDestinationWorkloadMatcher(): string {
  return matcher('destination_workload', '!~', `${UNKNOWN}|`);
}

/** External destinations, or the first hop to an egress gateway (RE2 regex of gateway workload names). */
export function externalOrGatewayMatcher(gatewayWorkloads: string): string {
  return matcher('destination_workload', '=~', `${UNKNOWN}|(?:${gatewayWorkloads})`);
}

// ---------------------------------------------------------------------------
// Status rules

/** The catch-all Envoy cluster of each unregistered status (facts §2). */
export const CATCH_ALL_CLUSTER: Readonly<Record<'passthrough' | 'blocked', string>> = {
  passthrough: PASSTHROUGH_CLUSTER,
  blocked: BLACKHOLE_CLUSTER,
};

/** The status a catch-all cluster name stands for, or null. */
function catchAllStatus(serviceName: string): 'passthrough' | 'blocked' | null {
  if (serviceName === PASSTHROUGH_CLUSTER) return 'passthrough';
  if (serviceName === BLACKHOLE_CLUSTER) return 'blocked';
  return null;
}

/** Matchers of passthrough or blocked egress (any host): the catch-all cluster, no destination workload. */
export function catchAllMatchers(status: 'passthrough' | 'blocked'): string[] {
  return [matcher('destination_service_name', '=', CATCH_ALL_CLUSTER[status]), externalDestinationMatcher()];
}

/**
 * Matchers of registered egress to the hosts `hostPattern` (an RE2 regex)
 * matches: Istio puts the ServiceEntry host as written (wildcards included) in
 * both destination_service and destination_service_name, and the
 * ServiceEntry's namespace in destination_service_namespace (facts §2).
 */
export function registeredMatchers(hostPattern: string): string[] {
  return [
    matcher('destination_service', '=~', hostPattern),
    matcher('destination_service_name', '=~', hostPattern),
    externalDestinationMatcher(),
    matcher('destination_service_namespace', '!=', UNKNOWN),
    matcher('destination_service', '!~', IP_SERVICE_REGEX),
  ];
}

/** Any host, as a regex for registeredMatchers. */
export const ANY_HOST = '.+';

/**
 * The part of the registered rule PromQL cannot say (it cannot compare two
 * labels): destination_service and destination_service_name hold the same
 * host, which is not a Kubernetes service name nor an IP, and the
 * ServiceEntry's namespace is known.
 */
export function namesServiceEntryHost(labels: PromLabels): boolean {
  const service = labels.destination_service ?? '';
  return isKnown(service) && service === labels.destination_service_name && isKnown(labels.destination_service_namespace) && !isClusterServiceName(service) && !isIpService(service);
}

/** Matchers of the first hop to an egress gateway (RE2 regex of gateway workload names): app sidecar -> gateway, a mesh service. */
export function gatewayHopMatchers(gatewayWorkloads: string): string[] {
  return [
    matcher('destination_workload', '=~', gatewayWorkloads),
    matcher('destination_service_name', '!~', `${PASSTHROUGH_CLUSTER}|${BLACKHOLE_CLUSTER}`),
  ];
}

/**
 * The status rules as one table: for each status, the matchers selecting
 * every series of that status (on top of egressSourceMatchers), and the
 * post-filter PromQL cannot express. A new data plane or mode adds a row.
 */
export const STATUS_RULES: Readonly<Record<EgressStatus, { readonly matchers: () => string[]; readonly also?: (labels: PromLabels) => boolean }>> = {
  passthrough: { matchers: () => catchAllMatchers('passthrough') },
  blocked: { matchers: () => catchAllMatchers('blocked') },
  registered: { matchers: () => registeredMatchers(ANY_HOST), also: namesServiceEntryHost },
};

/**
 * Matchers of every series that can name an external host (any status): no
 * destination workload, a destination_service that is a value and no cluster
 * service name. PromQL cannot compare two labels, so which of these is
 * egress (catch-all cluster, or destination_service = destination_service_name)
 * is decided by classifyDestination on the answer.
 */
export function namedExternalMatchers(): string[] {
  return [externalDestinationMatcher(), matcher('destination_service', '!=', UNKNOWN), matcher('destination_service', '!~', CLUSTER_SERVICE_REGEX)];
}

// ---------------------------------------------------------------------------
// The JavaScript classification, mirroring the matchers above.

/** The classification of one Istio series (istio-egress-facts §2). */
export type EgressClass =
  | { readonly kind: 'egress'; readonly status: EgressStatus; readonly host: ObservedHost | null; readonly serviceEntryNamespace?: string }
  | { readonly kind: 'gateway-hop'; readonly gateway: WorkloadRef }
  | { readonly kind: 'not-egress'; readonly reason: NotEgressReason };

/**
 * The destination half of the classification, for a series already known to
 * come from a known source's client proxy (egressSourceMatchers). A gateway
 * hop is reported only when `isGateway` says the destination workload is one.
 */
export function classifyDestination(labels: PromLabels, isGateway: (workload: string) => boolean = () => false): EgressClass {
  const service = labels.destination_service ?? '';
  const serviceName = labels.destination_service_name ?? '';
  const destWorkload = labels.destination_workload;

  const catchAll = catchAllStatus(serviceName);
  if (catchAll !== null) {
    // A known destination workload means the sidecar passed through to a pod IP inside the mesh.
    if (isKnown(destWorkload)) return { kind: 'not-egress', reason: 'pod-ip-passthrough' };
    return { kind: 'egress', status: catchAll, host: hostOfLabel(service) };
  }

  if (isKnown(destWorkload)) {
    if (isGateway(destWorkload)) {
      return { kind: 'gateway-hop', gateway: { namespace: labels.destination_workload_namespace ?? UNKNOWN, workload: destWorkload } };
    }
    return { kind: 'not-egress', reason: 'in-mesh' };
  }

  if (namesServiceEntryHost(labels)) {
    return { kind: 'egress', status: 'registered', host: hostOfLabel(service), serviceEntryNamespace: labels.destination_service_namespace };
  }
  return { kind: 'not-egress', reason: 'in-mesh' };
}

/**
 * Classifies a series by its Istio labels. `isGateway` says whether a
 * destination workload is an egress gateway.
 */
export function classifyEgress(labels: PromLabels, isGateway: (workload: string) => boolean): EgressClass {
  if (labels.reporter !== EGRESS_REPORTER) return { kind: 'not-egress', reason: 'destination-reporter' };
  if (!isKnown(labels.source_workload)) return { kind: 'not-egress', reason: 'unknown-source' };
  return classifyDestination(labels, isGateway);
}

/** Whether a workload name is an egress gateway, by a regex anchored like Prometheus does (EGRESS_GATEWAY_WORKLOADS). */
export function gatewayMatcher(pattern: string): (workload: string) => boolean {
  const re = new RegExp(`^(?:${pattern})$`);
  return (w) => re.test(w);
}
