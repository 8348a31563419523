import { MEASURE_LABEL, type TcpMeasure } from '../prometheus/queries';
import type { Sample } from '../prometheus/types';
import { classifyEgress, protocolOf } from './classify';
import { parseObservedHost, type ObservedHost } from './host';
import type { EgressDestination, EgressFlow, EgressProtocol, EgressStatus, FlowRates, WorkloadRef } from './types';

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

/**
 * A flow while it is accumulated (and while the cardinality guard folds it):
 * plain numbers and lazily created maps, so that 10^5 series cost 10^5 small
 * objects rather than 10^5 finished flows. Only what survives the guard
 * becomes an EgressFlow (flowFromAcc).
 */
export interface FlowAcc {
  readonly source: WorkloadRef;
  readonly host: string | null;
  readonly status: EgressStatus;
  serviceEntryNamespace?: string;
  readonly via?: WorkloadRef;
  readonly protocol: EgressProtocol;
  ports?: Set<number>;
  ip: boolean;
  requests?: number;
  /** Requests per second by response code. */
  responses?: Counts;
  flags?: Counts;
  connections?: number;
  bytes?: number;
  /** The guard's "other hosts" bucket: how many hosts it holds. */
  otherHosts?: number;
}

/**
 * A few named sums (response codes, response flags) as [name, sum, name,
 * sum, ...]: a flow has one to three, and at 10^5 flows a flat array is a
 * third of the memory of a Map each.
 */
export type Counts = (string | number)[];

/** Adds `v` to the sum named `name`; returns the counts (new ones, sized exactly, when there were none). */
function add(c: Counts | undefined, name: string, v: number): Counts {
  // [] then push() would reserve 17 slots; a flow has one to three names.
  if (c === undefined) return [name, v];
  for (let i = 0; i < c.length; i += 2) {
    if (c[i] === name) {
      c[i + 1] = (c[i + 1] as number) + v;
      return c;
    }
  }
  c.push(name, v);
  return c;
}

/** Counts as a record with sorted keys. */
export function toRecord(c: Counts): Record<string, number> {
  const entries: [string, number][] = [];
  for (let i = 0; i < c.length; i += 2) entries.push([c[i] as string, c[i + 1] as number]);
  return Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

const countsOf = (r: Readonly<Record<string, number>>): Counts => Object.entries(r).flat();

/** Adds `value` to an optional sum. */
export const addTo = (sum: number | undefined, value: number | undefined): number | undefined =>
  sum === undefined && value === undefined ? undefined : (sum ?? 0) + (value ?? 0);

/** Adds every entry of `from` into `into` (created when needed); returns `into`. */
export function mergeCounts(into: Counts | undefined, from: Readonly<Counts> | undefined): Counts | undefined {
  if (!from || from.length === 0) return into;
  let out = into;
  for (let i = 0; i < from.length; i += 2) out = add(out, from[i] as string, from[i + 1] as number);
  return out;
}

/** Where one sample goes: the flow it belongs to, before any accumulation. */
interface Placed {
  readonly sample: Sample;
  readonly metric: 'requests' | 'tcp';
  readonly status: EgressStatus;
  readonly host: ObservedHost | null;
  readonly hostName: string | null;
  readonly via: WorkloadRef | undefined;
  readonly serviceEntryNamespace: string | undefined;
  readonly protocol: EgressProtocol;
  /** What the sample adds to the flow's rank: requests, or connections for TCP. */
  readonly rate: number;
}

function place(sample: Sample, metric: 'requests' | 'tcp', opts: BuildFlowsOptions): Placed | null {
  const c = classifyEgress(sample.labels, opts.isGateway);
  if (c.kind === 'not-egress') return null;
  const l = sample.labels;
  const protocol = protocolOf(l, metric);
  const rate = metric === 'requests' || l[MEASURE_LABEL] === 'connections' ? sample.value : 0;
  // A gateway hop is registered egress by construction: the sidecar only sends
  // traffic to an egress gateway because a registered host's routes say so.
  if (c.kind === 'gateway-hop') return { sample, metric, status: 'registered', host: null, hostName: null, via: c.gateway, serviceEntryNamespace: undefined, protocol, rate };
  // TLS/TCP without a host: take it from the Telemetry labels, when configured and present.
  const host =
    metric === 'tcp' && c.host === null && c.status !== 'registered' && opts.tcpDestinationLabels ? tcpDestinationHost(l, opts.tcpDestinationLabels) : c.host;
  const hostName = host?.host ?? null;
  // Every Placed has the same fields in the same order (one hidden class for 10^5 of them).
  return { sample, metric, status: c.status, host, hostName, via: undefined, serviceEntryNamespace: c.serviceEntryNamespace, protocol, rate };
}

/** One source workload's flows while they are summed, by host: almost every host has one flow, so no key string is built per flow. */
interface SourceFlows {
  readonly ref: WorkloadRef;
  readonly flows: Map<string, FlowAcc | FlowAcc[]>;
}

/** Whether a flow is the one a placed sample belongs to. */
const isFlowOf = (a: FlowAcc, p: Placed): boolean =>
  a.host === p.hostName && a.status === p.status && a.protocol === p.protocol && a.via?.namespace === p.via?.namespace && a.via?.workload === p.via?.workload;

/** A new flow for a placed sample; every field set, so that all flows share one object shape. */
function newFlow(source: WorkloadRef, p: Placed): FlowAcc {
  return {
    source,
    host: p.hostName,
    status: p.status,
    serviceEntryNamespace: p.serviceEntryNamespace,
    via: p.via,
    protocol: p.protocol,
    ports: undefined,
    ip: false,
    requests: undefined,
    responses: undefined,
    flags: undefined,
    connections: undefined,
    bytes: undefined,
    otherHosts: undefined,
  };
}

/** Adds one sample's rate to its flow; false when the sample measures nothing we know. */
function addSample(acc: FlowAcc, p: Placed): boolean {
  const { sample: s } = p;
  const flag = s.labels.response_flags;
  if (p.metric === 'requests') {
    acc.requests = (acc.requests ?? 0) + s.value;
    acc.responses = add(acc.responses, s.labels.response_code || 'unknown', s.value);
    if (flag && flag !== '-') acc.flags = add(acc.flags, flag, s.value);
    return true;
  }
  switch (s.labels[MEASURE_LABEL] as TcpMeasure | undefined) {
    case 'sent':
    case 'received':
      acc.bytes = (acc.bytes ?? 0) + s.value;
      return true;
    case 'connections':
      acc.connections = (acc.connections ?? 0) + s.value;
      return true;
    case 'closed':
      if (flag && flag !== '-') acc.flags = add(acc.flags, flag, s.value);
      return true;
    default:
      return false;
  }
}

/**
 * Sums samples into flows as they arrive, per source x host x status x
 * protocol (x gateway): the samples of both egress queries, in any order, one
 * at a time, so that an answer being read never has to be held (see
 * PrometheusClient.streamInstantQuery). Only the sums are kept.
 */
export class FlowAccumulator {
  /** Per source (nested maps on the label strings themselves: no key strings are built per source). */
  private readonly sources = new Map<string, Map<string, SourceFlows>>();
  private readonly order: SourceFlows[] = [];
  /** Samples that were not a usable rate, or measured nothing we know. */
  skipped = 0;

  constructor(private readonly opts: BuildFlowsOptions) {}

  add(sample: Sample, metric: 'requests' | 'tcp'): void {
    if (!Number.isFinite(sample.value) || sample.value < 0) {
      this.skipped++;
      return;
    }
    const p = place(sample, metric, this.opts);
    if (!p) return;
    const namespace = sample.labels.source_workload_namespace ?? 'unknown';
    const workload = sample.labels.source_workload ?? 'unknown';
    let byWorkload = this.sources.get(namespace);
    if (!byWorkload) this.sources.set(namespace, (byWorkload = new Map()));
    let src = byWorkload.get(workload);
    if (!src) {
      src = { ref: { namespace, workload }, flows: new Map() };
      byWorkload.set(workload, src);
      this.order.push(src);
    }
    // Flows without a host (gateway hops, TLS/TCP without a host label) share a slot; isFlowOf tells them apart.
    const slot = p.hostName ?? '';
    const found = src.flows.get(slot);
    let acc: FlowAcc | undefined;
    if (found === undefined) src.flows.set(slot, (acc = newFlow(src.ref, p)));
    else if (Array.isArray(found)) {
      acc = found.find((a) => isFlowOf(a, p));
      if (!acc) found.push((acc = newFlow(src.ref, p)));
    } else if (isFlowOf(found, p)) acc = found;
    else src.flows.set(slot, [found, (acc = newFlow(src.ref, p))]);
    if (!addSample(acc, p)) {
      this.skipped++;
      return;
    }
    if (p.host) {
      if (p.host.port !== undefined) (acc.ports ??= new Set()).add(p.host.port);
      if (p.host.ip) acc.ip = true;
    }
  }

  /** The flows so far, by source in the order first seen. */
  flows(): FlowAcc[] {
    const out: FlowAcc[] = [];
    for (const src of this.order) {
      for (const f of src.flows.values()) {
        if (Array.isArray(f)) out.push(...f);
        else out.push(f);
      }
    }
    return out;
  }
}

/** Sums the samples of both egress queries into flows (FlowAccumulator over arrays). */
export function accumulateFlows(samples: EgressSamples, opts: BuildFlowsOptions): { accs: FlowAcc[]; skipped: number } {
  const acc = new FlowAccumulator(opts);
  for (const s of samples.http) acc.add(s, 'requests');
  for (const s of samples.tcp) acc.add(s, 'tcp');
  return { accs: acc.flows(), skipped: acc.skipped };
}

/** The warning for series whose value was not a usable rate. */
export function skippedWarnings(skipped: number): string[] {
  return skipped > 0 ? [`${skipped} series had unusable values (not a finite rate) and were ignored.`] : [];
}

/**
 * Aggregates classified series into flows: one per source workload x
 * destination host x status x protocol (and gateway), pod series summed.
 */
export function buildEgressFlows(samples: EgressSamples, opts: BuildFlowsOptions): BuildFlowsResult {
  const { accs, skipped } = accumulateFlows(samples, opts);
  return { flows: sortFlows(accs.map(flowFromAcc)), warnings: skippedWarnings(skipped) };
}

/** The finished flow of an accumulator. */
export function flowFromAcc(a: FlowAcc): EgressFlow {
  const ports = a.ports && a.ports.size > 0 ? [...a.ports].sort((x, y) => x - y) : undefined;
  const destination: { -readonly [K in keyof EgressDestination]: EgressDestination[K] } = { host: a.host, status: a.status };
  if (a.serviceEntryNamespace) destination.serviceEntryNamespace = a.serviceEntryNamespace;
  if (ports) destination.ports = ports;
  if (a.ip) destination.ip = true;
  if (a.otherHosts !== undefined) destination.otherHosts = a.otherHosts;
  const flow: { -readonly [K in keyof EgressFlow]: EgressFlow[K] } = a.via
    ? { source: a.source, destination, via: a.via, protocol: a.protocol }
    : { source: a.source, destination, protocol: a.protocol };
  if (a.requests !== undefined) flow.requestsPerSecond = a.requests;
  if (a.responses) flow.responses = toRecord(a.responses);
  if (a.flags && a.flags.length > 0) flow.responseFlags = toRecord(a.flags);
  if (a.connections !== undefined) flow.connectionsPerSecond = a.connections;
  if (a.bytes !== undefined) flow.bytesPerSecond = a.bytes;
  return flow as EgressFlow;
}

/** The accumulator of a finished flow (inverse of flowFromAcc). */
export function accFromFlow(f: EgressFlow): FlowAcc {
  const d = f.destination;
  const acc: FlowAcc = { source: f.source, host: d.host, status: d.status, protocol: f.protocol, ip: d.ip === true, ...(f.via ? { via: f.via } : {}) };
  if (d.serviceEntryNamespace) acc.serviceEntryNamespace = d.serviceEntryNamespace;
  if (d.ports) acc.ports = new Set(d.ports);
  if (d.otherHosts !== undefined) acc.otherHosts = d.otherHosts;
  if (f.requestsPerSecond !== undefined) acc.requests = f.requestsPerSecond;
  if (f.responses) acc.responses = countsOf(f.responses);
  if (f.responseFlags) acc.flags = countsOf(f.responseFlags);
  if (f.connectionsPerSecond !== undefined) acc.connections = f.connectionsPerSecond;
  if (f.bytesPerSecond !== undefined) acc.bytes = f.bytesPerSecond;
  return acc;
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
  return [f.source.namespace, f.source.workload, d.status, d.host ?? '\uffff', f.protocol, f.via?.workload ?? '', f.via?.namespace ?? '', d.otherHosts ?? ''].join('\u0000');
}

/** Sorts flows in a stable order: source, then status, host (null last), protocol. Keys are computed once per flow. */
export function sortFlows(flows: readonly EgressFlow[]): EgressFlow[] {
  return flows
    .map((f) => ({ f, k: sortKey(f) }))
    .sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0))
    .map(({ f }) => f);
}
