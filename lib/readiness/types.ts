/** Types of the REGISTRY_ONLY readiness report (issue 5; shared istio-egress-facts.md §2, §4, §6, §9). */
import type { DataPlane } from '../egress/types';

/** Rates per second by egress status. `blocked` is traffic that already fails today (BlackHoleCluster). */
export interface StatusRates {
  readonly registered: number;
  readonly passthrough: number;
  readonly blocked: number;
}

/** A passthrough host with a name: it becomes BlackHole traffic under REGISTRY_ONLY unless a ServiceEntry registers it. */
export interface HostToRegister {
  readonly host: string;
  /** `namespace/workload`, sorted. */
  readonly callers: readonly string[];
  /** Requests plus connections per second. */
  readonly ratePerSecond: number;
  /** `http`, `grpc`, `tcp`, sorted. */
  readonly protocols: readonly string[];
}

/** TLS/TCP passthrough without a host: it cannot be registered from the standard metrics alone (facts §2). */
export interface UnattributedPassthrough {
  readonly connectionsPerSecond: number;
  /** Share of the egress (registered + passthrough, requests + connections per second). */
  readonly share: number;
  /** `namespace/workload`, sorted. */
  readonly callers: readonly string[];
}

/** A host BlackHoleCluster already drops. */
export interface BlockedHost {
  readonly host: string;
  /** `namespace/workload`, sorted. */
  readonly callers: readonly string[];
  readonly ratePerSecond: number;
}

/**
 * Traffic that fails today (BlackHoleCluster, facts §3): it does not work now,
 * so a switch to REGISTRY_ONLY breaks nothing there, and it stays blocked.
 */
export interface StillBlocked {
  /** Requests plus connections per second, all of it. */
  readonly ratePerSecond: number;
  /** Named hosts, busiest first. */
  readonly hosts: readonly BlockedHost[];
  /** Blocked TLS/TCP (and HTTP without a Host header): no host in the metrics. */
  readonly unnamedPerSecond: number;
  /** Blocked hosts summed into the cardinality guard's "other hosts" (counted in the rate, not listed). */
  readonly hostsNotListed: number;
}

/** In-mesh calls (known destination workload) into one namespace, seen in the window. */
export interface InMeshDestination {
  /** destination_service_namespace: the namespace part of a Sidecar egress host (`ns/host`). */
  readonly namespace: string;
  /** destination_service values (FQDNs), sorted. */
  readonly services: readonly string[];
  readonly ratePerSecond: number;
}

/**
 * In-mesh calls straight to a pod IP: Istio reports them as PassthroughCluster
 * with the pod's workload (facts §2; not egress). Under REGISTRY_ONLY they go
 * to BlackHoleCluster like any passthrough (istio/istio#29294), whatever the
 * Sidecar's egress hosts say.
 */
export interface PodIpCalls {
  readonly ratePerSecond: number;
  /** `namespace/workload`, sorted. */
  readonly callers: readonly string[];
  /** The called pods' `namespace/workload`, sorted. */
  readonly destinations: readonly string[];
}

/** What a namespace calls inside the mesh, from the same metrics (reporter="source", known destination workload). */
export interface InMeshCalls {
  /** Busiest first. */
  readonly destinations: readonly InMeshDestination[];
  readonly podIp: PodIpCalls | null;
}

/** What switching one namespace (its source workloads) to REGISTRY_ONLY would break. */
export interface NamespaceReadiness {
  readonly namespace: string;
  /**
   * The cluster its workloads run in (`source_cluster`), only when the flows
   * come from more than one cluster: then a namespace present in two clusters
   * is two entries, one per cluster (facts §9, multi-cluster).
   */
  readonly cluster?: string;
  /**
   * The data planes its egress was reported by, sorted: 'sidecar' switches
   * with a Sidecar; 'ambient' cannot (ztunnel does not enforce REGISTRY_ONLY,
   * istio/istio#54281) and needs an egress waypoint. Empty with in-mesh calls only.
   */
  readonly dataPlanes: readonly DataPlane[];
  /** The part of its egress that works today (registered + passthrough) and ambient reported, when any did. */
  readonly ambient: { readonly egressPerSecond: number; readonly passthroughPerSecond: number } | null;
  /** HTTP/gRPC requests per second by status. */
  readonly requests: StatusRates;
  /** TCP connections per second by status. */
  readonly connections: StatusRates;
  /** Registered share of registered + passthrough (requests + connections per second); null when there is none. */
  readonly readiness: number | null;
  /** Named passthrough hosts, busiest first. */
  readonly toRegister: readonly HostToRegister[];
  /** Hosts a ServiceEntry registers that it reached in the window, sorted (an egress waypoint's policy must keep allowing them). */
  readonly registeredHosts: readonly string[];
  readonly unattributed: UnattributedPassthrough | null;
  /** Requests + connections per second sent to an egress gateway (first hop; registered by construction). */
  readonly viaGateway: number;
  /** What is blocked today and stays blocked. */
  readonly stillBlocked: StillBlocked;
  readonly inMesh: InMeshCalls;
}

/** What GET /api/readiness answers. */
export interface ReadinessReport {
  /** Evaluation time, RFC 3339. */
  readonly end: string;
  /** Rate window, as a Prometheus duration. */
  readonly window: string;
  /** One entry per source namespace (per cluster and namespace when `clusters` has several) with egress (or in-mesh calls) in the window, sorted by name, then cluster. */
  readonly namespaces: NamespaceReadiness[];
  /** The source clusters seen (`source_cluster`), sorted; empty when the series carry none. */
  readonly clusters: string[];
  /** The whole mesh; a gateway's registered second hop is not counted twice (see computeReadiness). */
  readonly mesh: Omit<NamespaceReadiness, 'namespace' | 'cluster'>;
  readonly warnings: string[];
}
