/** Types of the synthetic Istio demo mesh (see shared istio-egress-facts.md §1–§2). */
import type { DataPlane, EgressProtocol, EgressStatus, WorkloadRef } from '../../lib/egress/types';

export interface DemoScale {
  /** Number of synthetic workloads (one pod each), spread over `namespaces` namespaces. */
  readonly workloads: number;
  /** Number of distinct passthrough hosts (`h<n>.scale.test`). */
  readonly hosts: number;
  /** Namespaces the workloads are spread over, 1..workloads; default ~workloads/10 (at least 1). */
  readonly namespaces?: number;
  /** The first `tcpWorkloads` workloads also open TLS/TCP passthrough connections (one series per TCP byte and connection metric each), 0..workloads; default 0. */
  readonly tcpWorkloads?: number;
  /**
   * Spread the hosts over this many registrable domains (`h<i>.d<k>.example`,
   * every tenth host an `*.s3.amazonaws.com` bucket, every 23rd blocked),
   * 1..hosts; default: all hosts under one domain (`h<i>.scale.test`), all passed through.
   */
  readonly domains?: number;
}

export interface DemoMeshOptions {
  /** Unix seconds, start of history; a multiple of 15. */
  readonly origin: number;
  readonly scale?: DemoScale;
}

export interface DemoEvents {
  /** Pod `counterResetPod` restarts right after this 15 s grid point: its counters hold their value at this instant and count from 0 after it. */
  readonly counterResetAt: number;
  readonly counterResetPod: string;
  /** A grid point at which `legacy/report-builder` goes REGISTRY_ONLY: its passthrough series end here and BlackHoleCluster series start here (value 0). */
  readonly switchToBlockedAt: number;
}

export interface DemoMesh {
  readonly origin: number;
  readonly events: DemoEvents;
  readonly scale?: DemoScale;
  /** Every traffic definition, lazily (re-iterable; scale mode can hold 100k). */
  readonly traffic: Iterable<DemoTraffic>;
  /** Gauges besides the traffic counters (istio_build per proxy pod). */
  readonly gauges?: readonly DemoSeries[];
}

/** One counter series, as Prometheus would store it. */
export interface DemoSeries {
  /** Metric name as exposed, e.g. istio_requests_total. */
  readonly name: string;
  /** Default counter. */
  readonly type?: 'counter' | 'gauge';
  readonly labels: Readonly<Record<string, string>>;
  /** Counter value at unix time t (seconds); 0 before the series exists. */
  valueAt(t: number): number;
  /** True while the series exists (only then are samples written). */
  existsAt(t: number): boolean;
}

export interface HistoryRange {
  readonly start: number;
  readonly end: number;
  readonly step: number;
}

export interface WriteResult {
  readonly series: number;
  readonly samples: number;
}

/** A rate that is constant, or varies as a slow sine: perSecond * (1 + amplitude * sin(2π (t / period + phase))). */
export interface RateSpec {
  readonly perSecond: number;
  /** Relative amplitude, 0..0.2. */
  readonly amplitude: number;
  /** Period in seconds (hours, so that 5-minute rates stay within 0.1%). */
  readonly period: number;
  /** Phase as a fraction of the period, 0..1. */
  readonly phase: number;
}

/** A workload (Deployment) and its pods; `unknownIdentity` marks a proxy without Istio metadata (source labels "unknown"). */
export interface DemoWorkload {
  readonly namespace: string;
  readonly name: string;
  readonly app: string;
  /** Absent: version label "unknown", canonical revision "latest". */
  readonly version?: string;
  readonly serviceAccount: string;
  readonly pods: readonly string[];
  readonly unknownIdentity?: true;
  /** The `source_cluster` its proxies write; default DEMO_CLUSTER. */
  readonly cluster?: string;
  /** Ambient: no sidecar; pod i's traffic is reported by the ztunnel on its node (ZTUNNEL_PODS[i]). */
  readonly ambient?: true;
  /** The Istio tag of its proxies (istio_build{component="proxy"}); none for ambient pods and proxies without Istio. */
  readonly proxyVersion?: string;
}

/** A ServiceEntry as ztunnel names it: its host, its metadata.name and namespace. */
export interface DemoServiceEntry {
  readonly host: string;
  readonly name: string;
  readonly namespace: string;
}

/** Where the sidecar sent the traffic, i.e. which Envoy cluster (facts §2). */
export type DemoDestination =
  /** ALLOW_ANY. `hostHeader` for HTTP; TCP/TLS carry destination_service "unknown". */
  | { readonly kind: 'passthrough'; readonly hostHeader?: string }
  /** REGISTRY_ONLY. HTTP: 502 with the Host header; TCP: connections_closed only, flag UH. */
  | { readonly kind: 'blackhole'; readonly hostHeader?: string }
  /** A MESH_EXTERNAL ServiceEntry host as written (wildcards stay). */
  | { readonly kind: 'service-entry'; readonly host: string; readonly namespace: string }
  /** ztunnel passthrough (external IP, no ServiceEntry): every destination_* label unknown. */
  | { readonly kind: 'ztunnel-passthrough' }
  /** ztunnel straight to a ServiceEntry host (no waypoint): plain TCP to the ServiceEntry's synthesised workload. */
  | { readonly kind: 'ambient-service-entry'; readonly serviceEntry: DemoServiceEntry }
  /** ztunnel's HBONE hop to the egress waypoint bound to the ServiceEntry. */
  | { readonly kind: 'waypoint-hop'; readonly serviceEntry: DemoServiceEntry; readonly waypoint: DemoWorkload }
  /** The egress waypoint's own view (reporter="waypoint"): the host twice, the ServiceEntry namespace, no workload. */
  | { readonly kind: 'waypoint-service-entry'; readonly serviceEntry: DemoServiceEntry; readonly waypoint: DemoWorkload }
  /** A telemetry artefact: destination_service = destination_service_name = an IP[:port], nothing else known. */
  | { readonly kind: 'ip-named'; readonly address: string }
  /** A mesh workload: a Kubernetes service, the egress gateway, or a pod IP via PassthroughCluster. */
  | {
      readonly kind: 'workload';
      readonly workload: DemoWorkload;
      readonly service: string;
      readonly serviceName: string;
      readonly serviceNamespace: string;
    };

export interface DemoResponse {
  readonly code: string;
  /** Fraction of the requests, the shares of one traffic sum to 1. */
  readonly share: number;
  /** Envoy response flags, "-" when absent. */
  readonly flags?: string;
}

/** How the API must classify a traffic definition (declared, not derived from labels). */
export interface DemoExpectation {
  readonly status: EgressStatus;
  readonly host: string | null;
  /** An explicit port in the Host header. */
  readonly port?: number;
  readonly ip?: true;
  readonly serviceEntryNamespace?: string;
  readonly via?: WorkloadRef;
  /** Default 'sidecar'. */
  readonly dataPlane?: DataPlane;
}

export type DemoReporter = 'source' | 'destination' | 'waypoint';

export interface DemoTraffic {
  readonly id: string;
  readonly source: DemoWorkload;
  readonly protocol: EgressProtocol;
  readonly destination: DemoDestination;
  /** In-mesh traffic is reported by both sidecars; everything else by the source only (its sidecar or ztunnel), or by an egress waypoint. */
  readonly reporters: readonly DemoReporter[];
  /** Requests per second (http/grpc) or connections per second (tcp). */
  readonly rate: RateSpec;
  /** HTTP/gRPC response mix; default all 200. */
  readonly responses?: readonly DemoResponse[];
  /** TCP bytes per second (same shape as `rate`). */
  readonly bytes?: { readonly sent: number; readonly received: number };
  /** Unix seconds; default the mesh origin. */
  readonly from?: number;
  /** Unix seconds; the last instant the series exist. */
  readonly until?: number;
  /** null: not egress, the API must not report it. */
  readonly expect: DemoExpectation | null;
}
