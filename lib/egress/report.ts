import { cached, cachedInstantQuery, MiB, type CacheStore } from '../prometheus/cached';
import type { PrometheusClient } from '../prometheus/client';
import { formatDuration } from '../prometheus/promql';
import { buildEgressQueries, type EgressQueries } from '../prometheus/queries';
import { backendWarnings } from '../warnings';
import { FlowAccumulator } from './flow-accumulator';
import { outboundModeFromSamples, proxyVersionsQuery, type OutboundModeDecision, type OutboundModeSetting } from './outbound-mode';
import { gatewayMatcher } from './rules';
import type { EgressFlow } from './types';
import { attachWaypoints } from './waypoints';

/** What GET /api/egress answers. */
export interface EgressReport {
  /** Evaluation time, RFC 3339. */
  readonly end: string;
  /** Rate window, as a Prometheus duration. */
  readonly window: string;
  readonly flows: EgressFlow[];
  readonly warnings: string[];
  /** The PromQL behind every number, so users can check it in Prometheus. */
  readonly queries: EgressQueries;
  /** Only when there are no flows: whether Prometheus has any Istio metrics at all, to say why it is empty. */
  readonly istioMetrics?: 'present' | 'absent';
  /**
   * What a host named without a namespace was read as, which rule decided
   * and why (lib/egress/outbound-mode.ts), and how many hosts it decided.
   */
  readonly outboundMode?: OutboundModeDecision & { readonly hosts: number };
}

/** Any Istio standard metric from a sidecar, at the evaluation time. */
export const ISTIO_PRESENCE_QUERY = 'count({__name__=~"istio_requests_total|istio_tcp_connections_(?:opened|closed)_total|istio_tcp_(?:sent|received)_bytes_total"})';

export interface EgressQuery {
  /** Unix seconds. */
  readonly end: number;
  readonly windowSeconds: number;
  readonly namespaces: readonly string[];
}

export interface EgressDeps {
  readonly client: PrometheusClient;
  /** Shares reports and small query answers between requests (lib/prometheus/cached.ts); absent, every call runs. */
  readonly caches?: CacheStore;
  readonly gatewayWorkloads: string;
  readonly topHostsPerStatus: number;
  /** Labels naming TLS/TCP destinations, when a Telemetry adds them (EGRESS_TCP_SNI_LABEL, EGRESS_TCP_ADDRESS_LABEL). */
  readonly tcpDestinationLabels?: { readonly sni?: string; readonly address?: string };
  /** ISTIO_OUTBOUND_MODE; default `auto`. */
  readonly outboundMode?: OutboundModeSetting;
}

/** How host-named series without a namespace are read at `end` (one small query when the mode is `auto`, shared through the cache). */
export async function resolveOutboundMode(deps: Pick<EgressDeps, 'client' | 'caches' | 'outboundMode'>, end: number, windowSeconds: number): Promise<OutboundModeDecision> {
  const setting = deps.outboundMode ?? 'auto';
  if (setting !== 'auto') return outboundModeFromSamples(setting, [], '');
  const query = proxyVersionsQuery(windowSeconds);
  const answer = await cachedInstantQuery(deps, { query, time: end });
  return outboundModeFromSamples(setting, answer.samples, query);
}

/** Hosts named without a namespace never pass silently: which reading was taken, and why. */
export function outboundModeWarnings(mode: OutboundModeDecision, hosts: ReadonlySet<string>): string[] {
  if (hosts.size === 0) return [];
  const names = [...hosts].sort().slice(0, 3).join(', ');
  const more = hosts.size > 3 ? ` and ${hosts.size - 3} more` : '';
  const what = mode.hostNamedWithoutNamespace === 'passthrough' ? 'passthrough (ALLOW_ANY_DYNAMIC_DNS)' : 'registered (a ServiceEntry before Istio 1.23)';
  return [`${hosts.size === 1 ? '1 host is' : `${hosts.size} hosts are`} named without a namespace (${names}${more}), read as ${what}. ${mode.reason}`];
}

/** What a report depends on, from a request's parameters: a request's other parameters (host ids) share its report. */
export function egressQuery(q: EgressQuery): EgressQuery {
  return { end: q.end, windowSeconds: q.windowSeconds, namespaces: q.namespaces };
}

/** One report per view (egressQuery) and TTL; concurrent requests for it share one build. */
const sharedReport = cached('egress report', (deps: EgressDeps, q: EgressQuery) => buildEgressReport(deps, q), { maxEntries: 64, maxBytes: 32 * MiB });

/** Classified egress flows over a window: two PromQL queries, whatever the mesh size; one report per view and TTL, shared by concurrent callers. */
export function getEgressReport(deps: EgressDeps, q: EgressQuery): Promise<EgressReport> {
  return sharedReport(deps, egressQuery(q));
}

/**
 * Both queries' answers are read as they arrive, each sample summed into its
 * flow on the way (FlowAccumulator): at 10^5 series the answers are 40 MB of
 * JSON that is never held, only the flows.
 */
async function buildEgressReport(deps: EgressDeps, q: EgressQuery): Promise<EgressReport> {
  const tcpLabels = [deps.tcpDestinationLabels?.sni, deps.tcpDestinationLabels?.address].filter((l): l is string => Boolean(l));
  const queries = buildEgressQueries({ windowSeconds: q.windowSeconds, namespaces: q.namespaces, gatewayWorkloads: deps.gatewayWorkloads, tcpDestinationLabels: tcpLabels });
  const mode = await resolveOutboundMode(deps, q.end, q.windowSeconds);
  const flows = new FlowAccumulator({ isGateway: gatewayMatcher(deps.gatewayWorkloads), tcpDestinationLabels: deps.tcpDestinationLabels, ruleContext: mode });
  const [http, tcp] = await Promise.all([
    deps.client.streamInstantQuery(queries.http, q.end, (s) => flows.add(s, 'requests')),
    deps.client.streamInstantQuery(queries.tcp, q.end, (s) => flows.add(s, 'tcp')),
  ]);
  const guarded = flows.finish(deps.topHostsPerStatus);
  const upstream = backendWarnings(http, tcp);
  // An empty answer has two very different causes; one cheap query tells them apart.
  const istioMetrics =
    guarded.flows.length === 0 ? ((await cachedInstantQuery(deps, { query: ISTIO_PRESENCE_QUERY, time: q.end })).samples.length > 0 ? 'present' : 'absent') : undefined;
  return {
    end: new Date(q.end * 1000).toISOString(),
    window: formatDuration(q.windowSeconds),
    flows: attachWaypoints(guarded.flows),
    warnings: [...upstream, ...guarded.warnings, ...outboundModeWarnings(mode, flows.decidedHosts)],
    queries,
    ...(istioMetrics ? { istioMetrics } : {}),
    outboundMode: { ...mode, hosts: flows.decidedHosts.size },
  };
}
