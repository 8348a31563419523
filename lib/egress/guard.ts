import { accFromFlow, accumulateFlows, addTo, flowFromAcc, mergeCounts, skippedWarnings, sortFlows, type BuildFlowsOptions, type EgressSamples, type FlowAcc } from './flows';
import { chooseKeptHosts, isFolded } from './host-ranking';
import type { EgressFlow } from './types';

export interface GuardResult {
  readonly flows: EgressFlow[];
  readonly warnings: string[];
}

/**
 * Flows from the samples of the two egress queries, with the cardinality
 * guard: passthrough series grow with every distinct Host header a sidecar
 * sees (istio/istio#35066), so per status only the `topK` hosts by rate are
 * kept; each source's traffic to the other hosts is summed into one flow per
 * status and protocol whose destination has `host: null` and `otherHosts`.
 * The guard applies while samples are summed, so at 10^5 series only the
 * kept flows and the buckets are ever built and sorted.
 */
export function buildGuardedFlows(samples: EgressSamples, opts: BuildFlowsOptions, topK: number): GuardResult {
  const { accs, skipped, warnings } = accumulateFlows(samples, opts, topK);
  return { flows: sortFlows(accs.map(flowFromAcc)), warnings: [...skippedWarnings(skipped), ...warnings] };
}

/** The same guard over finished flows (the oracle's, for instance). */
export function limitHosts(flows: readonly EgressFlow[], topK: number): GuardResult {
  const accs = flows.map(accFromFlow);
  const kept = chooseKeptHosts(
    accs.map((a) => ({ status: a.status, hostName: a.host, via: a.via, rate: (a.requests ?? 0) + (a.connections ?? 0) })),
    topK,
  );
  if (kept.keep.size === 0) return { flows: [...flows], warnings: [] };
  const out: FlowAcc[] = [];
  const buckets = new Map<string, { acc: FlowAcc; hosts: Set<string> }>();
  for (const a of accs) {
    if (!isFolded(kept, a.status, a.host, a.via)) {
      out.push(a);
      continue;
    }
    const key = `${a.source.namespace}\u0000${a.source.workload}\u0000${a.status}\u0000${a.protocol}`;
    let bucket = buckets.get(key);
    if (!bucket) {
      bucket = { acc: { source: a.source, host: null, status: a.status, protocol: a.protocol, ip: false }, hosts: new Set() };
      buckets.set(key, bucket);
    }
    const b = bucket.acc;
    bucket.hosts.add(a.host);
    b.requests = addTo(b.requests, a.requests);
    b.connections = addTo(b.connections, a.connections);
    b.bytes = addTo(b.bytes, a.bytes);
    b.responses = mergeCounts(b.responses, a.responses);
    b.flags = mergeCounts(b.flags, a.flags);
  }
  for (const { acc, hosts } of buckets.values()) out.push({ ...acc, otherHosts: hosts.size });
  return { flows: sortFlows(out.map(flowFromAcc)), warnings: kept.warnings };
}
