import type { EgressProtocol, EgressStatus, FlowRates } from '../egress/types';
import type { EgressQueries } from '../prometheus/queries';
import type { Health } from './health';

/** Node kinds of the egress graph. */
export type EgressNode =
  | {
      readonly id: string;
      readonly kind: 'namespace';
      readonly label: string;
      /** Only when the graph has several clusters (the label then names the cluster too). */
      readonly namespace?: string;
      readonly cluster?: string;
    }
  | {
      readonly id: string;
      readonly kind: 'workload';
      readonly label: string;
      readonly namespace: string;
      readonly workload: string;
      /** An egress gateway or an ambient egress waypoint (both hops are drawn). */
      readonly gateway: boolean;
      /** The gateway is an ambient egress waypoint. */
      readonly waypoint?: boolean;
      readonly parent: string;
      /** The source cluster, only when the graph has several (lib/graph/build.ts). */
      readonly cluster?: string;
    }
  | {
      readonly id: string;
      readonly kind: 'host';
      readonly label: string;
      readonly host: string;
      /** The host's short, stable id (lib/egress/host-id.ts): what URLs and chart requests name it by. */
      readonly hostId: string;
      /** The most severe status seen for this host (blocked > passthrough > registered). */
      readonly status: EgressStatus;
      readonly statuses: readonly EgressStatus[];
      readonly serviceEntryNamespace?: string;
      readonly ports?: readonly number[];
      readonly ip?: boolean;
    }
  | {
      /** TLS/TCP traffic without a host in the metrics, or the cardinality guard's "other hosts". */
      readonly id: string;
      readonly kind: 'unattributed' | 'other-hosts';
      readonly label: string;
      readonly status: EgressStatus;
      readonly otherHosts?: number;
    }
  | {
      /** A source namespace drawn as one node (levels of detail, lib/graph/detail.ts): its workloads' edges summed. */
      readonly id: string;
      readonly kind: 'namespace-group';
      readonly label: string;
      readonly namespace: string;
      /** The cluster, only when the graph has several. */
      readonly cluster?: string;
      /** Workloads it stands for. */
      readonly workloads: number;
    }
  | {
      /** Hosts of one registrable domain drawn as one node (lib/graph/domains.ts). */
      readonly id: string;
      readonly kind: 'host-group';
      readonly label: string;
      readonly domain: string;
      /** Hosts it stands for. */
      readonly hosts: number;
      /** The statuses of its hosts, most severe first. */
      readonly statuses: readonly EgressStatus[];
      /** The most severe of them. */
      readonly status: EgressStatus;
    };

export interface EgressEdge extends FlowRates {
  readonly id: string;
  readonly source: string;
  readonly target: string;
  readonly protocol: EgressProtocol;
  readonly status: EgressStatus;
  /** Red edges: the mesh dropped this traffic (BlackHoleCluster). */
  readonly blocked: boolean;
  /** Workload -> egress gateway (first hop). */
  readonly viaGateway: boolean;
  /** Share of 4xx, 5xx and no-response answers (HTTP/gRPC only). */
  readonly errorRatio?: number;
  /** HTTP/gRPC health; TCP has none except idle. */
  readonly health?: Health;
}

export interface EgressGraph {
  readonly end: string;
  readonly window: string;
  readonly nodes: EgressNode[];
  readonly edges: EgressEdge[];
  readonly warnings: string[];
  /** The PromQL behind every number. */
  readonly queries: EgressQueries;
  /** Only on an empty graph: whether Prometheus has Istio metrics at all. */
  readonly istioMetrics?: 'present' | 'absent';
  /** Where a user can open those queries (PROMETHEUS_PUBLIC_URL), when configured. */
  readonly prometheusUrl?: string;
}
