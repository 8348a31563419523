/**
 * A small mesh the shared demo does not hold: ambient workloads (ztunnel and
 * an egress waypoint, facts §9, labels as in lib/egress/rules.prometheus.test.ts)
 * and a namespace in two clusters. For the readiness and promote specs.
 */
import type { DemoSeries } from '../../tools/demo';

const BASE: Record<string, string> = {
  reporter: 'source',
  destination_workload: 'unknown',
  destination_workload_namespace: 'unknown',
  destination_service: 'unknown',
  destination_service_name: 'unknown',
  destination_service_namespace: 'unknown',
  response_flags: '-',
  connection_security_policy: 'unknown',
};

/** A counter growing at `perSecond` from `origin`: HTTP requests (code 200) or opened TCP connections. */
function counter(kind: 'http' | 'tcp', labels: Record<string, string>, perSecond: number, origin: number): DemoSeries {
  const name = kind === 'http' ? 'istio_requests_total' : 'istio_tcp_connections_opened_total';
  const own: Record<string, string> = kind === 'http' ? { request_protocol: 'http', response_code: '200' } : { request_protocol: 'tcp' };
  return { name, labels: { ...BASE, ...own, ...labels }, valueAt: (t) => Math.max(0, t - origin) * perSecond, existsAt: () => true };
}

/** ambient-apps/curl (cluster east): ztunnel passthrough TCP with no host, and HTTP through an egress waypoint; shop/web in east and west: HTTP passthrough. */
export function ambientMeshSeries(origin: number): DemoSeries[] {
  const curl = { source_workload: 'curl', source_workload_namespace: 'ambient-apps', source_cluster: 'east' };
  const web = (cluster: string) => ({ source_workload: 'web', source_workload_namespace: 'shop', source_cluster: cluster, destination_service: 'api.github.com', destination_service_name: 'PassthroughCluster' });
  return [
    counter('tcp', curl, 2, origin),
    counter('http', { ...curl, reporter: 'waypoint', destination_service: 'httpbin.org', destination_service_name: 'httpbin.org', destination_service_namespace: 'istio-egress', connection_security_policy: 'mutual_tls' }, 1, origin),
    counter('http', web('east'), 1, origin),
    counter('http', web('west'), 0.5, origin),
  ];
}
