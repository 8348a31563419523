import { accFromFlow, addTo, flowFromAcc, mergeCounts, skippedWarnings, sortFlows, type FlowAcc } from './flows';
import { BucketHostCounter, chooseKeptHosts } from './host-ranking';
import type { EgressFlow } from './types';

export interface GuardResult {
  readonly flows: EgressFlow[];
  readonly warnings: string[];
}

/**
 * The cardinality guard: passthrough series grow with every distinct Host
 * header a sidecar sees (istio/istio#35066), so per status only the `topK`
 * hosts by rate are kept; each source's traffic to the other hosts is summed
 * into one flow per status and protocol whose destination has `host: null`
 * and `otherHosts`. It folds accumulators, before any flow is finished, so at
 * 10^5 series only the kept flows and the buckets are ever built and sorted.
 * `skipped` counts samples that were not a usable rate.
 */
export function guardFlows(accs: readonly FlowAcc[], skipped: number, topK: number): GuardResult {
  const { folded, warnings } = foldHosts(accs, topK);
  return { flows: sortFlows(folded.map(flowFromAcc)), warnings: [...skippedWarnings(skipped), ...warnings] };
}

/** The same guard over finished flows (the oracle's, for instance). */
export function limitHosts(flows: readonly EgressFlow[], topK: number): GuardResult {
  const { folded, warnings, changed } = foldHosts(flows.map(accFromFlow), topK);
  return changed ? { flows: sortFlows(folded.map(flowFromAcc)), warnings } : { flows: [...flows], warnings: [] };
}

/** Folds the flows to hosts beyond the top K of their status into their source's "other hosts" buckets. */
function foldHosts(accs: readonly FlowAcc[], topK: number): { folded: FlowAcc[]; warnings: string[]; changed: boolean } {
  const kept = chooseKeptHosts(
    accs.map((a) => ({ status: a.status, hostName: a.host, via: a.via, rate: (a.requests ?? 0) + (a.connections ?? 0) })),
    topK,
  );
  if (kept.keep.size === 0) return { folded: [...accs], warnings: [], changed: false };
  const out: FlowAcc[] = [];
  const buckets = new Map<string, number>();
  const bucketHosts = new BucketHostCounter(kept.hostCount);
  for (let i = 0; i < accs.length; i++) {
    const a = accs[i]!;
    if (!kept.folded[i]) {
      out.push(a);
      continue;
    }
    const key = `${a.source.namespace}\u0000${a.source.workload}\u0000${a.status}\u0000${a.protocol}`;
    let index = buckets.get(key);
    if (index === undefined) {
      index = out.push({ source: a.source, host: null, status: a.status, protocol: a.protocol, ip: false, otherHosts: 0 }) - 1;
      buckets.set(key, index);
    }
    const b = out[index]!;
    if (bucketHosts.add(index, kept.hostIds[i]!)) b.otherHosts! += 1;
    b.requests = addTo(b.requests, a.requests);
    b.connections = addTo(b.connections, a.connections);
    b.bytes = addTo(b.bytes, a.bytes);
    b.responses = mergeCounts(b.responses, a.responses);
    b.flags = mergeCounts(b.flags, a.flags);
  }
  return { folded: out, warnings: kept.warnings, changed: true };
}
