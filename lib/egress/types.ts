/** Domain types for classified egress traffic (see shared istio-egress-facts.md §2). */

/** The three egress statuses: the one declaration every module, schema and view uses. */
export const EGRESS_STATUSES = ['passthrough', 'blocked', 'registered'] as const;
export type EgressStatus = (typeof EGRESS_STATUSES)[number];
/** The statuses of traffic to a host no ServiceEntry registers: what promote and the alerts act on. */
export const UNREGISTERED_STATUSES = ['passthrough', 'blocked'] as const satisfies readonly EgressStatus[];
export type UnregisteredStatus = (typeof UNREGISTERED_STATUSES)[number];
/** Most alarming first: the order in which lists and legends show statuses. */
export const STATUSES_BY_SEVERITY = ['blocked', 'passthrough', 'registered'] as const satisfies readonly EgressStatus[];

/** The protocols of a flow, declared once. */
export const EGRESS_PROTOCOLS = ['http', 'grpc', 'tcp'] as const;
export type EgressProtocol = (typeof EGRESS_PROTOCOLS)[number];

export interface WorkloadRef {
  readonly namespace: string;
  readonly workload: string;
  /**
   * The cluster of the workload (`source_cluster`, as written), when the
   * series carry it: the same namespace/workload in two clusters are two
   * workloads (facts §9, multi-cluster).
   */
  readonly cluster?: string;
}

/** Which proxy reported a flow: an Envoy sidecar, or ambient mode's ztunnel and waypoints (facts §9). */
export type DataPlane = 'sidecar' | 'ambient';
export const DATA_PLANES: readonly DataPlane[] = ['sidecar', 'ambient'];

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
  /**
   * The egress gateway or waypoint this traffic goes through. With a null
   * host: the first hop (workload -> gateway, or ztunnel's workload ->
   * waypoint). With a host: an ambient flow its egress waypoint reported.
   */
  readonly via?: WorkloadRef;
  readonly protocol: EgressProtocol;
  /** The data plane that reported the flow. */
  readonly dataPlane: DataPlane;
}

/**
 * A first hop: the traffic of a workload to its egress gateway, or ztunnel's
 * to an egress waypoint (host null, `via` the gateway or waypoint). The
 * egress itself is counted by the gateway's or the waypoint's own flow.
 */
export function isFirstHop(f: Pick<EgressFlow, 'via' | 'destination'>): boolean {
  return f.via !== undefined && f.destination.host === null && f.destination.otherHosts === undefined;
}
