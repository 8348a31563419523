/** The oracle: the EgressFlow[] the API must return for the demo mesh, from each traffic's declared classification. */
import { createHash } from 'node:crypto';
import type { DataPlane, EgressDestination, EgressFlow, EgressProtocol, WorkloadRef } from '../../lib/egress/types';
import { METRIC, METRIC_NAMES } from './labels';
import { trafficSeries } from './mesh';
import { clusterOf } from './labels';
import type { DemoMesh, DemoTraffic } from './types';

export interface FlowQuery {
  /** Unix seconds. */
  readonly end: number;
  /** Seconds; rates are averages over [end - window, end]. */
  readonly window: number;
}

interface Accumulator {
  readonly source: WorkloadRef;
  readonly dataPlane: DataPlane;
  readonly via: WorkloadRef | undefined;
  readonly protocol: EgressProtocol;
  readonly destination: Omit<EgressDestination, 'ports'>;
  readonly ports: Set<number>;
  requests: number;
  readonly responses: Map<string, number>;
  readonly requestFlags: Map<string, number>;
  opened: number;
  closed: number;
  readonly openedFlags: Map<string, number>;
  readonly closedFlags: Map<string, number>;
  bytes: number;
  hasBytes: boolean;
}

/** A host's id as the API must give it (h_ and 22 base64url characters of its SHA-256), from Node's own SHA-256. */
export function expectedHostId(host: string): string {
  return `h_${createHash('sha256').update(host, 'utf8').digest('base64url').slice(0, 22)}`;
}

function add(map: Map<string, number>, key: string, value: number): void {
  map.set(key, (map.get(key) ?? 0) + value);
}

/** The source as the API names it: the same namespace/workload in two clusters are two sources (source_cluster). */
function sourceRef(traffic: DemoTraffic): WorkloadRef {
  return { namespace: traffic.source.namespace, workload: traffic.source.name, cluster: clusterOf(traffic.source) };
}

function flowKey(source: WorkloadRef, protocol: EgressProtocol, traffic: DemoTraffic): string {
  const e = traffic.expect;
  const via = e?.via ? `${e.via.namespace}/${e.via.workload}` : '';
  return JSON.stringify([source.cluster, source.namespace, source.workload, e?.host ?? null, e?.status, protocol, via, e?.dataPlane ?? 'sidecar']);
}

function newAccumulator(traffic: DemoTraffic): Accumulator {
  const e = traffic.expect;
  if (!e) throw new Error(`traffic ${traffic.id} is not egress`);
  const destination: Omit<EgressDestination, 'ports'> = {
    host: e.host,
    ...(e.host !== null ? { hostId: expectedHostId(e.host) } : {}),
    status: e.status,
    ...(e.serviceEntryNamespace !== undefined ? { serviceEntryNamespace: e.serviceEntryNamespace } : {}),
    ...(e.ip ? { ip: true } : {}),
  };
  return {
    source: sourceRef(traffic),
    dataPlane: e.dataPlane ?? 'sidecar',
    via: e.via,
    protocol: traffic.protocol,
    destination,
    ports: new Set(),
    requests: 0,
    responses: new Map(),
    requestFlags: new Map(),
    opened: 0,
    closed: 0,
    openedFlags: new Map(),
    closedFlags: new Map(),
    bytes: 0,
    hasBytes: false,
  };
}

/** Add one traffic's series rates over the window (pods and response codes summed; resets do not lose counts). */
function accumulate(acc: Accumulator, mesh: DemoMesh, traffic: DemoTraffic, q: FlowQuery): void {
  const start = q.end - q.window;
  let contributed = 0;
  for (const metric of METRIC_NAMES) {
    for (const series of trafficSeries(mesh, traffic, metric)) {
      // The client's view: its sidecar or ztunnel, or the egress waypoint it went through.
      if (series.labels.reporter !== 'source' && series.labels.reporter !== 'waypoint') continue;
      const rate = series.increase(start, q.end) / q.window;
      const flag = series.labels.response_flags ?? '-';
      contributed += rate;
      switch (metric) {
        case METRIC.requests:
          acc.requests += rate;
          add(acc.responses, series.labels.response_code ?? '', rate);
          if (flag !== '-') add(acc.requestFlags, flag, rate);
          break;
        case METRIC.tcpOpened:
          acc.opened += rate;
          if (flag !== '-') add(acc.openedFlags, flag, rate);
          break;
        case METRIC.tcpClosed:
          acc.closed += rate;
          if (flag !== '-') add(acc.closedFlags, flag, rate);
          break;
        case METRIC.tcpSent:
        case METRIC.tcpReceived:
          acc.bytes += rate;
          acc.hasBytes = true;
          break;
      }
    }
  }
  // A port seen only outside the window is not part of the flow.
  if (contributed > 0 && traffic.expect?.port !== undefined) acc.ports.add(traffic.expect.port);
}

function nonZero(map: Map<string, number>): Record<string, number> | undefined {
  const entries = [...map].filter(([, v]) => v > 0).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}

function toFlow(acc: Accumulator): EgressFlow | undefined {
  const ports = [...acc.ports].sort((a, b) => a - b);
  const destination: EgressDestination = { ...acc.destination, ...(ports.length > 0 ? { ports } : {}) };
  const base = { source: acc.source, destination, ...(acc.via ? { via: acc.via } : {}), protocol: acc.protocol, dataPlane: acc.dataPlane };
  if (acc.protocol !== 'tcp') {
    if (!(acc.requests > 0)) return undefined;
    const responseFlags = nonZero(acc.requestFlags);
    return { ...base, requestsPerSecond: acc.requests, responses: nonZero(acc.responses) ?? {}, ...(responseFlags ? { responseFlags } : {}) };
  }
  // Blocked TCP has no opened series: count the closed connections instead.
  const useOpened = acc.opened > 0;
  const connections = useOpened ? acc.opened : acc.closed;
  if (!(connections > 0) && !(acc.bytes > 0)) return undefined;
  const responseFlags = nonZero(useOpened ? acc.openedFlags : acc.closedFlags);
  return {
    ...base,
    connectionsPerSecond: connections,
    ...(acc.hasBytes ? { bytesPerSecond: acc.bytes } : {}),
    ...(responseFlags ? { responseFlags } : {}),
  };
}

/** Sort key of a flow: source (namespace, workload, cluster), host (null first), status, protocol, via. */
export function compareFlows(a: EgressFlow, b: EgressFlow): number {
  const key = (f: EgressFlow): string =>
    JSON.stringify([f.source.namespace, f.source.workload, f.source.cluster ?? '', f.destination.host ?? '', f.destination.status, f.protocol, f.via?.workload ?? '']);
  const ka = key(a);
  const kb = key(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/**
 * Expected egress flows over [end - window, end]: reporter="source" (sidecar or
 * ztunnel) and "waypoint" only, one flow per source (cluster, namespace,
 * workload) x host x status x protocol (x via) x data plane, pods summed,
 * flows with zero rate omitted.
 */
export function expectedFlows(mesh: DemoMesh, q: FlowQuery): EgressFlow[] {
  if (!(q.window > 0)) throw new Error(`window must be positive, got ${q.window}`);
  const flows = new Map<string, Accumulator>();
  for (const traffic of mesh.traffic) {
    if (!traffic.expect) continue;
    const key = flowKey(sourceRef(traffic), traffic.protocol, traffic);
    let acc = flows.get(key);
    if (!acc) {
      acc = newAccumulator(traffic);
      flows.set(key, acc);
    }
    accumulate(acc, mesh, traffic, q);
  }
  const out: EgressFlow[] = [];
  for (const acc of flows.values()) {
    const flow = toFlow(acc);
    if (flow) out.push(flow);
  }
  return out.sort(compareFlows);
}
