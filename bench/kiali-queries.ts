/**
 * The PromQL Kiali issues to build its traffic graph, per namespace, for the
 * query-plan benchmark. Emulated from kiali/kiali (commit 7545877, read
 * 2026-11-21):
 * - graph/telemetry/istio/istio.go, buildNamespaceTrafficMap(): for HTTP/gRPC
 *   requests, (0) requests into the namespace's services that never reached a
 *   workload (reporter="source", source_workload_namespace!="<ns>",
 *   destination_workload_namespace="unknown", destination_workload="unknown",
 *   destination_service=~"^.+\\.<ns>\\..+$"), (2) incoming with
 *   reporter="destination", destination_workload_namespace="<ns>", (3) outgoing
 *   with reporter="source", source_workload_namespace="<ns>"; each
 *   `sum(rate(m{...} [<duration>s])) by (<labels>) > 0` (the idle-edge filter,
 *   includeIdleEdges=false by default). The same three for each TCP byte
 *   metric: rateTcp=total reads istio_tcp_received_bytes_total and
 *   istio_tcp_sent_bytes_total (the default, rateTcp=sent, reads only the
 *   first; "L4 telemetry is backwards", istio/istio#32399).
 * - graph/telemetry/istio/util/util.go, PromQueryAppender(): every query is
 *   wrapped as `round(<query>,0.001)`.
 * - BuildNamespacesTrafficMap(): namespaces are handled one after another.
 * Query (1) exists only for Ambient namespaces and is left out (the demo is a
 * sidecar mesh), as are the ambient `reporter=~"waypoint|..."` and
 * `app!="ztunnel"` variants. Kiali's appenders (Kubernetes lookups, health,
 * response times) come on top and are not emulated: this is a lower bound.
 */

/** The source and destination labels both of Kiali's group-bys share. */
const KIALI_ENDPOINT_LABELS = [
  'source_cluster',
  'source_workload_namespace',
  'source_workload',
  'source_canonical_service',
  'source_canonical_revision',
  'destination_cluster',
  'destination_service_namespace',
  'destination_service',
  'destination_service_name',
  'destination_workload_namespace',
  'destination_workload',
  'destination_canonical_service',
  'destination_canonical_revision',
];

/** Kiali's group-by for istio_requests_total (17 labels). */
export const KIALI_HTTP_GROUP_BY = [...KIALI_ENDPOINT_LABELS, 'request_protocol', 'response_code', 'grpc_response_status', 'response_flags'].join(',');

/** Kiali's group-by for the TCP byte metrics (15 labels). */
export const KIALI_TCP_GROUP_BY = ['app', ...KIALI_ENDPOINT_LABELS, 'response_flags'].join(',');

/** Kiali's TCP metrics with rateTcp=total, in its order. */
export const KIALI_TCP_METRICS = ['istio_tcp_received_bytes_total', 'istio_tcp_sent_bytes_total'] as const;

/** The queries Kiali runs for one namespace, in order: 3 for requests, then 3 per TCP metric. */
export function kialiNamespaceQueries(namespace: string, durationSeconds: number): string[] {
  const three = (metric: string, groupBy: string): string[] =>
    [
      `reporter="source",source_workload_namespace!="${namespace}",destination_workload_namespace="unknown",destination_workload="unknown",destination_service=~"^.+\\\\.${namespace}\\\\..+$"`,
      `reporter="destination",destination_workload_namespace="${namespace}"`,
      `reporter="source",source_workload_namespace="${namespace}"`,
    ].map((selector) => `round(sum(rate(${metric}{${selector}} [${durationSeconds}s])) by (${groupBy}) > 0,0.001)`);
  return [...three('istio_requests_total', KIALI_HTTP_GROUP_BY), ...KIALI_TCP_METRICS.flatMap((m) => three(m, KIALI_TCP_GROUP_BY))];
}
