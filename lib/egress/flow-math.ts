/**
 * Small helpers over finished flows (EgressFlow) for the features that read
 * them: the graph, readiness, the tables. The flows themselves are summed
 * and guarded in flow-accumulator.ts and guard.ts.
 */
import type { EgressFlow, FlowRates } from './types';

/** Total activity of a flow, for ranking: requests plus connections per second. */
export function flowRate(f: FlowRates): number {
  return (f.requestsPerSecond ?? 0) + (f.connectionsPerSecond ?? 0);
}

/** The rate fields of a flow that are present (no undefined-valued keys). */
export function ratesOf(r: FlowRates): FlowRates {
  return {
    ...(r.requestsPerSecond !== undefined ? { requestsPerSecond: r.requestsPerSecond } : {}),
    ...(r.responses ? { responses: r.responses } : {}),
    ...(r.responseFlags ? { responseFlags: r.responseFlags } : {}),
    ...(r.connectionsPerSecond !== undefined ? { connectionsPerSecond: r.connectionsPerSecond } : {}),
    ...(r.bytesPerSecond !== undefined ? { bytesPerSecond: r.bytesPerSecond } : {}),
  };
}

function sortKey(f: EgressFlow): string {
  const d = f.destination;
  return [f.source.cluster ?? '', f.source.namespace, f.source.workload, d.status, d.host ?? '\uffff', f.protocol, f.via?.workload ?? '', f.via?.namespace ?? '', f.dataPlane, d.otherHosts ?? ''].join('\u0000');
}

/**
 * Sorts flows in a stable order: source (cluster, namespace, workload), then
 * status, host (null last), protocol, gateway, data plane. Keys are computed
 * once per flow.
 */
export function sortFlows(flows: readonly EgressFlow[]): EgressFlow[] {
  return flows
    .map((f) => ({ f, k: sortKey(f) }))
    .sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0))
    .map(({ f }) => f);
}
