import { accFromFlow, flowListOf, flowsFromAccs, PROTOCOL_CODES, skippedWarnings, sortFlows, type FlowAcc, type FlowList } from './flows';
import { EGRESS_STATUSES, type EgressFlow } from './types';
import { BucketHostCounter, chooseKeptHosts } from './host-ranking';

export interface GuardResult {
  readonly flows: EgressFlow[];
  readonly warnings: string[];
}

/**
 * The cardinality guard: passthrough series grow with every distinct Host
 * header a sidecar sees (istio/istio#35066), so per status only the `topK`
 * hosts by rate are kept; each source's traffic to the other hosts is summed
 * into one flow per status and protocol whose destination has `host: null`
 * and `otherHosts`. It folds the summed rows (a FlowAccumulator's columns),
 * before any flow is finished, so at 10^5 series only the kept flows and the
 * buckets are ever built as objects and sorted.
 * `skipped` counts samples that were not a usable rate.
 */
export function guardFlows(rows: FlowList, skipped: number, topK: number): GuardResult {
  const { folded, warnings } = foldHosts(rows, topK);
  return { flows: sortFlows(flowsFromAccs(folded)), warnings: [...skippedWarnings(skipped), ...warnings] };
}

/** The same guard over finished flows (the oracle's, for instance). */
export function limitHosts(flows: readonly EgressFlow[], topK: number): GuardResult {
  const { folded, warnings, changed } = foldHosts(flowListOf(flows.map(accFromFlow)), topK);
  return changed ? { flows: sortFlows(flowsFromAccs(folded)), warnings } : { flows: [...flows], warnings: [] };
}

/** Folds the flows to hosts beyond the top K of their status into their source's "other hosts" buckets. */
function foldHosts(rows: FlowList, topK: number): { folded: FlowAcc[]; warnings: string[]; changed: boolean } {
  const kept = chooseKeptHosts(rows, topK);
  const out: FlowAcc[] = [];
  if (kept.keep.size === 0) {
    for (let i = 0; i < rows.length; i++) out.push(rows.acc(i));
    return { folded: out, warnings: [], changed: false };
  }
  // One bucket per source x status x protocol, found by number: its place in `out`, or -1.
  const slots = EGRESS_STATUSES.length * PROTOCOL_CODES.length;
  const buckets = new Int32Array(rows.sourceCount * slots).fill(-1);
  const bucketHosts = new BucketHostCounter(kept.hostCount);
  for (let i = 0; i < rows.length; i++) {
    if (!kept.folded[i]) {
      out.push(rows.acc(i));
      continue;
    }
    const status = rows.status(i);
    const protocol = rows.protocol(i);
    const slot = rows.sourceIndex(i) * slots + EGRESS_STATUSES.indexOf(status) * PROTOCOL_CODES.length + PROTOCOL_CODES.indexOf(protocol);
    let index = buckets[slot]!;
    if (index < 0) {
      index = out.push({ source: rows.source(i), host: null, status, protocol, dataPlane: rows.dataPlane(i), ip: false, otherHosts: 0 }) - 1;
      buckets[slot] = index;
    }
    const b = out[index]!;
    if (bucketHosts.add(index, kept.hostIds[i]!)) b.otherHosts! += 1;
    rows.sumInto(b, i);
  }
  return { folded: out, warnings: kept.warnings, changed: true };
}
