import { egressSourceMatchers, flowSelectors, REQUESTS_METRIC, TCP_METRICS } from '../egress/rules';
import { byLabels, formatDuration, matcher, overAny, quote, regexAnyOf } from './promql';

/**
 * The egress query plan: two instant queries per refresh, whatever the number
 * of namespaces (Kiali issues three per namespace and protocol). Both read
 * only the reporters that see egress (the client proxy, and ambient's egress
 * waypoints; the rulebook, lib/egress/rules/).
 */

/** Labels each egress series is summed by (pods and everything else are summed away). */
export const FLOW_LABELS = [
  'reporter',
  'source_cluster',
  'source_workload_namespace',
  'source_workload',
  'destination_service',
  'destination_service_name',
  'destination_service_namespace',
  'destination_workload',
  'destination_workload_namespace',
  'request_protocol',
  // Tells ztunnel's HBONE hop to an egress waypoint from its direct ServiceEntry connections (the rulebook).
  'connection_security_policy',
] as const;

/** Extra label on the TCP query saying which measure a series carries. */
export const MEASURE_LABEL = 'egress_lens_measure';
export type TcpMeasure = 'sent' | 'received' | 'connections' | 'closed';

export interface EgressQueryOptions {
  /** Rate window in whole seconds. */
  readonly windowSeconds: number;
  /** Source namespaces to keep; empty means all. */
  readonly namespaces: readonly string[];
  /** RE2 regex of egress gateway workload names (first hop: app -> gateway). */
  readonly gatewayWorkloads: string;
  /** Extra TCP labels naming the destination (SNI, upstream address), when a Telemetry adds them. */
  readonly tcpDestinationLabels?: readonly string[];
  /** The destination selectors (a union); default the rulebook's flowSelectors. For benchmarks that compare plans. */
  readonly selectors?: readonly (readonly string[])[];
}

export interface EgressQueries {
  readonly http: string;
  readonly tcp: string;
}

/**
 * Selectors shared by both queries, as a union (the rulebook's
 * flowSelectors): a known source's egress reporter, and egress-shaped
 * destinations.
 */
function egressSelectors(opts: EgressQueryOptions): string[][] {
  const scope = opts.namespaces.length > 0 ? [matcher('source_workload_namespace', '=~', regexAnyOf(opts.namespaces))] : [];
  return (opts.selectors ?? flowSelectors(opts.gatewayWorkloads)).map((destination) => [...egressSourceMatchers(), ...destination, ...scope]);
}

/** Builds the HTTP/gRPC and TCP egress queries. */
export function buildEgressQueries(opts: EgressQueryOptions): EgressQueries {
  const sels = egressSelectors(opts);
  const httpBy = byLabels([...FLOW_LABELS, 'response_code', 'response_flags']);
  const extra = opts.tcpDestinationLabels ?? [];
  const tcpBy = byLabels([...FLOW_LABELS, ...extra]);
  const tcpByFlags = byLabels([...FLOW_LABELS, ...extra, 'response_flags']);
  const range = formatDuration(opts.windowSeconds);

  const http = `sum by ${httpBy} (${overAny('rate', REQUESTS_METRIC, sels, range)})`;

  // One round trip for all TCP measures, each tagged with MEASURE_LABEL.
  // sent/received: bytes (summed into bytesPerSecond later; each is its own
  // rate, because rate() over a name regex would collide once names drop).
  // connections: the opened rate, or the closed rate where nothing was opened,
  // because blocked TCP (BlackHoleCluster) is always counted as closed and,
  // before telemetry v2, never as opened (facts §9). closed: by response flag, which Envoy
  // sets at close (UH for blocked, UF for refused).
  const rate = (metric: string) => overAny('rate', metric, sels, range);
  const sum = (by: string, expr: string) => `sum by ${by} (${expr})`;
  const tag = (expr: string, measure: TcpMeasure) =>
    `label_replace(${expr}, ${quote(MEASURE_LABEL)}, ${quote(measure)}, "__name__", ".*")`;
  const tcp = [
    tag(sum(tcpBy, rate(TCP_METRICS.sent)), 'sent'),
    tag(sum(tcpBy, rate(TCP_METRICS.received)), 'received'),
    tag(`(${sum(tcpBy, rate(TCP_METRICS.opened))} or ${sum(tcpBy, rate(TCP_METRICS.closed))})`, 'connections'),
    tag(sum(tcpByFlags, rate(TCP_METRICS.closed)), 'closed'),
  ].join(' or ');

  return { http, tcp };
}
