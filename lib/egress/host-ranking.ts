/**
 * The cardinality guard's choice: per status, which hosts to keep (the top K
 * by rate) when there are more than K. Shared by the guard over finished
 * flows (limitHosts) and over the flows summed from samples (guardFlows).
 */
import { EGRESS_STATUSES, type EgressStatus } from './types';

/** Units (flows) by index: no object per unit is needed to rank them. */
export interface RankedUnits {
  readonly length: number;
  status(i: number): EgressStatus;
  host(i: number): string | null;
  /** Gateway hops are never folded. */
  hasVia(i: number): boolean;
  rate(i: number): number;
}

export interface KeptHosts {
  /** Statuses over the limit, with the hosts kept; statuses absent here keep everything. */
  readonly keep: ReadonlyMap<EgressStatus, ReadonlySet<string>>;
  readonly warnings: string[];
  /** Per unit (same index): 1 when it goes into its source's "other hosts" bucket. */
  readonly folded: Uint8Array;
  /** Per unit: a dense id of its status x host (-1 for none), so callers can count hosts without hashing names again. */
  readonly hostIds: Int32Array;
  readonly hostCount: number;
}

/** Sums rates per status and host, and keeps the top `topK` hosts of every status that has more. */
export function chooseKeptHosts(units: RankedUnits, topK: number): KeptHosts {
  // Hosts are dense ids, their names and summed rates in arrays (no object per host).
  const ids = new Map<EgressStatus, Map<string, number>>(EGRESS_STATUSES.map((s) => [s, new Map()]));
  const names: string[] = [];
  const rates: number[] = [];
  const hostIds = new Int32Array(units.length).fill(-1);
  for (let i = 0; i < units.length; i++) {
    const host = units.host(i);
    if (host === null || units.hasVia(i)) continue;
    const m = ids.get(units.status(i))!;
    let id = m.get(host);
    if (id === undefined) {
      id = names.push(host) - 1;
      rates.push(0);
      m.set(host, id);
    }
    rates[id]! += units.rate(i);
    hostIds[i] = id;
  }
  const warnings: string[] = [];
  const keep = new Map<EgressStatus, Set<string>>();
  const keptIds = new Uint8Array(names.length);
  for (const status of EGRESS_STATUSES) {
    const hosts = ids.get(status)!;
    if (hosts.size <= topK) {
      for (const id of hosts.values()) keptIds[id] = 1;
      continue;
    }
    const top = topHosts(hosts.values(), topK, rates, names);
    for (const id of top) keptIds[id] = 1;
    keep.set(status, new Set(top.map((id) => names[id]!)));
    warnings.push(
      `${hosts.size} distinct ${status} hosts in this window: showing the top ${topK} by rate; ` +
        `the other ${hosts.size - topK} are summed per source as "other hosts".`,
    );
  }
  const folded = new Uint8Array(units.length);
  for (let i = 0; i < units.length; i++) if (hostIds[i]! >= 0 && keptIds[hostIds[i]!] === 0) folded[i] = 1;
  return { keep, warnings, folded, hostIds, hostCount: names.length };
}

/** The ids of the `k` hosts with the highest rate (ties: by name), with a k-sized heap instead of sorting them all. */
export function topHosts(ids: Iterable<number>, k: number, rates: readonly number[], names: readonly string[]): number[] {
  const better = (a: number, b: number) => rates[a]! > rates[b]! || (rates[a] === rates[b] && names[a]! < names[b]!);
  // A min-heap of the best k so far: the root is the worst of them.
  const heap: number[] = [];
  const swap = (i: number, j: number) => ([heap[i], heap[j]] = [heap[j]!, heap[i]!]);
  for (const id of ids) {
    if (heap.length < k) {
      heap.push(id);
      for (let i = heap.length - 1, parent = (i - 1) >> 1; i > 0 && better(heap[parent]!, heap[i]!); i = parent, parent = (i - 1) >> 1) swap(i, parent);
    } else if (k > 0 && better(id, heap[0]!)) {
      heap[0] = id;
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
  return heap;
}

/**
 * Counts distinct hosts per "other hosts" bucket: each host remembers the
 * buckets it was counted in (almost always one), so no per-bucket set of
 * host names is needed.
 */
export class BucketHostCounter {
  private readonly seen: (number | number[] | undefined)[];
  constructor(hostCount: number) {
    this.seen = new Array<number | number[] | undefined>(hostCount);
  }
  /** True the first time `hostId` is seen in `bucket`. */
  add(bucket: number, hostId: number): boolean {
    const s = this.seen[hostId];
    if (s === undefined) {
      this.seen[hostId] = bucket;
      return true;
    }
    if (s === bucket) return false;
    if (typeof s === 'number') {
      this.seen[hostId] = [s, bucket];
      return true;
    }
    if (s.includes(bucket)) return false;
    s.push(bucket);
    return true;
  }
}
