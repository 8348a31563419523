import { egressSourceMatchers, externalOrGatewayMatcher, REQUESTS_METRIC, TCP_METRICS } from '../egress/rules';
import { byLabels, formatDuration, matcher, quote, regexAnyOf, selector } from './promql';

/**
 * The egress query plan: two instant queries per refresh, whatever the number
 * of namespaces (Kiali issues three per namespace and protocol). Both read only
 * `reporter="source"`, the client sidecar's view, which is the only reporter
 * that sees egress (istio-egress-facts §2).
 */

/** Labels each egress series is summed by (pods and everything else are summed away). */
export const FLOW_LABELS = [
  'reporter',
  'source_workload_namespace',
  'source_workload',
  'destination_service',
  'destination_service_name',
  'destination_service_namespace',
  'destination_workload',
  'destination_workload_namespace',
  'request_protocol',
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
}

export interface EgressQueries {
  readonly http: string;
  readonly tcp: string;
}

/** Matchers shared by both queries: source reporter, a known source, and egress-shaped destinations. */
function egressMatchers(opts: EgressQueryOptions): string[] {
  // The egress rulebook: a known source's client view; external destinations
  // have no workload, the gateway hop has the gateway's.
  const m = [...egressSourceMatchers(), externalOrGatewayMatcher(opts.gatewayWorkloads)];
  if (opts.namespaces.length > 0) m.push(matcher('source_workload_namespace', '=~', regexAnyOf(opts.namespaces)));
  return m;
}

/** Builds the HTTP/gRPC and TCP egress queries. */
export function buildEgressQueries(opts: EgressQueryOptions): EgressQueries {
  const w = `[${formatDuration(opts.windowSeconds)}]`;
  const sel = egressMatchers(opts);
  const httpBy = byLabels([...FLOW_LABELS, 'response_code', 'response_flags']);
  const extra = opts.tcpDestinationLabels ?? [];
  const tcpBy = byLabels([...FLOW_LABELS, ...extra]);
  const tcpByFlags = byLabels([...FLOW_LABELS, ...extra, 'response_flags']);
  const s = (extra: string[]) => selector([...extra, ...sel]);

  const http = `sum by ${httpBy} (rate(${REQUESTS_METRIC}${s([])}${w}))`;

  // One round trip for all TCP measures, each tagged with MEASURE_LABEL.
  // sent/received: bytes (summed into bytesPerSecond later; each is its own
  // rate, because rate() over a name regex would collide once names drop).
  // connections: the opened rate, or the closed rate where nothing was opened,
  // because blocked TCP (BlackHoleCluster) only ever increments
  // istio_tcp_connections_closed_total. closed: by response flag, which Envoy
  // sets at close (UH for blocked, UF for refused).
  const rate = (metric: string) => `rate(${metric}${s([])}${w})`;
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
