/** The rulebook's facts about labels: sentinels, metric families, severity, which label values are hosts, which series are egress at all (see index.ts). */
import { matcher } from '../../prometheus/promql';
import type { PromLabels } from '../../prometheus/types';
import { parseObservedHost, type ObservedHost } from '../host';
import type { EgressProtocol, EgressStatus } from '../types';


// ---------------------------------------------------------------------------
// Sentinels (facts §1, §2)

/** Envoy cluster a sidecar uses for unregistered destinations under ALLOW_ANY. */
export const PASSTHROUGH_CLUSTER = 'PassthroughCluster';
/** Envoy cluster a sidecar uses for unregistered destinations under REGISTRY_ONLY. */
export const BLACKHOLE_CLUSTER = 'BlackHoleCluster';
/** Istio's placeholder for a label it could not fill. */
export const UNKNOWN = 'unknown';
/** The client proxy's reporter: sidecars, gateways and ztunnel report egress as source (facts §2, §9). */
export const EGRESS_REPORTER = 'source';
/** An ambient egress waypoint's reporter: its series carry the app's source_* labels (facts §9). */
export const WAYPOINT_REPORTER = 'waypoint';
/** Every reporter that sees egress. */
export const EGRESS_REPORTERS = [EGRESS_REPORTER, WAYPOINT_REPORTER] as const;

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
  /** Blocked TCP/TLS: closed at once (flag UH). Telemetry v2 counts it as opened and closed together, at close (facts §9); older proxies only as closed, so closed is what always has it. */
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
 * (`reporter="source"`, or an egress waypoint's `reporter="waypoint"`, whose
 * source_* labels are the app's) of a known source (a source of "unknown" is
 * traffic entering the mesh).
 */
export function egressSourceMatchers(): string[] {
  return [matcher('reporter', '=~', EGRESS_REPORTERS.join('|')), matcher('source_workload', '!=', UNKNOWN)];
}

/** Whether a series comes from a reporter that sees egress (egressSourceMatchers). */
export function isEgressReporter(reporter: string | undefined): boolean {
  return reporter === EGRESS_REPORTER || reporter === WAYPOINT_REPORTER;
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

