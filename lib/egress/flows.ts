import { MEASURE_LABEL, type TcpMeasure } from '../prometheus/queries';
import type { Sample } from '../prometheus/types';
import { classifyEgress, protocolOf } from './classify';
import { parseObservedHost, type ObservedHost } from './host';
import type { EgressFlow, EgressProtocol, EgressStatus, FlowRates, WorkloadRef } from './types';

/** Samples of the two egress queries (see lib/prometheus/queries.ts). */
export interface EgressSamples {
  readonly http: readonly Sample[];
  readonly tcp: readonly Sample[];
}

export interface BuildFlowsOptions {
  /** Whether a destination workload is an egress gateway. */
  readonly isGateway: (workload: string) => boolean;
  /** Labels a Telemetry adds to TCP metrics with the SNI and the upstream address (EGRESS_TCP_*_LABEL). */
  readonly tcpDestinationLabels?: { readonly sni?: string; readonly address?: string };
}

/**
 * The destination of TLS/TCP passthrough or blocked TCP, from labels a
 * Telemetry tagOverride adds (the SNI first, else the upstream IP:port);
 * null when neither is there (istio-egress-facts §2: the standard labels
 * never carry it).
 */
export function tcpDestinationHost(labels: Readonly<Record<string, string>>, names: BuildFlowsOptions['tcpDestinationLabels']): ObservedHost | null {
  for (const name of [names?.sni, names?.address]) {
    const value = name ? labels[name] : undefined;
    if (value && value !== 'unknown') return parseObservedHost(value);
  }
  return null;
}

export interface BuildFlowsResult {
  readonly flows: EgressFlow[];
  readonly warnings: string[];
}

interface Acc {
  source: WorkloadRef;
  host: string | null;
  status: EgressStatus;
  serviceEntryNamespace?: string;
  via?: WorkloadRef;
  protocol: EgressProtocol;
  ports: Set<number>;
  ip: boolean;
  requests?: number;
  responses?: Map<string, number>;
  flags: Map<string, number>;
  connections?: number;
  bytes?: number;
}

const add = (m: Map<string, number>, k: string, v: number) => m.set(k, (m.get(k) ?? 0) + v);

/** A map as a record with sorted keys. */
export function toRecord(m: ReadonlyMap<string, number>): Record<string, number> {
  return Object.fromEntries([...m.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/**
 * Aggregates classified series into flows: one per source workload x
 * destination host x status x protocol (and gateway), pod series summed.
 */
export function buildEgressFlows(samples: EgressSamples, opts: BuildFlowsOptions): BuildFlowsResult {
  const accs = new Map<string, Acc>();
  let skipped = 0;

  function accFor(sample: Sample, metric: 'requests' | 'tcp'): Acc | null {
    if (!Number.isFinite(sample.value) || sample.value < 0) {
      skipped++;
      return null;
    }
    const classified = classifyEgress(sample.labels, opts.isGateway);
    if (classified.kind === 'not-egress') return null;
    // TLS/TCP without a host: take it from the Telemetry labels, when configured and present.
    const c =
      metric === 'tcp' && classified.kind === 'egress' && classified.host === null && classified.status !== 'registered' && opts.tcpDestinationLabels
        ? { ...classified, host: tcpDestinationHost(sample.labels, opts.tcpDestinationLabels) }
        : classified;
    const l = sample.labels;
    const source = { namespace: l.source_workload_namespace ?? 'unknown', workload: l.source_workload ?? 'unknown' };
    const protocol = protocolOf(l, metric);
    // A gateway hop is registered egress by construction: the sidecar only sends
    // traffic to an egress gateway because a registered host's routes say so.
    const status: EgressStatus = c.kind === 'gateway-hop' ? 'registered' : c.status;
    const host = c.kind === 'egress' ? (c.host?.host ?? null) : null;
    const via = c.kind === 'gateway-hop' ? c.gateway : undefined;
    const key = [source.namespace, source.workload, status, host ?? '\u0001', protocol, via?.namespace ?? '', via?.workload ?? ''].join('\u0000');
    let acc = accs.get(key);
    if (!acc) {
      acc = { source, host, status, protocol, ports: new Set(), ip: false, flags: new Map(), via };
      if (c.kind === 'egress' && c.serviceEntryNamespace) acc.serviceEntryNamespace = c.serviceEntryNamespace;
      accs.set(key, acc);
    }
    if (c.kind === 'egress' && c.host) {
      if (c.host.port !== undefined) acc.ports.add(c.host.port);
      acc.ip ||= c.host.ip;
    }
    return acc;
  }

  for (const s of samples.http) {
    const acc = accFor(s, 'requests');
    if (!acc) continue;
    acc.requests = (acc.requests ?? 0) + s.value;
    acc.responses ??= new Map();
    add(acc.responses, s.labels.response_code || 'unknown', s.value);
    const flag = s.labels.response_flags;
    if (flag && flag !== '-') add(acc.flags, flag, s.value);
  }

  for (const s of samples.tcp) {
    const measure = s.labels[MEASURE_LABEL] as TcpMeasure | undefined;
    const acc = accFor(s, 'tcp');
    if (!acc) continue;
    switch (measure) {
      case 'sent':
      case 'received':
        acc.bytes = (acc.bytes ?? 0) + s.value;
        break;
      case 'connections':
        acc.connections = (acc.connections ?? 0) + s.value;
        break;
      case 'closed': {
        const flag = s.labels.response_flags;
        if (flag && flag !== '-') add(acc.flags, flag, s.value);
        break;
      }
      default:
        skipped++;
    }
  }

  const flows = sortFlows([...accs.values()].map(toFlow));
  const warnings = skipped > 0 ? [`${skipped} series had unusable values (not a finite rate) and were ignored.`] : [];
  return { flows, warnings };
}

function toFlow(a: Acc): EgressFlow {
  const ports = [...a.ports].sort((x, y) => x - y);
  return {
    source: a.source,
    destination: {
      host: a.host,
      status: a.status,
      ...(a.serviceEntryNamespace ? { serviceEntryNamespace: a.serviceEntryNamespace } : {}),
      ...(ports.length > 0 ? { ports } : {}),
      ...(a.ip ? { ip: true } : {}),
    },
    ...(a.via ? { via: a.via } : {}),
    protocol: a.protocol,
    ...ratesOf({
      requestsPerSecond: a.requests,
      responses: a.responses && toRecord(a.responses),
      responseFlags: a.flags.size > 0 ? toRecord(a.flags) : undefined,
      connectionsPerSecond: a.connections,
      bytesPerSecond: a.bytes,
    }),
  };
}

/** The rate fields of a flow that are present (no undefined-valued keys). */
export function ratesOf(r: FlowRates): FlowRates {
  return {
    ...(r.requestsPerSecond !== undefined ? { requestsPerSecond: r.requestsPerSecond } : {}),
    ...(r.responses ? { responses: r.responses } : {}),
    ...(r.responseFlags ? { responseFlags: r.responseFlags } : {}),
    ...(r.connectionsPerSecond !== undefined ? { connectionsPerSecond: r.connectionsPerSecond } : {}),
    ...(r.bytesPerSecond !== undefined ? { bytesPerSecond: r.bytesPerSecond } : {}),
  };
}

/** Total activity of a flow, for ranking: requests plus connections per second. */
export function flowRate(f: EgressFlow): number {
  return (f.requestsPerSecond ?? 0) + (f.connectionsPerSecond ?? 0);
}

function sortKey(f: EgressFlow): string {
  const d = f.destination;
  return [f.source.namespace, f.source.workload, d.status, d.host ?? '\uffff', f.protocol, f.via?.workload ?? '', d.otherHosts ?? ''].join('\u0000');
}

/** Sorts flows in a stable order: source, then status, host (null last), protocol. Keys are computed once per flow. */
export function sortFlows(flows: readonly EgressFlow[]): EgressFlow[] {
  return flows
    .map((f) => ({ f, k: sortKey(f) }))
    .sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0))
    .map(({ f }) => f);
}
