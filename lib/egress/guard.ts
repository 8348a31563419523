/**
 * The cardinality guard: passthrough series grow with every distinct Host
 * header a sidecar sees (istio/istio#35066), so the flows are limited per
 * status before they are finished. Its specification:
 * - a host's rate is the sum, over its flows of that status, of requests
 *   plus connections per second; flows without a host, and flows through a
 *   gateway or waypoint (`via`), are never ranked nor folded;
 * - a status with more than `topK` distinct hosts keeps its `topK` hosts of
 *   highest rate (ties: the smaller name first, by UTF-16 code units), and
 *   says so in one warning; a status with `topK` or fewer keeps them all;
 * - each source's flows to the other hosts of that status are summed into
 *   one flow per source x status x protocol: host null, `otherHosts` the
 *   number of distinct hosts in it, the data plane of the first flow folded
 *   into it (in the order samples arrived), no ports, no ServiceEntry
 *   namespace; every rate, response code and flag is summed, so no traffic
 *   is lost;
 * - the result is sorted by sortFlows (flow-math.ts).
 * Only the kept flows and the buckets are ever built as EgressFlow objects.
 */
import { countsRecord, mergeCounts, type Counts } from './counts';
import { sortFlows } from './flow-math';
import { hostIdOf } from './host-id';
import { chooseKeptHosts, isRanked } from './host-ranking';
import type { DataPlane, EgressDestination, EgressFlow, EgressProtocol, EgressStatus, WorkloadRef } from './types';

/** One flow as it is summed (flow-accumulator.ts), before the guard finishes it into an EgressFlow. */
export interface SummedFlow {
  /** One object per source, shared by all its flows. */
  readonly source: WorkloadRef;
  readonly host: string | null;
  readonly status: EgressStatus;
  readonly protocol: EgressProtocol;
  readonly dataPlane: DataPlane;
  readonly via: WorkloadRef | undefined;
  /** The first sample's (a host registered by ServiceEntries in two namespaces keeps the first seen). */
  readonly serviceEntryNamespace: string | undefined;
  /** Ports carried in the Host header, each once, in the order seen. */
  ports: number[] | undefined;
  ip: boolean;
  requests: number | undefined;
  connections: number | undefined;
  bytes: number | undefined;
  /** Requests per second by response code. */
  responses: Counts | undefined;
  /** Rates by response flag other than "-". */
  flags: Counts | undefined;
}

export interface GuardResult {
  readonly flows: EgressFlow[];
  readonly warnings: string[];
}

/** A source's "other hosts" flow of one status and protocol. */
interface Bucket {
  readonly sum: SummedFlow;
  readonly hosts: Set<string>;
}

const addTo = (sum: number | undefined, value: number | undefined): number | undefined => (value === undefined ? sum : (sum ?? 0) + value);

/** Applies the cardinality guard (see the file's comment) to summed flows, and finishes the flows. */
export function guardFlows(flows: readonly SummedFlow[], topK: number): GuardResult {
  const { kept, warnings } = chooseKeptHosts(flows, topK);
  const idOf = hostIds();
  const out: EgressFlow[] = [];
  const buckets = new Map<WorkloadRef, Bucket[]>();
  for (const f of flows) {
    const keep = kept.get(f.status);
    if (!keep || f.host === null || !isRanked(f) || keep.has(f.host)) {
      out.push(finishFlow(f, idOf));
      continue;
    }
    const bucket = bucketOf(buckets, f);
    bucket.hosts.add(f.host);
    const b = bucket.sum;
    b.requests = addTo(b.requests, f.requests);
    b.connections = addTo(b.connections, f.connections);
    b.bytes = addTo(b.bytes, f.bytes);
    b.responses = mergeCounts(b.responses, f.responses);
    b.flags = mergeCounts(b.flags, f.flags);
  }
  for (const list of buckets.values()) for (const { sum, hosts } of list) out.push(finishFlow(sum, idOf, hosts.size));
  return { flows: sortFlows(out), warnings };
}

/** The "other hosts" bucket of a flow's source, status and protocol (at most nine per source), new when there is none yet. */
function bucketOf(buckets: Map<WorkloadRef, Bucket[]>, f: SummedFlow): Bucket {
  let list = buckets.get(f.source);
  if (!list) buckets.set(f.source, (list = []));
  for (const bucket of list) if (bucket.sum.status === f.status && bucket.sum.protocol === f.protocol) return bucket;
  const sum: SummedFlow = { ...f, host: null, via: undefined, serviceEntryNamespace: undefined, ports: undefined, ip: false, requests: undefined, connections: undefined, bytes: undefined, responses: undefined, flags: undefined };
  const bucket = { sum, hosts: new Set<string>() };
  list.push(bucket);
  return bucket;
}

/** hostIdOf, each host's id computed once (a kept host may have a flow from every source). */
function hostIds(): (host: string) => string {
  const ids = new Map<string, string>();
  return (host) => {
    let id = ids.get(host);
    if (id === undefined) ids.set(host, (id = hostIdOf(host)));
    return id;
  };
}

/** The finished flow of a summed one; a flow with a host carries its hostId, a bucket its `otherHosts`. */
function finishFlow(f: SummedFlow, idOf: (host: string) => string, otherHosts?: number): EgressFlow {
  const destination: { -readonly [K in keyof EgressDestination]: EgressDestination[K] } =
    f.host === null ? { host: null, status: f.status } : { host: f.host, hostId: idOf(f.host), status: f.status };
  if (f.serviceEntryNamespace) destination.serviceEntryNamespace = f.serviceEntryNamespace;
  if (f.ports) destination.ports = [...f.ports].sort((a, b) => a - b);
  if (f.ip) destination.ip = true;
  if (otherHosts !== undefined) destination.otherHosts = otherHosts;
  const flow: { -readonly [K in keyof EgressFlow]: EgressFlow[K] } = f.via
    ? { source: f.source, destination, via: f.via, protocol: f.protocol, dataPlane: f.dataPlane }
    : { source: f.source, destination, protocol: f.protocol, dataPlane: f.dataPlane };
  if (f.requests !== undefined) flow.requestsPerSecond = f.requests;
  if (f.responses) flow.responses = countsRecord(f.responses);
  if (f.flags) flow.responseFlags = countsRecord(f.flags);
  if (f.connections !== undefined) flow.connectionsPerSecond = f.connections;
  if (f.bytes !== undefined) flow.bytesPerSecond = f.bytes;
  return flow;
}
