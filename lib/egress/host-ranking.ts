/**
 * The cardinality guard's choice: per status, which hosts to keep (the top K
 * by rate) when there are more than K.
 */
import { EGRESS_STATUSES, type EgressStatus, type WorkloadRef } from './types';

/** What ranking reads of a flow. */
export interface RankedFlow {
  readonly host: string | null;
  readonly status: EgressStatus;
  readonly via: WorkloadRef | undefined;
  readonly requests: number | undefined;
  readonly connections: number | undefined;
}

export interface KeptHosts {
  /** Statuses over the limit, with the hosts kept; statuses absent here keep every host. */
  readonly kept: ReadonlyMap<EgressStatus, ReadonlySet<string>>;
  readonly warnings: string[];
}

/** Whether a flow takes part in the ranking: it has a host and goes through no gateway or waypoint (those are never folded). */
export const isRanked = (f: Pick<RankedFlow, 'host' | 'via'>): boolean => f.host !== null && f.via === undefined;

/** A flow's rate for ranking: requests plus connections per second (flowRate of the finished flow). */
const rateOf = (f: RankedFlow): number => (f.requests ?? 0) + (f.connections ?? 0);

/** Sums rates per status and host, and keeps the top `topK` hosts of every status that has more. */
export function chooseKeptHosts(flows: readonly RankedFlow[], topK: number): KeptHosts {
  const rates = new Map<EgressStatus, Map<string, number>>(EGRESS_STATUSES.map((s) => [s, new Map()]));
  for (const f of flows) {
    const byHost = rates.get(f.status);
    if (!byHost || f.host === null || !isRanked(f)) continue;
    byHost.set(f.host, (byHost.get(f.host) ?? 0) + rateOf(f));
  }
  const kept = new Map<EgressStatus, Set<string>>();
  const warnings: string[] = [];
  for (const [status, byHost] of rates) {
    if (byHost.size <= topK) continue;
    kept.set(status, new Set(topHosts(byHost, topK)));
    warnings.push(
      `${byHost.size} distinct ${status} hosts in this window: showing the top ${topK} by rate; ` +
        `the other ${byHost.size - topK} are summed per source as "other hosts".`,
    );
  }
  return { kept, warnings };
}

interface HostRate {
  readonly host: string;
  readonly rate: number;
}

const better = (a: HostRate, b: HostRate): boolean => a.rate > b.rate || (a.rate === b.rate && a.host < b.host);

/** The `k` hosts with the highest rate (ties: the smaller name first), with a k-sized heap instead of sorting them all. */
export function topHosts(rates: ReadonlyMap<string, number>, k: number): string[] {
  // A min-heap of the best k so far: heap[0] is the worst of them.
  const heap: HostRate[] = [];
  const swap = (i: number, j: number) => {
    const t = heap[i];
    heap[i] = heap[j] as HostRate;
    heap[j] = t as HostRate;
  };
  const worse = (i: number, j: number): boolean => better(heap[j] as HostRate, heap[i] as HostRate);
  for (const [host, rate] of rates) {
    if (heap.length < k) {
      heap.push({ host, rate });
      for (let i = heap.length - 1; i > 0 && worse(i, (i - 1) >> 1); i = (i - 1) >> 1) swap(i, (i - 1) >> 1);
      continue;
    }
    const root = heap[0];
    if (root === undefined || !(rate > root.rate || (rate === root.rate && host < root.host))) continue;
    heap[0] = { host, rate };
    for (let i = 0; ; ) {
      const l = 2 * i + 1;
      let worst = i;
      if (l < heap.length && worse(l, worst)) worst = l;
      if (l + 1 < heap.length && worse(l + 1, worst)) worst = l + 1;
      if (worst === i) break;
      swap(i, worst);
      i = worst;
    }
  }
  return heap.map((h) => h.host);
}
