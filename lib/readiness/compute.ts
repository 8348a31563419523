/**
 * REGISTRY_ONLY readiness from classified egress flows (issue 5): under
 * REGISTRY_ONLY every PassthroughCluster flow becomes BlackHoleCluster traffic
 * (facts §2, §4), so what is not registered today is what would break.
 */
import type { EgressReport } from '../egress/report';
import { flowRate } from '../egress/flows';
import type { EgressFlow, EgressStatus } from '../egress/types';
import type { HostToRegister, NamespaceReadiness, ReadinessReport, StatusRates } from './types';

type Rates = Record<EgressStatus, number>;

interface HostAccumulator {
  readonly callers: Set<string>;
  readonly protocols: Set<string>;
  rate: number;
}

interface Accumulator {
  readonly requests: Rates;
  readonly connections: Rates;
  readonly hosts: Map<string, HostAccumulator>;
  readonly unattributedCallers: Set<string>;
  unattributed: number;
  viaGateway: number;
  /** "Other hosts" buckets of the cardinality guard among the passthrough flows. */
  otherHosts: number;
  otherBuckets: number;
}

function newAccumulator(): Accumulator {
  return {
    requests: { registered: 0, passthrough: 0, blocked: 0 },
    connections: { registered: 0, passthrough: 0, blocked: 0 },
    hosts: new Map(),
    unattributedCallers: new Set(),
    unattributed: 0,
    viaGateway: 0,
    otherHosts: 0,
    otherBuckets: 0,
  };
}

function callerOf(f: EgressFlow): string {
  return `${f.source.namespace}/${f.source.workload}`;
}

function addFlow(acc: Accumulator, f: EgressFlow): void {
  const { status, host, otherHosts } = f.destination;
  acc.requests[status] += f.requestsPerSecond ?? 0;
  acc.connections[status] += f.connectionsPerSecond ?? 0;
  const rate = flowRate(f);
  if (f.via) {
    acc.viaGateway += rate;
    return;
  }
  if (status !== 'passthrough') return;
  if (otherHosts !== undefined) {
    acc.otherHosts += otherHosts;
    acc.otherBuckets++;
  } else if (host === null) {
    acc.unattributed += rate;
    acc.unattributedCallers.add(callerOf(f));
  } else {
    let h = acc.hosts.get(host);
    if (!h) {
      h = { callers: new Set(), protocols: new Set(), rate: 0 };
      acc.hosts.set(host, h);
    }
    h.callers.add(callerOf(f));
    h.protocols.add(f.protocol);
    h.rate += rate;
  }
}

const byName = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function toRegister(hosts: ReadonlyMap<string, HostAccumulator>): HostToRegister[] {
  return [...hosts]
    .map(([host, h]) => ({ host, callers: [...h.callers].sort(byName), ratePerSecond: h.rate, protocols: [...h.protocols].sort(byName) }))
    .sort((a, b) => b.ratePerSecond - a.ratePerSecond || byName(a.host, b.host));
}

function finish(acc: Accumulator): Omit<NamespaceReadiness, 'namespace'> {
  const registered = acc.requests.registered + acc.connections.registered;
  const egress = registered + acc.requests.passthrough + acc.connections.passthrough;
  const rates = (r: Rates): StatusRates => ({ registered: r.registered, passthrough: r.passthrough, blocked: r.blocked });
  return {
    requests: rates(acc.requests),
    connections: rates(acc.connections),
    readiness: egress > 0 ? registered / egress : null,
    toRegister: toRegister(acc.hosts),
    unattributed:
      acc.unattributedCallers.size > 0
        ? { connectionsPerSecond: acc.unattributed, share: egress > 0 ? acc.unattributed / egress : 0, callers: [...acc.unattributedCallers].sort(byName) }
        : null,
    viaGateway: acc.viaGateway,
  };
}

function otherHostsWarning(namespace: string, acc: Accumulator): string | null {
  if (acc.otherBuckets === 0) return null;
  const n = `${acc.otherBuckets > 1 ? 'up to ' : ''}${acc.otherHosts}`;
  return (
    `${namespace}: ${n} hosts not listed: passthrough hosts beyond the cardinality guard (EGRESS_TOP_HOSTS) are summed as "other hosts"; ` +
    'they count in the totals but are missing from the hosts to register (raise EGRESS_TOP_HOSTS or shorten the window to list them).'
  );
}

/**
 * REGISTRY_ONLY readiness per source namespace and for the mesh. A namespace
 * is the flow's source namespace, so an egress gateway's second hop counts for
 * the gateway's namespace and its first hop (`via`) for the caller's, as
 * registered and in `viaGateway`. The mesh counts each request once: the
 * registered second hops of gateways seen as `via` repeat their first hops and
 * are left out of its totals. Flows summed as "other hosts" count in the totals
 * and are reported in the warnings.
 */
export function computeReadiness(report: Pick<EgressReport, 'end' | 'window' | 'flows' | 'warnings'>): ReadinessReport {
  const gateways = new Set(report.flows.flatMap((f) => (f.via ? [`${f.via.namespace}/${f.via.workload}`] : [])));
  const perNamespace = new Map<string, Accumulator>();
  const mesh = newAccumulator();
  for (const f of report.flows) {
    let acc = perNamespace.get(f.source.namespace);
    if (!acc) {
      acc = newAccumulator();
      perNamespace.set(f.source.namespace, acc);
    }
    addFlow(acc, f);
    const repeatsFirstHop = !f.via && f.destination.status === 'registered' && gateways.has(callerOf(f));
    if (!repeatsFirstHop) addFlow(mesh, f);
  }
  const names = [...perNamespace.keys()].sort(byName);
  const warnings = [...report.warnings];
  for (const ns of names) {
    const w = otherHostsWarning(ns, perNamespace.get(ns) ?? newAccumulator());
    if (w) warnings.push(w);
  }
  return {
    end: report.end,
    window: report.window,
    namespaces: names.map((namespace) => ({ namespace, ...finish(perNamespace.get(namespace) ?? newAccumulator()) })),
    mesh: finish(mesh),
    warnings,
  };
}
