/** The rulebook's status rules: per status, the PromQL selectors whose union is that status, and the flow and hop selectors (see index.ts). */
import { matcher } from '../../prometheus/promql';
import type { PromLabels } from '../../prometheus/types';
import type { EgressStatus, UnregisteredStatus } from '../types';
import { BLACKHOLE_CLUSTER, CLUSTER_SERVICE_REGEX, EGRESS_REPORTER, IP_SERVICE_REGEX, PASSTHROUGH_CLUSTER, UNKNOWN, externalDestinationMatcher, externalOrGatewayMatcher, isClusterServiceName, isIpService, isKnown, knownDestinationWorkloadMatcher } from './labels';

// ---------------------------------------------------------------------------
// Status rules

/** The catch-all Envoy cluster of each unregistered status (facts §2). */
export const CATCH_ALL_CLUSTER: Readonly<Record<UnregisteredStatus, string>> = {
  passthrough: PASSTHROUGH_CLUSTER,
  blocked: BLACKHOLE_CLUSTER,
};
const CATCH_ALL_REGEX = `${PASSTHROUGH_CLUSTER}|${BLACKHOLE_CLUSTER}`;

/** The status a catch-all cluster name stands for, or null. */
export function catchAllStatus(serviceName: string): UnregisteredStatus | null {
  if (serviceName === PASSTHROUGH_CLUSTER) return 'passthrough';
  if (serviceName === BLACKHOLE_CLUSTER) return 'blocked';
  return null;
}

/** Matchers of passthrough or blocked egress (any host): the catch-all cluster, no destination workload. */
export function catchAllMatchers(status: UnregisteredStatus): string[] {
  return [matcher('destination_service_name', '=', CATCH_ALL_CLUSTER[status]), externalDestinationMatcher()];
}

/** A destination_service that can be a ServiceEntry host: a value, not a Kubernetes service name, not an IP. */
export function isServiceEntryHostLike(service: string): boolean {
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

export function isZtunnelPassthrough(labels: PromLabels): boolean {
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
export function namesHostTwice(labels: PromLabels): boolean {
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

