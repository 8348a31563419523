/** Domain types for classified egress traffic (see shared istio-egress-facts.md §2). */

/** The Istio sentinels live in the egress rulebook (rules.ts); re-exported for existing imports. */
export { BLACKHOLE_CLUSTER, PASSTHROUGH_CLUSTER, UNKNOWN } from './rules';

export type EgressStatus = 'passthrough' | 'blocked' | 'registered';
export const EGRESS_STATUSES: readonly EgressStatus[] = ['passthrough', 'blocked', 'registered'];

export type EgressProtocol = 'http' | 'grpc' | 'tcp';

export interface WorkloadRef {
  readonly namespace: string;
  readonly workload: string;
}

/** Where an egress flow goes. `host` is null when the metrics carry no host (TLS/TCP passthrough, TCP blackhole). */
export interface EgressDestination {
  readonly host: string | null;
  /**
   * A short, stable id of the host (lib/egress/host-id.ts), present whenever
   * `host` is: URLs, charts and promote requests name a host of any length by it.
   */
  readonly hostId?: string;
  readonly status: EgressStatus;
  /** Namespace of the ServiceEntry that registers the host (registered only). */
  readonly serviceEntryNamespace?: string;
  /** Ports carried explicitly in the Host header (`h:8080`), ascending. */
  readonly ports?: readonly number[];
  /** The host is an IP literal (Host header `10.0.0.1:80`). */
  readonly ip?: boolean;
  /** Present on the "other hosts" bucket of the cardinality guard: how many hosts were folded into it. */
  readonly otherHosts?: number;
}

/** Rates of a flow (or a graph edge) over the window; fields that do not apply are absent. */
export interface FlowRates {
  /** HTTP/gRPC only: requests per second over the window. */
  readonly requestsPerSecond?: number;
  /** HTTP/gRPC only: requests per second by response code ("0" = no response). */
  readonly responses?: Readonly<Record<string, number>>;
  /** Rates by Envoy response flag, when any flag other than "-" was seen (e.g. UH for blocked TCP). */
  readonly responseFlags?: Readonly<Record<string, number>>;
  /** TCP only: connections per second (opened; closed where nothing was opened, as for blocked TCP). */
  readonly connectionsPerSecond?: number;
  /** TCP only: bytes sent plus received per second. */
  readonly bytesPerSecond?: number;
}

/** One flow: source workload x destination host x status x protocol, pod-level series summed. */
export interface EgressFlow extends FlowRates {
  readonly source: WorkloadRef;
  readonly destination: EgressDestination;
  /** The egress gateway this traffic goes through (first hop: workload -> gateway). */
  readonly via?: WorkloadRef;
  readonly protocol: EgressProtocol;
}
