import { flowRate, ratesOf, sortFlows, toRecord } from './flows';
import { EGRESS_STATUSES, type EgressFlow, type EgressStatus } from './types';

export interface GuardResult {
  readonly flows: EgressFlow[];
  readonly warnings: string[];
}

/**
 * Cardinality guard. Passthrough series grow with every distinct Host header a
 * sidecar sees (istio/istio#35066), so per status only the `topK` hosts by rate
 * are kept; each source's flows to the other hosts are summed into one flow
 * per status and protocol whose destination has `host: null` and `otherHosts`.
 */
export function limitHosts(flows: readonly EgressFlow[], topK: number): GuardResult {
  const warnings: string[] = [];
  const keep = new Map<EgressStatus, Set<string>>();

  for (const status of EGRESS_STATUSES) {
    const rateByHost = new Map<string, number>();
    for (const f of flows) {
      if (f.destination.status !== status || f.destination.host === null || f.via) continue;
      rateByHost.set(f.destination.host, (rateByHost.get(f.destination.host) ?? 0) + flowRate(f));
    }
    if (rateByHost.size <= topK) continue;
    const ranked = [...rateByHost.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    keep.set(status, new Set(ranked.slice(0, topK).map(([h]) => h)));
    warnings.push(
      `${rateByHost.size} distinct ${status} hosts in this window: showing the top ${topK} by rate; ` +
        `the other ${rateByHost.size - topK} are summed per source as "other hosts".`,
    );
  }
  if (keep.size === 0) return { flows: [...flows], warnings };

  const out: EgressFlow[] = [];
  const others = new Map<string, OtherBucket>();
  for (const f of flows) {
    const kept = keep.get(f.destination.status);
    const host = f.destination.host;
    if (!kept || host === null || f.via || kept.has(host)) {
      out.push(f);
      continue;
    }
    const key = [f.source.namespace, f.source.workload, f.destination.status, f.protocol].join('\u0000');
    let bucket = others.get(key);
    if (!bucket) {
      bucket = { first: f, hosts: new Set(), responses: new Map(), flags: new Map() };
      others.set(key, bucket);
    }
    bucket.hosts.add(host);
    bucket.requests = add(bucket.requests, f.requestsPerSecond);
    bucket.connections = add(bucket.connections, f.connectionsPerSecond);
    bucket.bytes = add(bucket.bytes, f.bytesPerSecond);
    addAll(bucket.responses, f.responses);
    addAll(bucket.flags, f.responseFlags);
  }
  for (const b of others.values()) out.push(toOtherFlow(b));
  return { flows: sortFlows(out), warnings };
}

/** Flows of one source, status and protocol to hosts beyond the top K. */
interface OtherBucket {
  readonly first: EgressFlow;
  readonly hosts: Set<string>;
  requests?: number;
  connections?: number;
  bytes?: number;
  readonly responses: Map<string, number>;
  readonly flags: Map<string, number>;
}

function add(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined && b === undefined ? undefined : (a ?? 0) + (b ?? 0);
}

function addAll(into: Map<string, number>, from: Readonly<Record<string, number>> | undefined): void {
  for (const [k, v] of Object.entries(from ?? {})) into.set(k, (into.get(k) ?? 0) + v);
}

function toOtherFlow(b: OtherBucket): EgressFlow {
  return {
    source: b.first.source,
    destination: { host: null, status: b.first.destination.status, otherHosts: b.hosts.size },
    protocol: b.first.protocol,
    ...ratesOf({
      requestsPerSecond: b.requests,
      responses: b.responses.size > 0 ? toRecord(b.responses) : undefined,
      responseFlags: b.flags.size > 0 ? toRecord(b.flags) : undefined,
      connectionsPerSecond: b.connections,
      bytesPerSecond: b.bytes,
    }),
  };
}
