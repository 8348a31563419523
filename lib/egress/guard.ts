import { compareFlows, flowRate } from './flows';
import { EGRESS_STATUSES, type EgressFlow, type EgressStatus } from './types';

export interface GuardResult {
  readonly flows: EgressFlow[];
  readonly warnings: string[];
}

const sum = (a: number | undefined, b: number | undefined) => (a === undefined && b === undefined ? undefined : (a ?? 0) + (b ?? 0));

function mergeRecords(a: Readonly<Record<string, number>> | undefined, b: Readonly<Record<string, number>> | undefined) {
  if (!a && !b) return undefined;
  const out: Record<string, number> = { ...a };
  for (const [k, v] of Object.entries(b ?? {})) out[k] = (out[k] ?? 0) + v;
  return out;
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
  const others = new Map<string, { flow: EgressFlow; hosts: Set<string> }>();
  for (const f of flows) {
    const kept = keep.get(f.destination.status);
    const host = f.destination.host;
    if (!kept || host === null || f.via || kept.has(host)) {
      out.push(f);
      continue;
    }
    const key = JSON.stringify([f.source.namespace, f.source.workload, f.destination.status, f.protocol]);
    const prev = others.get(key);
    if (!prev) {
      others.set(key, {
        flow: { ...f, destination: { host: null, status: f.destination.status, otherHosts: 1 } },
        hosts: new Set([host]),
      });
      continue;
    }
    prev.hosts.add(host);
    const p = prev.flow;
    prev.flow = {
      ...p,
      destination: { ...p.destination, otherHosts: prev.hosts.size },
      requestsPerSecond: sum(p.requestsPerSecond, f.requestsPerSecond),
      responses: mergeRecords(p.responses, f.responses),
      responseFlags: mergeRecords(p.responseFlags, f.responseFlags),
      connectionsPerSecond: sum(p.connectionsPerSecond, f.connectionsPerSecond),
      bytesPerSecond: sum(p.bytesPerSecond, f.bytesPerSecond),
    };
  }
  for (const { flow } of others.values()) out.push(dropUndefined(flow));
  return { flows: out.sort(compareFlows), warnings };
}

function dropUndefined(f: EgressFlow): EgressFlow {
  return Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined)) as unknown as EgressFlow;
}
