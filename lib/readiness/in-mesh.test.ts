import { describe, expect, it } from 'vitest';
import { gatewayMatcher } from '../egress/classify';
import { createDemoMesh, demoSeries, METRIC } from '../../tools/demo';
import { buildInMeshQuery, getInMeshCalls, toInMeshCall, type InMeshCall } from './in-mesh';

const isGateway = gatewayMatcher('istio-egressgateway.*');

/** The demo's source-reported series of one metric, as labels. */
function demoLabels(metric: string): Record<string, string>[] {
  return [...demoSeries(createDemoMesh({ origin: 1767225600 }))].filter((s) => s.name === metric && s.labels.reporter === 'source').map((s) => ({ ...s.labels }));
}

const key = (c: InMeshCall) => `${c.source.namespace}/${c.source.workload} ${c.kind} ${c.namespace} ${c.service}`;

describe('buildInMeshQuery', () => {
  it('reads HTTP requests and opened TCP connections with a known source and destination workload, tagged apart', () => {
    const q = buildInMeshQuery({ windowSeconds: 3600, namespaces: [] });
    expect(q).toContain('rate(istio_requests_total{reporter=~"source|waypoint", source_workload!="unknown", destination_workload!~"unknown|"}[1h])');
    expect(q).toContain('rate(istio_tcp_connections_opened_total{reporter=~"source|waypoint", source_workload!="unknown", destination_workload!~"unknown|"}[1h])');
    expect(q).toMatch(/"egress_lens_measure", "requests".* or .*"egress_lens_measure", "connections"/);
    expect(q).toContain('sum by (source_cluster, source_workload_namespace, source_workload, destination_service, destination_service_name, destination_service_namespace, destination_workload, destination_workload_namespace, connection_security_policy)');
  });

  it('keeps the source namespaces asked for, as regex-escaped literals', () => {
    const q = buildInMeshQuery({ windowSeconds: 300, namespaces: ['shop', 'a.b'] });
    expect(q.match(/source_workload_namespace=~"shop\|a\\\\.b"/g)).toHaveLength(2);
  });
});

describe('toInMeshCall on the demo mesh series (the egress rulebook, classifyEgress)', () => {
  const calls = [...demoLabels(METRIC.requests), ...demoLabels(METRIC.tcpOpened)]
    .map((l) => toInMeshCall(l, 1, isGateway))
    .filter((c): c is InMeshCall => c !== null);
  const keys = new Set(calls.map(key));

  it('finds the service calls, across namespaces too, by the service namespace', () => {
    expect(keys).toContain('shop/frontend-v2 service shop productpage.shop.svc.cluster.local');
    expect(keys).toContain('shop/checkout-v1 service payments payment-gateway.payments.svc.cluster.local');
    expect(keys).toContain('data/warehouse-loader service ml feature-store.ml.svc.cluster.local');
    expect(keys).toContain('ml/model-server-v3 service ml feature-store.ml.svc.cluster.local');
  });

  it('counts the hop to the egress gateway as a call into its namespace', () => {
    expect(keys).toContain('shop/checkout-v1 service istio-system istio-egressgateway.istio-system.svc.cluster.local');
  });

  it("leaves out ambient egress: ztunnel's ServiceEntry connections and its hop to the egress waypoint (no Sidecar applies to them)", () => {
    expect(calls.filter((c) => c.source.namespace === 'ambient-shop').map(key)).toEqual([]);
  });

  it('marks PassthroughCluster to a pod IP with its workload as a pod-IP call', () => {
    expect(calls.filter((c) => c.kind === 'pod-ip').map(key)).toEqual(['legacy/billing-batch pod-ip payments 10.244.1.7:8080']);
  });

  it('leaves out egress: passthrough, blocked, ServiceEntry hosts and unknown sources', () => {
    for (const c of calls) {
      expect(c.source.workload).not.toBe('unknown');
      expect(c.service).not.toMatch(/httpbin|pastebin|stripe|googleapis|ifconfig/);
    }
  });

  it('drops calls BlackHoleCluster already drops, and zero or broken rates', () => {
    const labels = { source_workload_namespace: 'data', source_workload: 'etl', destination_service: '10.0.0.1:80', destination_service_name: 'BlackHoleCluster', destination_workload: 'ledger', destination_workload_namespace: 'payments' };
    expect(toInMeshCall(labels, 1, isGateway)).toBeNull();
    const ok = { ...labels, destination_service: 'ledger.payments.svc.cluster.local', destination_service_name: 'ledger', destination_service_namespace: 'payments' };
    expect(toInMeshCall(ok, 2, isGateway)).toMatchObject({ kind: 'service', namespace: 'payments', ratePerSecond: 2 });
    for (const v of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) expect(toInMeshCall(ok, v, isGateway)).toBeNull();
  });
});

describe('getInMeshCalls', () => {
  it('asks one query at the end time and passes the backend warnings on', async () => {
    const asked: string[] = [];
    const client = {
      instantQuery: async (query: string, time: number) => {
        asked.push(`${time} ${query}`);
        return { samples: [{ labels: { source_workload_namespace: 'shop', source_workload: 'a', destination_service: 'b.pay.svc.cluster.local', destination_service_name: 'b', destination_service_namespace: 'pay', destination_workload: 'b', destination_workload_namespace: 'pay' }, value: 3 }], warnings: ['partial'] };
      },
      streamInstantQuery: () => Promise.reject(new Error('not used')),
      rangeQuery: () => Promise.reject(new Error('not used')),
      buildInfo: async () => null,
    };
    const a = await getInMeshCalls({ client, gatewayWorkloads: 'istio-egressgateway.*' }, { end: 1000, windowSeconds: 3600, namespaces: [] });
    expect(asked).toEqual([`1000 ${a.query}`]);
    expect(a.calls).toEqual([{ source: { namespace: 'shop', workload: 'a' }, kind: 'service', namespace: 'pay', service: 'b.pay.svc.cluster.local', workload: 'b', ratePerSecond: 3 }]);
    expect(a.warnings).toEqual(['Prometheus: partial']);
  });
});
