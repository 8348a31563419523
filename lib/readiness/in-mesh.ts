/**
 * In-mesh calls from the same metrics as the egress report: what a Sidecar's
 * egress hosts must keep visible, and which calls to pod IPs REGISTRY_ONLY
 * would cut (issue 12).
 */
import { classifyEgress, gatewayMatcher } from '../egress/classify';
import type { EgressDeps, EgressQuery } from '../egress/report';
import { cachedInstantQuery } from '../prometheus/cached';
import { UNKNOWN, BLACKHOLE_CLUSTER, EGRESS_REPORTER, egressSourceMatchers, isKnown, knownDestinationWorkloadMatcher, REQUESTS_METRIC, TCP_METRICS } from '../egress/rules';
import type { WorkloadRef } from '../egress/types';
import { byLabels, formatDuration, matcher, quote, regexAnyOf, selector } from '../prometheus/promql';
import { FLOW_LABELS, MEASURE_LABEL } from '../prometheus/queries';
import type { PromLabels } from '../prometheus/types';
import { backendWarnings } from '../warnings';

/** One source workload's calls to one in-mesh destination over the window. */
export interface InMeshCall {
  readonly source: WorkloadRef;
  /** `service`: a mesh service (or the egress gateway); `pod-ip`: PassthroughCluster to a pod IP with a known workload. */
  readonly kind: 'service' | 'pod-ip';
  /** The service's namespace (destination_service_namespace), or for a pod IP the pod's. */
  readonly namespace: string;
  /** destination_service: an FQDN, or the pod's IP:port. */
  readonly service: string;
  /** destination_workload. */
  readonly workload: string;
  /** Requests plus connections per second. */
  readonly ratePerSecond: number;
}

export interface InMeshAnswer {
  readonly calls: InMeshCall[];
  readonly query: string;
  readonly warnings: string[];
}

/** The flow labels (one list, lib/prometheus/queries.ts), without the reporter (always source here) and the protocol. */
const LABELS = FLOW_LABELS.filter((l) => l !== 'reporter' && l !== 'request_protocol');

/**
 * One instant query: HTTP/gRPC requests and opened TCP connections per second
 * with `reporter="source"`, a known source and a known destination workload
 * (the complement of the egress queries' `destination_workload` matcher),
 * each side tagged so that `or` keeps both when their labels agree.
 */
export function buildInMeshQuery(q: Pick<EgressQuery, 'windowSeconds' | 'namespaces'>): string {
  const m = [...egressSourceMatchers(), knownDestinationWorkloadMatcher()];
  if (q.namespaces.length > 0) m.push(matcher('source_workload_namespace', '=~', regexAnyOf(q.namespaces)));
  const by = byLabels([...LABELS]);
  const part = (metric: string, measure: string) =>
    `label_replace(sum by ${by} (rate(${metric}${selector(m)}[${formatDuration(q.windowSeconds)}])), ${quote(MEASURE_LABEL)}, ${quote(measure)}, "__name__", ".*")`;
  return `${part(REQUESTS_METRIC, 'requests')} or ${part(TCP_METRICS.opened, 'connections')}`;
}

/** The in-mesh call a sample stands for, or null (already blocked, or not in-mesh after all), by the egress rulebook (classifyEgress). */
export function toInMeshCall(labels: PromLabels, value: number, isGateway: (workload: string) => boolean): InMeshCall | null {
  if (!Number.isFinite(value) || value <= 0) return null;
  // Calls BlackHoleCluster drops today do not work now: nothing a switch could break.
  if (labels.destination_service_name === BLACKHOLE_CLUSTER) return null;
  // The query sums the reporter away: every call it returns is a client's view.
  const c = classifyEgress({ ...labels, reporter: EGRESS_REPORTER }, isGateway);
  if (c.kind === 'egress') return null;
  // ztunnel's hop to an egress waypoint is ambient egress, not a call a Sidecar could break.
  if (c.kind === 'gateway-hop' && c.dataPlane === 'ambient') return null;
  if (c.kind === 'not-egress' && c.reason !== 'in-mesh' && c.reason !== 'pod-ip-passthrough') return null;
  const workload = labels.destination_workload ?? UNKNOWN;
  const cluster = labels.source_cluster;
  const source = { namespace: labels.source_workload_namespace ?? UNKNOWN, workload: labels.source_workload ?? UNKNOWN, ...(cluster !== undefined ? { cluster } : {}) };
  const service = labels.destination_service ?? UNKNOWN;
  if (c.kind === 'not-egress' && c.reason === 'pod-ip-passthrough') {
    return { source, kind: 'pod-ip', namespace: labels.destination_workload_namespace ?? UNKNOWN, service, workload, ratePerSecond: value };
  }
  const namespace = isKnown(labels.destination_service_namespace) ? labels.destination_service_namespace : (labels.destination_workload_namespace ?? UNKNOWN);
  return { source, kind: 'service', namespace, service, workload, ratePerSecond: value };
}

/** In-mesh calls per source workload and destination over the window (one query, through the instant-query cache). */
export async function getInMeshCalls(deps: Pick<EgressDeps, 'client' | 'caches' | 'gatewayWorkloads'>, q: EgressQuery): Promise<InMeshAnswer> {
  const query = buildInMeshQuery(q);
  const answer = await cachedInstantQuery(deps, { query, time: q.end });
  const isGateway = gatewayMatcher(deps.gatewayWorkloads);
  const calls: InMeshCall[] = [];
  for (const s of answer.samples) {
    const call = toInMeshCall(s.labels, s.value, isGateway);
    if (call) calls.push(call);
  }
  return { calls, query, warnings: backendWarnings(answer) };
}
