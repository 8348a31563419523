/**
 * The cardinality guard's choice: per status, which hosts to keep (the top K
 * by rate) when there are more than K. Shared by the guard over finished
 * flows (limitHosts) and the one applied while samples are accumulated.
 */
import { EGRESS_STATUSES, type EgressStatus } from './types';

export interface RankedUnit {
  readonly status: EgressStatus;
  readonly hostName: string | null;
  /** Gateway hops are never folded. */
  readonly via?: unknown;
  readonly rate: number;
}

export interface KeptHosts {
  /** Statuses over the limit, with the hosts kept; statuses absent here keep everything. */
  readonly keep: ReadonlyMap<EgressStatus, ReadonlySet<string>>;
  readonly warnings: string[];
}

/** Sums rates per status and host, and keeps the top `topK` hosts of every status that has more. */
export function chooseKeptHosts(units: Iterable<RankedUnit>, topK: number): KeptHosts {
  const rateByHost = new Map<EgressStatus, Map<string, number>>(EGRESS_STATUSES.map((s) => [s, new Map()]));
  for (const u of units) {
    if (u.hostName === null || u.via) continue;
    const m = rateByHost.get(u.status)!;
    m.set(u.hostName, (m.get(u.hostName) ?? 0) + u.rate);
  }
  const warnings: string[] = [];
  const keep = new Map<EgressStatus, Set<string>>();
  for (const status of EGRESS_STATUSES) {
    const rates = rateByHost.get(status)!;
    if (rates.size <= topK) continue;
    keep.set(status, topHosts(rates, topK));
    warnings.push(
      `${rates.size} distinct ${status} hosts in this window: showing the top ${topK} by rate; ` +
        `the other ${rates.size - topK} are summed per source as "other hosts".`,
    );
  }
  return { keep, warnings };
}

/** Whether a flow to `host` goes into its source's "other hosts" bucket. */
export function isFolded(kept: KeptHosts, status: EgressStatus, host: string | null, via: unknown): host is string {
  if (host === null || via) return false;
  const hosts = kept.keep.get(status);
  return hosts !== undefined && !hosts.has(host);
}

type Entry = readonly [string, number];
const better = (a: Entry, b: Entry) => a[1] > b[1] || (a[1] === b[1] && a[0] < b[0]);

/** The `k` hosts with the highest rate (ties: by name), with a k-sized heap instead of sorting them all. */
export function topHosts(rates: ReadonlyMap<string, number>, k: number): Set<string> {
  // A min-heap of the best k so far: the root is the worst of them.
  const heap: Entry[] = [];
  const swap = (i: number, j: number) => ([heap[i], heap[j]] = [heap[j]!, heap[i]!]);
  for (const entry of rates) {
    if (heap.length < k) {
      heap.push(entry);
      for (let i = heap.length - 1, parent = (i - 1) >> 1; i > 0 && better(heap[parent]!, heap[i]!); i = parent, parent = (i - 1) >> 1) swap(i, parent);
    } else if (better(entry, heap[0]!)) {
      heap[0] = entry;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        let worst = i;
        if (l < heap.length && better(heap[worst]!, heap[l]!)) worst = l;
        if (l + 1 < heap.length && better(heap[worst]!, heap[l + 1]!)) worst = l + 1;
        if (worst === i) break;
        swap(i, worst);
        i = worst;
      }
    }
  }
  return new Set(heap.map(([h]) => h));
}
