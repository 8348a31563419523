import { matcher } from '../prometheus/promql';
import type { PromLabels } from '../prometheus/types';
import { parseObservedHost, type ObservedHost } from './host';
import type { DataPlane, EgressProtocol, EgressStatus, UnregisteredStatus, WorkloadRef } from './types';

/**
 * The egress rulebook: every rule that says whether an Istio series is egress,
 * which status it has and which host it names, written once as PromQL
 * matchers and once as their JavaScript mirror (classifyEgress), side by side.
 * Query builders (lib/prometheus/queries.ts, timeseries.ts,
 * lib/blocked/blocked.ts, lib/hosts/hosts.ts) and the alert rules
 * (lib/alerts/expressions.ts) take their matchers from here; the flows take
 * their classification from here. rules.prometheus.test.ts runs each labelled
 * case of the facts sheet through both sides on a real Prometheus.
 *
 * Facts: shared istio-egress-facts.md §1-8 (sidecars) and §9 (ambient's
 * ztunnel and waypoints, ALLOW_ANY_DYNAMIC_DNS, ServiceEntries before Istio
 * 1.23, telemetry artefacts). Each rule the sheet marks [unverified] or
 * [derived] is one named function here, so it is changed in one place.
 */

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

// ---------------------------------------------------------------------------
// Status rules

/** The catch-all Envoy cluster of each unregistered status (facts §2). */
export const CATCH_ALL_CLUSTER: Readonly<Record<UnregisteredStatus, string>> = {
  passthrough: PASSTHROUGH_CLUSTER,
  blocked: BLACKHOLE_CLUSTER,
};
const CATCH_ALL_REGEX = `${PASSTHROUGH_CLUSTER}|${BLACKHOLE_CLUSTER}`;

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

/** A destination_service that can be a ServiceEntry host: a value, not a Kubernetes service name, not an IP. */
function isServiceEntryHostLike(service: string): boolean {
  return isKnown(service) && !isClusterServiceName(service) && !isIpService(service) && catchAllStatus(service) === null;
}

/** The PromQL of isServiceEntryHostLike on destination_service, narrowed to `hostPattern` (an RE2 regex; ANY_HOST adds nothing). */
function serviceEntryHostMatchers(hostPattern: string): string[] {
  const not = matcher('destination_service', '!~', `${UNKNOWN}|${CLUSTER_SERVICE_REGEX}|${IP_SERVICE_REGEX}|${CATCH_ALL_REGEX}`);
  return hostPattern === ANY_HOST ? [not] : [matcher('destination_service', '=~', hostPattern), not];
}

/**
 * Sidecar (and egress gateway, and egress waypoint) ServiceEntry traffic:
 * Istio puts the host as written (wildcards included) in both
 * destination_service and destination_service_name (facts §2), and since
 * Istio 1.23 the ServiceEntry's namespace in destination_service_namespace.
 * The destination workload is unknown, or (the endpoint-metadata fallback,
 * facts §9 [partly verified]) the ServiceEntry's name; either way the service
 * names the host, so no workload is required.
 */
export function registeredMatchers(hostPattern: string): string[] {
  return [...serviceEntryHostMatchers(hostPattern), matcher('destination_service_name', '=~', hostPattern), matcher('destination_service_namespace', '!=', UNKNOWN)];
}

/** The connection_security_policy of ztunnel's HBONE hop to a waypoint; its direct ServiceEntry connections are plain TCP ("unknown"). */
export const MUTUAL_TLS = 'mutual_tls';

/**
 * ztunnel's shape of a ServiceEntry host (facts §9): destination_service is
 * the host, destination_service_name the ServiceEntry's metadata.name, with a
 * namespace and a destination workload: the ServiceEntry's name when ztunnel
 * connects directly (plain TCP), the egress waypoint's on the HBONE hop to it
 * (mutual_tls).
 */
function ztunnelServiceEntryShape(hostPattern: string): string[] {
  return [
    ...serviceEntryHostMatchers(hostPattern),
    matcher('destination_service_name', '!~', `${UNKNOWN}|${CATCH_ALL_REGEX}`),
    matcher('destination_service_namespace', '!=', UNKNOWN),
    knownDestinationWorkloadMatcher(),
  ];
}

/** ztunnel straight to a ServiceEntry host (no waypoint); namesServiceEntryByName makes the label comparison PromQL cannot. */
export function ambientServiceEntryMatchers(hostPattern: string): string[] {
  return [...ztunnelServiceEntryShape(hostPattern), matcher('connection_security_policy', '!=', MUTUAL_TLS)];
}

/** ztunnel's hop to an egress waypoint (isWaypointHop). */
export function waypointHopMatchers(): string[] {
  return [matcher('reporter', '=', EGRESS_REPORTER), ...ztunnelServiceEntryShape(ANY_HOST), matcher('connection_security_policy', '=', MUTUAL_TLS)];
}

/**
 * A host named in both destination_service and destination_service_name with
 * no namespace and no workload: a ServiceEntry before Istio 1.23, or, from
 * 1.23 on, unregistered HTTP through 1.31's ALLOW_ANY_DYNAMIC_DNS forward
 * proxy (facts §9). The labels are the same; which one it is comes from
 * outside them (RuleContext.hostNamedWithoutNamespace, lib/egress/outbound-mode.ts).
 */
export function hostNamedWithoutNamespaceMatchers(hostPattern: string): string[] {
  return [
    ...serviceEntryHostMatchers(hostPattern),
    matcher('destination_service_name', '=~', hostPattern),
    matcher('destination_service_namespace', '=', UNKNOWN),
    externalDestinationMatcher(),
  ];
}

/**
 * ztunnel passthrough: an ambient pod's connection to an address with no
 * Service (external IP, a `resolution: NONE` ServiceEntry, one hidden by
 * serviceEntryVisibility) has every destination_* label unknown (facts §9).
 * TCP only; no host can ever be known. [derived: a sidecar's SNI-DFP TLS
 * would look the same, but keeps destination_canonical_revision="latest".]
 */
export function ztunnelPassthroughMatchers(): string[] {
  return [
    matcher('reporter', '=', EGRESS_REPORTER),
    matcher('destination_service', '=', UNKNOWN),
    matcher('destination_service_name', '=', UNKNOWN),
    externalDestinationMatcher(),
  ];
}

function isZtunnelPassthrough(labels: PromLabels): boolean {
  return (
    labels.reporter === EGRESS_REPORTER &&
    (labels.destination_service ?? UNKNOWN) === UNKNOWN &&
    (labels.destination_service_name ?? UNKNOWN) === UNKNOWN &&
    !isKnown(labels.destination_workload)
  );
}

/** Any host, as a regex for the matchers above. */
export const ANY_HOST = '.+';

/**
 * What the labels alone cannot say, decided per request (outbound-mode.ts):
 * whether a host-named series without a namespace is passthrough (every
 * proxy is 1.23+, so it is ALLOW_ANY_DYNAMIC_DNS) or registered (a
 * ServiceEntry on an older proxy).
 */
export interface RuleContext {
  readonly hostNamedWithoutNamespace: 'passthrough' | 'registered';
}
/** Without evidence, such a series is an older ServiceEntry (the rule: proxies unknown means registered). */
export const DEFAULT_RULE_CONTEXT: RuleContext = { hostNamedWithoutNamespace: 'registered' };

/** The sidecar and waypoint shape of a ServiceEntry host: the same host in destination_service and destination_service_name. */
function namesHostTwice(labels: PromLabels): boolean {
  const service = labels.destination_service ?? '';
  return isServiceEntryHostLike(service) && service === labels.destination_service_name;
}

/** ztunnel's shape of a ServiceEntry host: destination_service_name is the ServiceEntry's name, which destination_workload repeats. */
function namesServiceEntryByName(labels: PromLabels): boolean {
  const service = labels.destination_service ?? '';
  const name = labels.destination_service_name;
  return isServiceEntryHostLike(service) && isKnown(name) && name !== service && labels.destination_workload === name && labels.connection_security_policy !== MUTUAL_TLS;
}

/** The label comparison of the registered rules that PromQL cannot make: either shape of a ServiceEntry host. */
export function namesServiceEntryHost(labels: PromLabels): boolean {
  return namesHostTwice(labels) || namesServiceEntryByName(labels);
}

/** Matchers of the first hop to an egress gateway (RE2 regex of gateway workload names): app sidecar -> gateway, a mesh service. */
export function gatewayHopMatchers(gatewayWorkloads: string): string[] {
  return [matcher('destination_workload', '=~', gatewayWorkloads), matcher('destination_service_name', '!~', CATCH_ALL_REGEX)];
}

/**
 * The first hops (workload -> egress gateway, ztunnel's workload -> egress
 * waypoint) as selectors: classifyDestination's 'gateway-hop'.
 */
export function hopSelectors(gatewayWorkloads: string): StatusSelector[] {
  return [{ matchers: gatewayHopMatchers(gatewayWorkloads) }, { matchers: waypointHopMatchers() }];
}

/** One way of selecting a status in PromQL: matchers, and the label comparison PromQL cannot make. */
export interface StatusSelector {
  readonly matchers: string[];
  readonly also?: (labels: PromLabels) => boolean;
}

/**
 * The status rules as one table: for each status, the selectors whose union
 * is every series of that status (on top of egressSourceMatchers), each with
 * the label comparison PromQL cannot make. `hostPattern` (an RE2 regex)
 * narrows them to some hosts; null selects the series that name no host. A
 * query reads a status as `rate(m{a}[w]) or rate(m{b}[w])`: `or` keeps each
 * series once.
 */
export function statusRules(ctx: RuleContext = DEFAULT_RULE_CONTEXT, hostPattern: string | null = ANY_HOST): Readonly<Record<EgressStatus, readonly StatusSelector[]>> {
  if (hostPattern === null) {
    const noHost = matcher('destination_service', '=', UNKNOWN);
    return {
      passthrough: [{ matchers: [...catchAllMatchers('passthrough'), noHost] }, { matchers: ztunnelPassthroughMatchers() }],
      blocked: [{ matchers: [...catchAllMatchers('blocked'), noHost] }],
      registered: [],
    };
  }
  const hostNamed: StatusSelector = { matchers: hostNamedWithoutNamespaceMatchers(hostPattern), also: namesHostTwice };
  const anyHost = hostPattern === ANY_HOST;
  const named = anyHost ? [] : [matcher('destination_service', '=~', hostPattern)];
  return {
    passthrough: [
      { matchers: [...catchAllMatchers('passthrough'), ...named] },
      ...(anyHost ? [{ matchers: ztunnelPassthroughMatchers() }] : []),
      ...(ctx.hostNamedWithoutNamespace === 'passthrough' ? [hostNamed] : []),
    ],
    blocked: [{ matchers: [...catchAllMatchers('blocked'), ...named] }],
    registered: [
      { matchers: registeredMatchers(hostPattern), also: namesHostTwice },
      { matchers: ambientServiceEntryMatchers(hostPattern), also: namesServiceEntryByName },
      ...(ctx.hostNamedWithoutNamespace === 'registered' ? [hostNamed] : []),
    ],
  };
}

/**
 * Matchers of every series that can name an external host (any status), as
 * a union: no destination workload, or a ServiceEntry host whose endpoint
 * names a workload (ztunnel, the sidecar's endpoint-metadata fallback).
 * Which of these is egress is decided by classifyDestination on the answer.
 */
export function namedExternalSelectors(): string[][] {
  return [
    [externalDestinationMatcher(), matcher('destination_service', '!=', UNKNOWN), matcher('destination_service', '!~', CLUSTER_SERVICE_REGEX)],
    ztunnelServiceEntryShape(ANY_HOST),
  ];
}

/**
 * The flow queries' selection, as a union: no destination workload (every
 * sidecar egress status, ztunnel passthrough, waypoint flows) or an egress
 * gateway's (the first hop), or a ServiceEntry host whose endpoint names a
 * workload (ztunnel to a ServiceEntry or to its egress waypoint). The second
 * is ztunnel's shape without its IP test: regexes over every destination_service
 * value cost Prometheus time at 10^4 hosts and more (bench/flow-selectors.ts),
 * and classifyDestination drops an IP named so anyway.
 */
export function flowSelectors(gatewayWorkloads: string): string[][] {
  return [
    [externalOrGatewayMatcher(gatewayWorkloads)],
    [
      knownDestinationWorkloadMatcher(),
      matcher('destination_service_namespace', '!=', UNKNOWN),
      matcher('destination_service_name', '!~', `${UNKNOWN}|${CATCH_ALL_REGEX}`),
      matcher('destination_service', '!~', `${UNKNOWN}|${CLUSTER_SERVICE_REGEX}`),
    ],
  ];
}

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
