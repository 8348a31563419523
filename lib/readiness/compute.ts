/**
 * REGISTRY_ONLY readiness from classified egress flows (issue 5): under
 * REGISTRY_ONLY every PassthroughCluster flow becomes BlackHoleCluster traffic
 * (facts §2, §4), so what is not registered today is what would break.
 */
import type { EgressReport } from '../egress/report';
import { flowRate } from '../egress/flow-math';
import { UNKNOWN } from '../egress/rules';
import { DATA_PLANES, isFirstHop, type DataPlane, type EgressFlow, type EgressStatus, type WorkloadRef } from '../egress/types';
import type { InMeshCall } from './in-mesh';
import type { BlockedHost, HostToRegister, InMeshCalls, NamespaceReadiness, ReadinessReport, StatusRates, StillBlocked } from './types';

type Rates = Record<EgressStatus, number>;

interface HostAccumulator {
  readonly callers: Set<string>;
  readonly protocols: Set<string>;
  rate: number;
}

interface BlockedAccumulator {
  readonly hosts: Map<string, { readonly callers: Set<string>; rate: number }>;
  unnamed: number;
  hostsNotListed: number;
}

interface InMeshAccumulator {
  readonly destinations: Map<string, { readonly services: Set<string>; rate: number }>;
  readonly podIpCallers: Set<string>;
  readonly podIpDestinations: Set<string>;
  podIp: number;
}

interface Accumulator {
  readonly requests: Rates;
  readonly connections: Rates;
  readonly hosts: Map<string, HostAccumulator>;
  /** Hosts reached through a ServiceEntry today. */
  readonly registered: Set<string>;
  readonly blocked: BlockedAccumulator;
  readonly inMesh: InMeshAccumulator;
  readonly unattributedCallers: Set<string>;
  readonly dataPlanes: Set<DataPlane>;
  unattributed: number;
  viaGateway: number;
  ambientEgress: number;
  ambientPassthrough: number;
  /** "Other hosts" buckets of the cardinality guard among the passthrough flows. */
  otherHosts: number;
  otherBuckets: number;
}

function newAccumulator(): Accumulator {
  return {
    requests: { registered: 0, passthrough: 0, blocked: 0 },
    connections: { registered: 0, passthrough: 0, blocked: 0 },
    hosts: new Map(),
    registered: new Set(),
    blocked: { hosts: new Map(), unnamed: 0, hostsNotListed: 0 },
    inMesh: { destinations: new Map(), podIpCallers: new Set(), podIpDestinations: new Set(), podIp: 0 },
    unattributedCallers: new Set(),
    dataPlanes: new Set(),
    unattributed: 0,
    viaGateway: 0,
    ambientEgress: 0,
    ambientPassthrough: 0,
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
  acc.dataPlanes.add(f.dataPlane);
  if (isFirstHop(f)) {
    // ztunnel's hop to an egress waypoint repeats the waypoint's own flow (same source): count that one.
    if (f.dataPlane === 'ambient') return;
    acc.viaGateway += rate;
    return;
  }
  if (f.dataPlane === 'ambient' && status !== 'blocked') {
    acc.ambientEgress += rate;
    if (status === 'passthrough') acc.ambientPassthrough += rate;
  }
  if (status === 'blocked') addBlocked(acc.blocked, f, rate);
  if (status === 'registered' && host !== null && otherHosts === undefined) acc.registered.add(host);
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

function addBlocked(acc: BlockedAccumulator, f: EgressFlow, rate: number): void {
  const { host, otherHosts } = f.destination;
  if (otherHosts !== undefined) {
    acc.hostsNotListed += otherHosts;
  } else if (host === null) {
    acc.unnamed += rate;
  } else {
    const h = acc.hosts.get(host) ?? { callers: new Set<string>(), rate: 0 };
    acc.hosts.set(host, h);
    h.callers.add(callerOf(f));
    h.rate += rate;
  }
}

function addInMesh(acc: InMeshAccumulator, c: InMeshCall): void {
  if (c.kind === 'pod-ip') {
    acc.podIp += c.ratePerSecond;
    acc.podIpCallers.add(`${c.source.namespace}/${c.source.workload}`);
    acc.podIpDestinations.add(`${c.namespace}/${c.workload}`);
    return;
  }
  const d = acc.destinations.get(c.namespace) ?? { services: new Set<string>(), rate: 0 };
  acc.destinations.set(c.namespace, d);
  d.services.add(c.service);
  d.rate += c.ratePerSecond;
}

const byName = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function toRegister(hosts: ReadonlyMap<string, HostAccumulator>): HostToRegister[] {
  return [...hosts]
    .map(([host, h]) => ({ host, callers: [...h.callers].sort(byName), ratePerSecond: h.rate, protocols: [...h.protocols].sort(byName) }))
    .sort((a, b) => b.ratePerSecond - a.ratePerSecond || byName(a.host, b.host));
}

function stillBlocked(acc: Accumulator): StillBlocked {
  const hosts: BlockedHost[] = [...acc.blocked.hosts]
    .map(([host, h]) => ({ host, callers: [...h.callers].sort(byName), ratePerSecond: h.rate }))
    .sort((a, b) => b.ratePerSecond - a.ratePerSecond || byName(a.host, b.host));
  return { ratePerSecond: acc.requests.blocked + acc.connections.blocked, hosts, unnamedPerSecond: acc.blocked.unnamed, hostsNotListed: acc.blocked.hostsNotListed };
}

function inMesh(acc: InMeshAccumulator): InMeshCalls {
  const destinations = [...acc.destinations]
    .map(([namespace, d]) => ({ namespace, services: [...d.services].sort(byName), ratePerSecond: d.rate }))
    .sort((a, b) => b.ratePerSecond - a.ratePerSecond || byName(a.namespace, b.namespace));
  const podIp = acc.podIpCallers.size > 0 ? { ratePerSecond: acc.podIp, callers: [...acc.podIpCallers].sort(byName), destinations: [...acc.podIpDestinations].sort(byName) } : null;
  return { destinations, podIp };
}

function finish(acc: Accumulator): Omit<NamespaceReadiness, 'namespace' | 'cluster'> {
  const registered = acc.requests.registered + acc.connections.registered;
  const egress = registered + acc.requests.passthrough + acc.connections.passthrough;
  const rates = (r: Rates): StatusRates => ({ registered: r.registered, passthrough: r.passthrough, blocked: r.blocked });
  return {
    requests: rates(acc.requests),
    connections: rates(acc.connections),
    readiness: egress > 0 ? registered / egress : null,
    dataPlanes: DATA_PLANES.filter((d) => acc.dataPlanes.has(d)),
    ambient: acc.dataPlanes.has('ambient') ? { egressPerSecond: acc.ambientEgress, passthroughPerSecond: acc.ambientPassthrough } : null,
    toRegister: toRegister(acc.hosts),
    registeredHosts: [...acc.registered].sort(byName),
    unattributed:
      acc.unattributedCallers.size > 0
        ? { connectionsPerSecond: acc.unattributed, share: egress > 0 ? acc.unattributed / egress : 0, callers: [...acc.unattributedCallers].sort(byName) }
        : null,
    viaGateway: acc.viaGateway,
    stillBlocked: stillBlocked(acc),
    inMesh: inMesh(acc.inMesh),
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
 * and are reported in the warnings. `inMeshCalls` (getInMeshCalls) add what
 * each namespace calls inside the mesh; a namespace with only those is listed
 * too. Namespaces are label values, so they are keys of Maps only. When the
 * flows come from several clusters (`source_cluster`), each cluster's
 * namespace is an entry of its own, with its cluster; with one cluster (or
 * none) entries carry no cluster. Each entry says which data planes reported
 * its egress (sidecar, ambient).
 */
export function computeReadiness(report: Pick<EgressReport, 'end' | 'window' | 'flows' | 'warnings'>, inMeshCalls: readonly InMeshCall[] = []): ReadinessReport {
  const gateways = new Set(report.flows.flatMap((f) => (f.via && isFirstHop(f) ? [`${f.via.namespace}/${f.via.workload}`] : [])));
  const clusters = [...new Set([...report.flows, ...inMeshCalls].flatMap((x) => (x.source.cluster !== undefined ? [x.source.cluster] : [])))].sort(byName);
  // One entry per namespace; per cluster and namespace when the flows come from several clusters (facts §9).
  const perCluster = clusters.length > 1;
  const perNamespace = new Map<string, { readonly namespace: string; readonly cluster?: string; readonly acc: Accumulator }>();
  const accumulatorOf = (source: WorkloadRef): Accumulator => {
    const cluster = perCluster ? (source.cluster ?? UNKNOWN) : undefined;
    // Label values: a JSON key cannot be forged by a namespace or cluster holding a separator.
    const key = JSON.stringify([source.namespace, cluster ?? null]);
    let entry = perNamespace.get(key);
    if (!entry) {
      entry = { namespace: source.namespace, ...(cluster !== undefined ? { cluster } : {}), acc: newAccumulator() };
      perNamespace.set(key, entry);
    }
    return entry.acc;
  };
  const mesh = newAccumulator();
  for (const f of report.flows) {
    addFlow(accumulatorOf(f.source), f);
    const repeatsFirstHop = !isFirstHop(f) && f.destination.status === 'registered' && gateways.has(callerOf(f));
    if (!repeatsFirstHop) addFlow(mesh, f);
  }
  for (const c of inMeshCalls) {
    addInMesh(accumulatorOf(c.source).inMesh, c);
    addInMesh(mesh.inMesh, c);
  }
  const entries = [...perNamespace.values()].sort((a, b) => byName(a.namespace, b.namespace) || byName(a.cluster ?? '', b.cluster ?? ''));
  const warnings = [...report.warnings];
  for (const e of entries) {
    const w = otherHostsWarning(e.cluster !== undefined ? `${e.namespace} (cluster ${e.cluster})` : e.namespace, e.acc);
    if (w) warnings.push(w);
  }
  return {
    end: report.end,
    window: report.window,
    namespaces: entries.map((e) => ({ namespace: e.namespace, ...(e.cluster !== undefined ? { cluster: e.cluster } : {}), ...finish(e.acc) })),
    clusters,
    mesh: finish(mesh),
    warnings,
  };
}
