/** Istio standard metric labels per egress case (facts §1, §2). */
import { BLACKHOLE_CLUSTER, PASSTHROUGH_CLUSTER, UNKNOWN } from '../egress/types';
import type { DemoDestination, DemoTraffic, DemoWorkload } from './types';

export type Labels = Record<string, string>;

/** Istio's default cluster ID (`values.global.multiCluster.clusterName`). */
export const DEMO_CLUSTER = 'Kubernetes';
export const DEMO_JOB = 'istio-demo';
export const DEMO_INSTANCE = 'demo-mesh';
/** Istio's value for a missing canonical revision. */
const LATEST = 'latest';

export const METRIC = {
  requests: 'istio_requests_total',
  tcpSent: 'istio_tcp_sent_bytes_total',
  tcpReceived: 'istio_tcp_received_bytes_total',
  tcpOpened: 'istio_tcp_connections_opened_total',
  tcpClosed: 'istio_tcp_connections_closed_total',
} as const;

export type MetricName = (typeof METRIC)[keyof typeof METRIC];

/** Output order of the metric families. */
export const METRIC_NAMES: readonly MetricName[] = [METRIC.requests, METRIC.tcpSent, METRIC.tcpReceived, METRIC.tcpOpened, METRIC.tcpClosed];

function principal(w: DemoWorkload): string {
  return `spiffe://cluster.local/ns/${w.namespace}/sa/${w.serviceAccount}`;
}

/** source_* labels of the reporting client. */
export function sourceLabels(w: DemoWorkload): Labels {
  if (w.unknownIdentity) {
    return {
      source_workload: UNKNOWN,
      source_workload_namespace: UNKNOWN,
      source_principal: UNKNOWN,
      source_app: UNKNOWN,
      source_version: UNKNOWN,
      source_canonical_service: UNKNOWN,
      source_canonical_revision: LATEST,
      source_cluster: UNKNOWN,
    };
  }
  return {
    source_workload: w.name,
    source_workload_namespace: w.namespace,
    source_principal: principal(w),
    source_app: w.app,
    source_version: w.version ?? UNKNOWN,
    source_canonical_service: w.app,
    source_canonical_revision: w.version ?? LATEST,
    source_cluster: DEMO_CLUSTER,
  };
}

function externalDestination(service: string, serviceName: string, serviceNamespace: string): Labels {
  return {
    destination_workload: UNKNOWN,
    destination_workload_namespace: UNKNOWN,
    destination_principal: UNKNOWN,
    destination_app: UNKNOWN,
    destination_version: UNKNOWN,
    destination_service: service,
    destination_service_name: serviceName,
    destination_service_namespace: serviceNamespace,
    destination_canonical_service: UNKNOWN,
    destination_canonical_revision: LATEST,
    destination_cluster: UNKNOWN,
  };
}

/** destination_* labels; passthrough/blackhole carry the Host header for HTTP and "unknown" otherwise. */
export function destinationLabels(d: DemoDestination): Labels {
  switch (d.kind) {
    case 'passthrough':
      return externalDestination(d.hostHeader ?? UNKNOWN, PASSTHROUGH_CLUSTER, UNKNOWN);
    case 'blackhole':
      return externalDestination(d.hostHeader ?? UNKNOWN, BLACKHOLE_CLUSTER, UNKNOWN);
    case 'service-entry':
      return externalDestination(d.host, d.host, d.namespace);
    case 'workload': {
      const w = d.workload;
      return {
        destination_workload: w.name,
        destination_workload_namespace: w.namespace,
        destination_principal: principal(w),
        destination_app: w.app,
        destination_version: w.version ?? UNKNOWN,
        destination_service: d.service,
        destination_service_name: d.serviceName,
        destination_service_namespace: d.serviceNamespace,
        destination_canonical_service: w.app,
        destination_canonical_revision: w.version ?? LATEST,
        destination_cluster: DEMO_CLUSTER,
      };
    }
  }
}

/** A Kubernetes service destination `<name>.<ns>.svc.cluster.local` backed by `w`. */
export function serviceDestination(w: DemoWorkload, serviceName: string): DemoDestination {
  return {
    kind: 'workload',
    workload: w,
    service: `${serviceName}.${w.namespace}.svc.cluster.local`,
    serviceName,
    serviceNamespace: w.namespace,
  };
}

export interface SeriesLabelInput {
  readonly traffic: DemoTraffic;
  readonly metric: MetricName;
  readonly reporter: 'source' | 'destination';
  readonly responseCode?: string;
  readonly responseFlags: string;
  readonly pod: string;
  readonly podNamespace: string;
}

/** The full label set of one series: Istio standard labels plus pod, namespace, job and instance. */
export function seriesLabels(input: SeriesLabelInput): Labels {
  const { traffic, metric } = input;
  const labels: Labels = {
    reporter: input.reporter,
    ...sourceLabels(traffic.source),
    ...destinationLabels(traffic.destination),
    request_protocol: traffic.protocol,
    response_flags: input.responseFlags,
    // Client proxies do not know the policy; the server side saw mTLS.
    connection_security_policy: input.reporter === 'source' ? UNKNOWN : 'mutual_tls',
  };
  if (metric === METRIC.requests) {
    labels.response_code = input.responseCode ?? '200';
    // Empty on plain HTTP, so Prometheus drops it.
    if (traffic.protocol === 'grpc') labels.grpc_response_status = '0';
  }
  labels.pod = input.pod;
  labels.namespace = input.podNamespace;
  labels.job = DEMO_JOB;
  labels.instance = DEMO_INSTANCE;
  return labels;
}
