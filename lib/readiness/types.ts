/** Types of the REGISTRY_ONLY readiness report (issue 5; shared istio-egress-facts.md §2, §4, §6). */

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

/** What switching one namespace (its source workloads) to REGISTRY_ONLY would break. */
export interface NamespaceReadiness {
  readonly namespace: string;
  /** HTTP/gRPC requests per second by status. */
  readonly requests: StatusRates;
  /** TCP connections per second by status. */
  readonly connections: StatusRates;
  /** Registered share of registered + passthrough (requests + connections per second); null when there is none. */
  readonly readiness: number | null;
  /** Named passthrough hosts, busiest first. */
  readonly toRegister: readonly HostToRegister[];
  readonly unattributed: UnattributedPassthrough | null;
  /** Requests + connections per second sent to an egress gateway (first hop; registered by construction). */
  readonly viaGateway: number;
}

/** What GET /api/readiness answers. */
export interface ReadinessReport {
  /** Evaluation time, RFC 3339. */
  readonly end: string;
  /** Rate window, as a Prometheus duration. */
  readonly window: string;
  /** One entry per source namespace with egress in the window, sorted by name. */
  readonly namespaces: NamespaceReadiness[];
  /** The whole mesh; a gateway's registered second hop is not counted twice (see computeReadiness). */
  readonly mesh: Omit<NamespaceReadiness, 'namespace'>;
  readonly warnings: string[];
}
