/** Istio standard metric labels per egress case (facts §1, §2). */
import { BLACKHOLE_CLUSTER, PASSTHROUGH_CLUSTER, UNKNOWN } from '../../lib/egress/rules';
import type { DemoDestination, DemoReporter, DemoTraffic, DemoWorkload } from './types';
import { DEMO_CLUSTER } from './workloads';

export type Labels = Record<string, string>;

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

/** Which proxy writes a series: a sidecar (or the egress gateway), ztunnel for an ambient pod, or the egress waypoint. */
export type DemoProxy = 'sidecar' | 'ztunnel' | 'waypoint';

/** The cluster a workload runs in. */
export function clusterOf(w: DemoWorkload): string {
  return w.cluster ?? DEMO_CLUSTER;
}

/** ztunnel's locality labels (it writes them; sidecars do not). */
const LOCALITY: Readonly<Record<string, readonly [string, string]>> = { east: ['us-east1', 'us-east1-b'], west: ['us-west1', 'us-west1-a'] };

/**
 * source_* labels of the reporting client. ztunnel writes canonical names in
 * source_app/source_version and knows the principal only over HBONE (research
 * §2.1); a sidecar and a waypoint take them from the peer's metadata.
 */
export function sourceLabels(w: DemoWorkload, proxy: DemoProxy = 'sidecar', mutualTls = false): Labels {
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
  const ztunnel = proxy === 'ztunnel';
  return {
    source_workload: w.name,
    source_workload_namespace: w.namespace,
    source_principal: ztunnel && !mutualTls ? UNKNOWN : principal(w),
    source_app: w.app,
    source_version: w.version ?? (ztunnel ? LATEST : UNKNOWN),
    source_canonical_service: w.app,
    source_canonical_revision: w.version ?? LATEST,
    source_cluster: clusterOf(w),
  };
}

function externalDestination(service: string, serviceName: string, serviceNamespace: string, revision = LATEST): Labels {
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
    destination_canonical_revision: revision,
    destination_cluster: UNKNOWN,
  };
}

/** A workload as ztunnel names a destination: canonical names in app/version. */
function ztunnelWorkload(name: string, namespace: string, principalOf: string, cluster: string): Labels {
  return {
    destination_workload: name,
    destination_workload_namespace: namespace,
    destination_principal: principalOf,
    destination_app: name,
    destination_version: LATEST,
    destination_canonical_service: name,
    destination_canonical_revision: LATEST,
    destination_cluster: cluster,
  };
}

/** How ztunnel names a ServiceEntry (facts §9): the host, the ServiceEntry's object name, its namespace. */
function ztunnelServiceEntry(se: { readonly host: string; readonly name: string; readonly namespace: string }): Labels {
  return { destination_service: se.host, destination_service_name: se.name, destination_service_namespace: se.namespace };
}

/**
 * destination_* labels; passthrough/blackhole carry the Host header for HTTP
 * and "unknown" otherwise; the ambient kinds as research §2.2-2.4 give them
 * (`cluster`: the client's, where the destination is local to it).
 */
export function destinationLabels(d: DemoDestination, cluster: string = DEMO_CLUSTER): Labels {
  switch (d.kind) {
    case 'ztunnel-passthrough':
      // Even destination_canonical_revision is unknown (a sidecar would say "latest").
      return externalDestination(UNKNOWN, UNKNOWN, UNKNOWN, UNKNOWN);
    case 'ambient-service-entry': {
      const se = d.serviceEntry;
      // The workload istiod synthesises for the ServiceEntry; its service account defaults to "default".
      return { ...ztunnelServiceEntry(se), ...ztunnelWorkload(se.name, se.namespace, `spiffe://cluster.local/ns/${se.namespace}/sa/default`, cluster) };
    }
    case 'waypoint-hop':
      return { ...ztunnelServiceEntry(d.serviceEntry), ...ztunnelWorkload(d.waypoint.name, d.waypoint.namespace, principal(d.waypoint), cluster) };
    case 'waypoint-service-entry':
      return externalDestination(d.serviceEntry.host, d.serviceEntry.host, d.serviceEntry.namespace, UNKNOWN);
    case 'ip-named':
      return externalDestination(d.address, d.address, UNKNOWN);
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
        destination_cluster: clusterOf(w),
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
  readonly reporter: DemoReporter;
  readonly proxy: DemoProxy;
  readonly responseCode?: string;
  readonly responseFlags: string;
  readonly pod: string;
  readonly podNamespace: string;
  /** Further labels the scrape adds (app="ztunnel", the waypoint's gateway name). */
  readonly scrape?: Readonly<Labels>;
}

/** Whether the connection is mTLS: the server side, the waypoint, and ztunnel's HBONE hop; a client sidecar does not know. */
function isMutualTls(input: SeriesLabelInput): boolean {
  return input.reporter !== 'source' || input.traffic.destination.kind === 'waypoint-hop';
}

/** The full label set of one series: Istio standard labels plus pod, namespace, job and instance (and what the scrape adds). */
export function seriesLabels(input: SeriesLabelInput): Labels {
  const { traffic, metric, proxy } = input;
  const mutualTls = isMutualTls(input);
  const cluster = clusterOf(traffic.source);
  const labels: Labels = {
    reporter: input.reporter,
    ...sourceLabels(traffic.source, proxy, mutualTls),
    ...destinationLabels(traffic.destination, cluster),
    request_protocol: traffic.protocol,
    response_flags: input.responseFlags,
    connection_security_policy: mutualTls ? 'mutual_tls' : UNKNOWN,
  };
  if (proxy === 'ztunnel') {
    const [region, zone] = LOCALITY[cluster] ?? [UNKNOWN, UNKNOWN];
    const local = traffic.destination.kind === 'waypoint-hop';
    Object.assign(labels, { source_region: region, source_zone: zone, destination_region: local ? region : UNKNOWN, destination_zone: local ? zone : UNKNOWN });
  }
  if (metric === METRIC.requests) {
    labels.response_code = input.responseCode ?? '200';
    // Empty on plain HTTP, so Prometheus drops it.
    if (traffic.protocol === 'grpc') labels.grpc_response_status = '0';
  }
  Object.assign(labels, input.scrape ?? {});
  labels.pod = input.pod;
  labels.namespace = input.podNamespace;
  labels.job = DEMO_JOB;
  labels.instance = DEMO_INSTANCE;
  return labels;
}
