import { MEASURE_LABEL, type TcpMeasure } from '../prometheus/queries';
import type { Sample } from '../prometheus/types';
import { classifyEgress, DEFAULT_RULE_CONTEXT, isKnown, protocolOf, UNKNOWN, type RuleContext } from './rules';
import { parseObservedHost, type ObservedHost } from './host';
import { hostIdOf } from './host-id';
import type { RankedUnits } from './host-ranking';
import { UNRESOLVED_WAYPOINT } from './waypoints';
import { DATA_PLANES, EGRESS_STATUSES, type DataPlane, type EgressDestination, type EgressFlow, type EgressProtocol, type EgressStatus, type FlowRates, type WorkloadRef } from './types';

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
  /** What the labels cannot say (the outbound mode; lib/egress/outbound-mode.ts). */
  readonly ruleContext?: RuleContext;
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
    if (isKnown(value)) return parseObservedHost(value);
  }
  return null;
}

export interface BuildFlowsResult {
  readonly flows: EgressFlow[];
  readonly warnings: string[];
}

/**
 * A flow as the cardinality guard hands it on: one of the flows it keeps (a
 * row of the FlowAccumulator, built as an object only then), or one of its
 * "other hosts" buckets. Only these become an EgressFlow (flowFromAcc).
 */
export interface FlowAcc {
  readonly source: WorkloadRef;
  readonly host: string | null;
  readonly status: EgressStatus;
  serviceEntryNamespace?: string;
  readonly via?: WorkloadRef;
  readonly protocol: EgressProtocol;
  readonly dataPlane: DataPlane;
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
  readonly dataPlane: DataPlane;
  /** Whether the host-named-without-namespace rule (not the labels alone) decided the status. */
  readonly decided: boolean;
  /** What the sample adds to the flow's rank: requests, or connections for TCP. */
  readonly rate: number;
}

function place(sample: Sample, metric: 'requests' | 'tcp', opts: BuildFlowsOptions): Placed | null {
  const c = classifyEgress(sample.labels, opts.isGateway, opts.ruleContext ?? DEFAULT_RULE_CONTEXT);
  if (c.kind === 'not-egress') return null;
  const l = sample.labels;
  const protocol = protocolOf(l, metric);
  const rate = metric === 'requests' || l[MEASURE_LABEL] === 'connections' ? sample.value : 0;
  // A gateway hop is registered egress by construction: the sidecar only sends
  // traffic to an egress gateway because a registered host's routes say so.
  if (c.kind === 'gateway-hop') {
    return { sample, metric, status: 'registered', host: null, hostName: null, via: c.gateway, serviceEntryNamespace: undefined, protocol, dataPlane: c.dataPlane, decided: false, rate };
  }
  // TLS/TCP without a host: take it from the Telemetry labels, when configured and present.
  const host =
    metric === 'tcp' && c.host === null && c.status !== 'registered' && opts.tcpDestinationLabels ? tcpDestinationHost(l, opts.tcpDestinationLabels) : c.host;
  const hostName = host?.host ?? null;
  // Every Placed has the same fields in the same order (one hidden class for 10^5 of them).
  const decided = c.decidedBy !== undefined;
  const via = c.viaWaypoint ? UNRESOLVED_WAYPOINT : undefined;
  return { sample, metric, status: c.status, host, hostName, via, serviceEntryNamespace: c.serviceEntryNamespace, protocol, dataPlane: c.dataPlane, decided, rate };
}

/**
 * Source workloads numbered in the order first seen, found through nested
 * maps on the label strings themselves (no key string is built per lookup).
 */
class SourceIndex {
  /** By cluster ('' when the series carry none), then namespace, then workload. */
  private readonly byCluster = new Map<string, Map<string, Map<string, number>>>();
  readonly refs: WorkloadRef[] = [];

  /** The number of a source, new ones numbered next. */
  of(namespace: string, workload: string, cluster?: string): number {
    const c = cluster ?? '';
    let byNamespace = this.byCluster.get(c);
    if (!byNamespace) this.byCluster.set(c, (byNamespace = new Map()));
    let byWorkload = byNamespace.get(namespace);
    if (!byWorkload) byNamespace.set(namespace, (byWorkload = new Map()));
    let index = byWorkload.get(workload);
    if (index === undefined) {
      index = this.refs.push(cluster === undefined ? { namespace, workload } : { namespace, workload, cluster }) - 1;
      byWorkload.set(workload, index);
    }
    return index;
  }
}

/**
 * Flows by index, however they are stored: what the cardinality guard reads
 * (an accumulator's columns, or an array of FlowAcc).
 */
export interface FlowList extends RankedUnits {
  source(i: number): WorkloadRef;
  /** Sources numbered 0 to sourceCount - 1: the same number for the same cluster, namespace and workload. */
  sourceIndex(i: number): number;
  readonly sourceCount: number;
  protocol(i: number): EgressProtocol;
  dataPlane(i: number): DataPlane;
  /** Flow i as an object (only the flows that are kept are ever built). */
  acc(i: number): FlowAcc;
  /** Adds flow i's sums (rates, response codes, flags) into `into`. */
  sumInto(into: FlowAcc, i: number): void;
}

/** An array of FlowAcc as a FlowList. */
export function flowListOf(accs: readonly FlowAcc[]): FlowList {
  const sources = new SourceIndex();
  const sourceIndexes = accs.map(({ source }) => sources.of(source.namespace, source.workload, source.cluster));
  return {
    length: accs.length,
    sourceCount: sources.refs.length,
    sourceIndex: (i) => sourceIndexes[i]!,
    status: (i) => accs[i]!.status,
    host: (i) => accs[i]!.host,
    hasVia: (i) => accs[i]!.via !== undefined,
    rate: (i) => (accs[i]!.requests ?? 0) + (accs[i]!.connections ?? 0),
    source: (i) => accs[i]!.source,
    protocol: (i) => accs[i]!.protocol,
    dataPlane: (i) => accs[i]!.dataPlane,
    acc: (i) => accs[i]!,
    sumInto(into, i) {
      const a = accs[i]!;
      into.requests = addTo(into.requests, a.requests);
      into.connections = addTo(into.connections, a.connections);
      into.bytes = addTo(into.bytes, a.bytes);
      into.responses = mergeCounts(into.responses, a.responses);
      into.flags = mergeCounts(into.flags, a.flags);
    },
  };
}

/** The rarely set parts of a flow, kept out of the columns. */
interface FlowExtras {
  via?: WorkloadRef;
  serviceEntryNamespace?: string;
  /** Every port, once a flow has seen more than one. */
  ports?: Set<number>;
  /** Response codes after the first. */
  responses?: Counts;
  flags?: Counts;
}

export const PROTOCOL_CODES: readonly EgressProtocol[] = ['http', 'grpc', 'tcp'];
const NO_PORT = -1;

/** A sum that may be absent (NaN in a column). */
const present = (v: number): number | undefined => (Number.isNaN(v) ? undefined : v);
const plus = (sum: number, v: number): number => (Number.isNaN(sum) ? v : sum + v);

function grown<T extends Float64Array | Int32Array | Uint8Array>(old: T, capacity: number, fill: number): T {
  const next = new (old.constructor as new (n: number) => T)(capacity);
  next.set(old);
  if (fill !== 0) next.fill(fill, old.length);
  return next;
}

/**
 * Sums samples into flows as they arrive, per source x host x status x
 * protocol (x gateway): the samples of both egress queries, in any order, one
 * at a time, so that an answer being read never has to be held (see
 * PrometheusClient.streamInstantQuery). Only the sums are kept, in columns
 * (typed arrays, one row per flow; the rare parts in a side map): at 10^5
 * flows that is about half the memory of an object per flow, and no
 * garbage for the collector to trace. The guard reads the rows (FlowList)
 * and builds objects only for the flows it keeps.
 */
export class FlowAccumulator implements FlowList {
  private readonly sources = new SourceIndex();
  /**
   * Per source (same index): host (or '' for none) to the flow's row, or rows
   * when flows differ in status, protocol or gateway. Almost every host has
   * one flow, so no key string is built per flow.
   */
  private readonly rowsBySource: Map<string, number | number[]>[] = [];
  /** Samples that were not a usable rate, or measured nothing we know. */
  skipped = 0;
  /** Rows. */
  length = 0;
  private sourceOf = new Int32Array(1024);
  private statusOf = new Uint8Array(1024);
  private protocolOf = new Uint8Array(1024);
  private dataPlaneOf = new Uint8Array(1024);
  private ipOf = new Uint8Array(1024);
  /** 1 for a gateway hop (its gateway in extras). */
  private viaOf = new Uint8Array(1024);
  private portOf = new Int32Array(1024).fill(NO_PORT);
  private requests = new Float64Array(1024).fill(NaN);
  private connections = new Float64Array(1024).fill(NaN);
  private bytes = new Float64Array(1024).fill(NaN);
  /** The first response code's sum (its name in firstCode). */
  private firstCodeRate = new Float64Array(1024).fill(NaN);
  private readonly firstCode: (string | undefined)[] = [];
  private readonly hosts: (string | null)[] = [];
  private readonly extras = new Map<number, FlowExtras>();
  /** Hosts whose status the host-named-without-namespace rule decided (RuleContext), not the labels alone. */
  readonly decidedHosts = new Set<string>();

  constructor(private readonly opts: BuildFlowsOptions) {}

  add(sample: Sample, metric: 'requests' | 'tcp'): void {
    if (!Number.isFinite(sample.value) || sample.value < 0) {
      this.skipped++;
      return;
    }
    const p = place(sample, metric, this.opts);
    if (!p) return;
    const namespace = sample.labels.source_workload_namespace ?? UNKNOWN;
    const workload = sample.labels.source_workload ?? UNKNOWN;
    const source = this.sources.of(namespace, workload, sample.labels.source_cluster);
    const rows = (this.rowsBySource[source] ??= new Map());
    // Flows without a host (gateway hops, TLS/TCP without a host label) share a slot; isRowOf tells them apart.
    const slot = p.hostName ?? '';
    const found = rows.get(slot);
    let row: number | undefined;
    if (found === undefined) rows.set(slot, (row = this.newRow(source, p)));
    else if (typeof found === 'number') {
      if (this.isRowOf(found, p)) row = found;
      else rows.set(slot, [found, (row = this.newRow(source, p))]);
    } else {
      row = found.find((r) => this.isRowOf(r, p));
      if (row === undefined) found.push((row = this.newRow(source, p)));
    }
    if (!this.addSample(row, p)) {
      this.skipped++;
      return;
    }
    if (p.decided && p.hostName !== null) this.decidedHosts.add(p.hostName);
    if (p.host) {
      if (p.host.port !== undefined) this.addPort(row, p.host.port);
      if (p.host.ip) this.ipOf[row] = 1;
    }
  }

  status(i: number): EgressStatus {
    return EGRESS_STATUSES[this.statusOf[i]!]!;
  }
  host(i: number): string | null {
    return this.hosts[i]!;
  }
  hasVia(i: number): boolean {
    return this.viaOf[i] === 1;
  }
  rate(i: number): number {
    return (present(this.requests[i]!) ?? 0) + (present(this.connections[i]!) ?? 0);
  }
  source(i: number): WorkloadRef {
    return this.sources.refs[this.sourceOf[i]!]!;
  }
  sourceIndex(i: number): number {
    return this.sourceOf[i]!;
  }
  get sourceCount(): number {
    return this.sources.refs.length;
  }
  protocol(i: number): EgressProtocol {
    return PROTOCOL_CODES[this.protocolOf[i]!]!;
  }
  dataPlane(i: number): DataPlane {
    return DATA_PLANES[this.dataPlaneOf[i]!]!;
  }

  acc(i: number): FlowAcc {
    const x = this.extras.get(i);
    const port = this.portOf[i]!;
    const code = this.firstCode[i];
    return {
      source: this.source(i),
      host: this.hosts[i]!,
      status: this.status(i),
      serviceEntryNamespace: x?.serviceEntryNamespace,
      via: x?.via,
      protocol: this.protocol(i),
      dataPlane: this.dataPlane(i),
      ports: x?.ports ? new Set(x.ports) : port === NO_PORT ? undefined : new Set([port]),
      ip: this.ipOf[i] === 1,
      requests: present(this.requests[i]!),
      responses: code === undefined ? undefined : [code, this.firstCodeRate[i]!, ...(x?.responses ?? [])],
      flags: x?.flags ? [...x.flags] : undefined,
      connections: present(this.connections[i]!),
      bytes: present(this.bytes[i]!),
      otherHosts: undefined,
    };
  }

  sumInto(into: FlowAcc, i: number): void {
    into.requests = addTo(into.requests, present(this.requests[i]!));
    into.connections = addTo(into.connections, present(this.connections[i]!));
    into.bytes = addTo(into.bytes, present(this.bytes[i]!));
    const code = this.firstCode[i];
    if (code !== undefined) into.responses = add(into.responses, code, this.firstCodeRate[i]!);
    const x = this.extras.get(i);
    into.responses = mergeCounts(into.responses, x?.responses);
    into.flags = mergeCounts(into.flags, x?.flags);
  }

  /** The flows so far, by source in the order first seen. */
  flows(): FlowAcc[] {
    const out: FlowAcc[] = [];
    for (const rows of this.rowsBySource) {
      for (const r of rows.values()) {
        if (typeof r === 'number') out.push(this.acc(r));
        else for (const one of r) out.push(this.acc(one));
      }
    }
    return out;
  }

  /** Whether row i is the flow a placed sample belongs to (rows in one slot share a host, or have none). */
  private isRowOf(i: number, p: Placed): boolean {
    if (EGRESS_STATUSES[this.statusOf[i]!] !== p.status || PROTOCOL_CODES[this.protocolOf[i]!] !== p.protocol || this.hosts[i] !== p.hostName) return false;
    if (DATA_PLANES[this.dataPlaneOf[i]!] !== p.dataPlane) return false;
    if (this.viaOf[i] === 0) return p.via === undefined;
    const via = this.extras.get(i)?.via;
    return via?.namespace === p.via?.namespace && via?.workload === p.via?.workload;
  }

  private newRow(source: number, p: Placed): number {
    const i = this.length++;
    if (i === this.sourceOf.length) this.grow(2 * i);
    this.sourceOf[i] = source;
    this.statusOf[i] = EGRESS_STATUSES.indexOf(p.status);
    this.protocolOf[i] = PROTOCOL_CODES.indexOf(p.protocol);
    this.dataPlaneOf[i] = DATA_PLANES.indexOf(p.dataPlane);
    this.hosts.push(p.hostName);
    this.firstCode.push(undefined);
    if (p.via) this.viaOf[i] = 1;
    if (p.via || p.serviceEntryNamespace) this.extras.set(i, { via: p.via, serviceEntryNamespace: p.serviceEntryNamespace });
    return i;
  }

  private grow(capacity: number): void {
    this.sourceOf = grown(this.sourceOf, capacity, 0);
    this.statusOf = grown(this.statusOf, capacity, 0);
    this.protocolOf = grown(this.protocolOf, capacity, 0);
    this.dataPlaneOf = grown(this.dataPlaneOf, capacity, 0);
    this.ipOf = grown(this.ipOf, capacity, 0);
    this.viaOf = grown(this.viaOf, capacity, 0);
    this.portOf = grown(this.portOf, capacity, NO_PORT);
    this.requests = grown(this.requests, capacity, NaN);
    this.connections = grown(this.connections, capacity, NaN);
    this.bytes = grown(this.bytes, capacity, NaN);
    this.firstCodeRate = grown(this.firstCodeRate, capacity, NaN);
  }

  private extra(i: number): FlowExtras {
    let x = this.extras.get(i);
    if (!x) this.extras.set(i, (x = {}));
    return x;
  }

  private addPort(i: number, port: number): void {
    const first = this.portOf[i]!;
    if (first === NO_PORT) this.portOf[i] = port;
    else if (first !== port) (this.extra(i).ports ??= new Set([first])).add(port);
  }

  private addCode(i: number, code: string, v: number): void {
    const first = this.firstCode[i];
    if (first === undefined) {
      this.firstCode[i] = code;
      this.firstCodeRate[i] = v;
    } else if (first === code) this.firstCodeRate[i] = this.firstCodeRate[i]! + v;
    else {
      const x = this.extra(i);
      x.responses = add(x.responses, code, v);
    }
  }

  /** Response flags other than "-" (none) are kept per flag. */
  private addFlag(i: number, flag: string | undefined, v: number): void {
    if (!flag || flag === '-') return;
    const x = this.extra(i);
    x.flags = add(x.flags, flag, v);
  }

  /** Adds one sample's rate to its row; false when the sample measures nothing we know. */
  private addSample(i: number, p: Placed): boolean {
    const { sample: s } = p;
    if (p.metric === 'requests') {
      this.requests[i] = plus(this.requests[i]!, s.value);
      this.addCode(i, s.labels.response_code || 'unknown', s.value);
      this.addFlag(i, s.labels.response_flags, s.value);
      return true;
    }
    switch (s.labels[MEASURE_LABEL] as TcpMeasure | undefined) {
      case 'sent':
      case 'received':
        this.bytes[i] = plus(this.bytes[i]!, s.value);
        return true;
      case 'connections':
        this.connections[i] = plus(this.connections[i]!, s.value);
        return true;
      case 'closed':
        this.addFlag(i, s.labels.response_flags, s.value);
        return true;
      default:
        return false;
    }
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
  return { flows: sortFlows(flowsFromAccs(accs)), warnings: skippedWarnings(skipped) };
}

/** The finished flows of accumulators, each host's id (hostIdOf) computed once. */
export function flowsFromAccs(accs: readonly FlowAcc[]): EgressFlow[] {
  const ids = new Map<string, string>();
  const idOf = (host: string): string => {
    let id = ids.get(host);
    if (id === undefined) ids.set(host, (id = hostIdOf(host)));
    return id;
  };
  return accs.map((a) => flowFromAcc(a, idOf));
}

/** The finished flow of an accumulator; a flow with a host carries its hostId. */
export function flowFromAcc(a: FlowAcc, idOf: (host: string) => string = hostIdOf): EgressFlow {
  const ports = a.ports && a.ports.size > 0 ? [...a.ports].sort((x, y) => x - y) : undefined;
  const destination: { -readonly [K in keyof EgressDestination]: EgressDestination[K] } =
    a.host === null ? { host: null, status: a.status } : { host: a.host, hostId: idOf(a.host), status: a.status };
  if (a.serviceEntryNamespace) destination.serviceEntryNamespace = a.serviceEntryNamespace;
  if (ports) destination.ports = ports;
  if (a.ip) destination.ip = true;
  if (a.otherHosts !== undefined) destination.otherHosts = a.otherHosts;
  const flow: { -readonly [K in keyof EgressFlow]: EgressFlow[K] } = a.via
    ? { source: a.source, destination, via: a.via, protocol: a.protocol, dataPlane: a.dataPlane }
    : { source: a.source, destination, protocol: a.protocol, dataPlane: a.dataPlane };
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
  const acc: FlowAcc = { source: f.source, host: d.host, status: d.status, protocol: f.protocol, dataPlane: f.dataPlane, ip: d.ip === true, ...(f.via ? { via: f.via } : {}) };
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
  return [f.source.cluster ?? '', f.source.namespace, f.source.workload, d.status, d.host ?? '\uffff', f.protocol, f.via?.workload ?? '', f.via?.namespace ?? '', f.dataPlane, d.otherHosts ?? ''].join('\u0000');
}

/** Sorts flows in a stable order: source, then status, host (null last), protocol. Keys are computed once per flow. */
export function sortFlows(flows: readonly EgressFlow[]): EgressFlow[] {
  return flows
    .map((f) => ({ f, k: sortKey(f) }))
    .sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0))
    .map(({ f }) => f);
}
