/**
 * The cardinality guard's specification (lib/egress/guard.ts), written
 * plainly over finished flows for the oracle and for tests: it shares no code
 * with the guard under test. Per status with more than `topK` distinct hosts,
 * keep the `topK` hosts whose flows have the highest summed rate (requests
 * plus connections per second; ties: the smaller name first); flows without
 * a host or through a gateway or waypoint are never ranked nor folded. Each
 * source's flows to the other hosts are summed into one flow per source x
 * status x protocol, host null, with the number of distinct hosts in
 * `otherHosts` and the data plane of its first flow.
 */
import type { EgressFlow, EgressStatus } from '../../lib/egress/types';

const STATUSES: readonly EgressStatus[] = ['passthrough', 'blocked', 'registered'];

const rateOf = (f: EgressFlow): number => (f.requestsPerSecond ?? 0) + (f.connectionsPerSecond ?? 0);
const isRanked = (f: EgressFlow): boolean => f.destination.host !== null && f.via === undefined;

function sumRecords(a: Readonly<Record<string, number>> | undefined, b: Readonly<Record<string, number>> | undefined): Record<string, number> | undefined {
  if (!a && !b) return undefined;
  const out: Record<string, number> = { ...a };
  for (const [k, v] of Object.entries(b ?? {})) out[k] = (out[k] ?? 0) + v;
  return out;
}

const sum = (a: number | undefined, b: number | undefined): number | undefined => (a === undefined && b === undefined ? undefined : (a ?? 0) + (b ?? 0));

/** The rate fields of `a` and `b` summed; a field is present when either has it. */
function sumRates(a: EgressFlow, b: EgressFlow): EgressFlow {
  const out: EgressFlow = { source: a.source, destination: a.destination, protocol: a.protocol, dataPlane: a.dataPlane };
  const requestsPerSecond = sum(a.requestsPerSecond, b.requestsPerSecond);
  const responses = sumRecords(a.responses, b.responses);
  const responseFlags = sumRecords(a.responseFlags, b.responseFlags);
  const connectionsPerSecond = sum(a.connectionsPerSecond, b.connectionsPerSecond);
  const bytesPerSecond = sum(a.bytesPerSecond, b.bytesPerSecond);
  return {
    ...out,
    ...(requestsPerSecond !== undefined ? { requestsPerSecond } : {}),
    ...(responses ? { responses } : {}),
    ...(responseFlags ? { responseFlags } : {}),
    ...(connectionsPerSecond !== undefined ? { connectionsPerSecond } : {}),
    ...(bytesPerSecond !== undefined ? { bytesPerSecond } : {}),
  };
}

/** The flows and warnings the guard must give for `flows` (in the order they were first seen) at `topK` hosts per status; not sorted. */
export function expectedGuardedFlows(flows: readonly EgressFlow[], topK: number): { flows: EgressFlow[]; warnings: string[] } {
  const kept = new Map<EgressStatus, Set<string>>();
  const warnings: string[] = [];
  for (const status of STATUSES) {
    const rates = new Map<string, number>();
    for (const f of flows) {
      if (f.destination.status !== status || !isRanked(f)) continue;
      const host = String(f.destination.host);
      rates.set(host, (rates.get(host) ?? 0) + rateOf(f));
    }
    if (rates.size <= topK) continue;
    const best = [...rates].sort(([a, ra], [b, rb]) => rb - ra || (a < b ? -1 : a > b ? 1 : 0)).slice(0, topK);
    kept.set(status, new Set(best.map(([host]) => host)));
    warnings.push(
      `${rates.size} distinct ${status} hosts in this window: showing the top ${topK} by rate; the other ${rates.size - topK} are summed per source as "other hosts".`,
    );
  }
  const out: EgressFlow[] = [];
  const buckets = new Map<string, { flow: EgressFlow; hosts: Set<string> }>();
  for (const f of flows) {
    const keep = kept.get(f.destination.status);
    if (!keep || !isRanked(f) || keep.has(String(f.destination.host))) {
      out.push(f);
      continue;
    }
    const key = JSON.stringify([f.source.cluster ?? null, f.source.namespace, f.source.workload, f.destination.status, f.protocol]);
    const bucket = buckets.get(key);
    const empty: EgressFlow = { source: f.source, destination: { host: null, status: f.destination.status }, protocol: f.protocol, dataPlane: f.dataPlane };
    const next = sumRates(bucket?.flow ?? empty, f);
    const hosts = bucket?.hosts ?? new Set<string>();
    hosts.add(String(f.destination.host));
    buckets.set(key, { flow: next, hosts });
  }
  for (const { flow, hosts } of buckets.values()) out.push({ ...flow, destination: { ...flow.destination, otherHosts: hosts.size } });
  return { flows: out, warnings };
}
