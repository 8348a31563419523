import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO_SCRAPE_JOB, forceFlush, remoteWriteUrlOf, startCounterExporter, startPrometheus, startVictoriaMetrics, type CounterExporter, type CounterSeries, type RunningBackend } from '../../tools/backends';
import { describeWithBinaries } from '../../testing/needs-binaries';
import { loadConfig } from '../config/env';
import { createPrometheusClient } from '../prometheus/client';
import type { PromLabels } from '../prometheus/types';
import { REQUESTS_METRIC, TCP_METRICS } from './rules';
import { getEgressReport } from './report';
import type { EgressFlow } from './types';

/**
 * Several clusters read the way multi-cluster users run them (facts §9):
 * each cluster's Prometheus scrapes its own mesh and remote-writes into one
 * VictoriaMetrics, and Egress Lens reads that global store. Two clusters,
 * east and west, each an exporter of Istio series (with `source_cluster` as
 * Istio writes it) and a Prometheus scraping it every second.
 */

const CLUSTERS = ['east', 'west'] as const;
type Cluster = (typeof CLUSTERS)[number];
const WINDOW_SECONDS = 10;
/** Live scraping: a rate over a 10 s window of 1 s scrapes is within this of the exporter's. */
const TOLERANCE = 0.2;

/** Every standard label Istio writes (facts §1); missing values are "unknown". */
const base = (cluster: Cluster): PromLabels => ({
  reporter: 'source',
  source_workload: 'checkout-v1',
  source_workload_namespace: 'shop',
  source_cluster: cluster,
  destination_workload: 'unknown',
  destination_workload_namespace: 'unknown',
  destination_service: 'unknown',
  destination_service_name: 'unknown',
  destination_service_namespace: 'unknown',
  destination_cluster: 'unknown',
  request_protocol: 'http',
  response_flags: '-',
  connection_security_policy: 'unknown',
});
const passthroughHttp = (cluster: Cluster, host: string): PromLabels => ({ ...base(cluster), destination_service: host, destination_service_name: 'PassthroughCluster', response_code: '200' });
const serviceEntryHttp = (cluster: Cluster, host: string, ns: string): PromLabels => ({
  ...base(cluster),
  destination_service: host,
  destination_service_name: host,
  destination_service_namespace: ns,
  destination_cluster: cluster,
  response_code: '200',
});
/** ztunnel (ambient) on the client side: istio_tcp_* only, request_protocol tcp. */
const ztunnel = (cluster: Cluster, labels: PromLabels): PromLabels => ({ ...base(cluster), source_workload: 'curl', source_workload_namespace: 'ambient-apps', request_protocol: 'tcp', ...labels });

/** Per-second rates each cluster's exporter serves: what the report must find. */
const RATES = {
  east: { github: 2 },
  west: { github: 5, httpbin: 3, ztunnelPassthrough: 4, ztunnelStripe: 1.5 },
} as const;

function clusterSeries(cluster: Cluster): CounterSeries[] {
  if (cluster === 'east') return [{ name: REQUESTS_METRIC, labels: passthroughHttp('east', 'api.github.com'), perSecond: RATES.east.github }];
  const stripe = ztunnel('west', {
    destination_service: 'api.stripe.com',
    destination_service_name: 'stripe-ext',
    destination_service_namespace: 'egress-se',
    destination_workload: 'stripe-ext',
    destination_workload_namespace: 'egress-se',
    destination_cluster: 'west',
  });
  const passthrough = ztunnel('west', {});
  return [
    { name: REQUESTS_METRIC, labels: passthroughHttp('west', 'api.github.com'), perSecond: RATES.west.github },
    { name: REQUESTS_METRIC, labels: serviceEntryHttp('west', 'httpbin.org', 'egress-config'), perSecond: RATES.west.httpbin },
    { name: TCP_METRICS.opened, labels: passthrough, perSecond: RATES.west.ztunnelPassthrough },
    { name: TCP_METRICS.sent, labels: passthrough, perSecond: 1000 },
    { name: TCP_METRICS.opened, labels: stripe, perSecond: RATES.west.ztunnelStripe },
    { name: TCP_METRICS.sent, labels: stripe, perSecond: 500 },
  ];
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

interface Sample {
  readonly metric: Record<string, string>;
  readonly value: [number, string];
}

async function instant(url: string, promql: string): Promise<Sample[]> {
  const u = new URL('/api/v1/query', url);
  u.searchParams.set('query', promql);
  const res = await fetch(u, { signal: AbortSignal.timeout(5_000) });
  const body = (await res.json()) as { status: string; data?: { result?: Sample[] }; error?: string };
  if (body.status !== 'success') throw new Error(`${promql}: ${body.error ?? res.status}`);
  return body.data?.result ?? [];
}

/**
 * Poll VictoriaMetrics (flushing each time) until every cluster's every
 * series has samples covering the rate window, or fail saying which are missing.
 */
async function waitForClusters(vmUrl: string, deadlineMs: number): Promise<void> {
  const expected = new Map(CLUSTERS.map((c) => [c, clusterSeries(c).length]));
  const query = `count by (source_cluster) (count_over_time({__name__=~"istio_.*",job="${DEMO_SCRAPE_JOB}"}[${WINDOW_SECONDS}s]) >= ${WINDOW_SECONDS - 2})`;
  const deadline = Date.now() + deadlineMs;
  let seen = new Map<string, number>();
  while (Date.now() < deadline) {
    await forceFlush(vmUrl);
    seen = new Map((await instant(vmUrl, query)).map((s) => [s.metric.source_cluster ?? '?', Number(s.value[1])]));
    if (CLUSTERS.every((c) => (seen.get(c) ?? 0) >= (expected.get(c) ?? 0))) return;
    await sleep(500);
  }
  const status = CLUSTERS.map((c) => `${c}: ${seen.get(c) ?? 0} of ${expected.get(c)} series with ${WINDOW_SECONDS} s of samples`).join('; ');
  throw new Error(`VictoriaMetrics did not get both clusters' series within ${deadlineMs} ms (${status}); check the Prometheus logs' remote write errors`);
}

const near = (actual: number | undefined, expected: number) => {
  expect(actual).toBeDefined();
  expect(Math.abs((actual ?? 0) - expected) / expected, `${actual} vs ${expected}`).toBeLessThanOrEqual(TOLERANCE);
};

describeWithBinaries(['prometheus', 'victoria-metrics'], 'two clusters, each a Prometheus remote-writing into one VictoriaMetrics: the report keeps them apart', () => {
  let vm: RunningBackend;
  const proms: RunningBackend[] = [];
  const exporters: CounterExporter[] = [];
  let flows: EgressFlow[] = [];

  beforeAll(async () => {
    vm = await startVictoriaMetrics({});
    for (const cluster of CLUSTERS) {
      const exporter = await startCounterExporter(clusterSeries(cluster));
      exporters.push(exporter);
      proms.push(await startPrometheus({ scrapeTargets: [exporter.target], scrapeIntervalSeconds: 1, remoteWriteUrl: remoteWriteUrlOf(vm.url), externalLabels: { cluster } }));
    }
    await waitForClusters(vm.url, 40_000);
    const client = createPrometheusClient(loadConfig({ PROMETHEUS_URL: vm.url }).prometheus);
    const report = await getEgressReport({ client, gatewayWorkloads: 'istio-egressgateway.*', topHostsPerStatus: 50 }, { end: Date.now() / 1000, windowSeconds: WINDOW_SECONDS, namespaces: [] });
    flows = report.flows;
  }, 60_000);

  afterAll(async () => {
    // The writers first, then the store they write to.
    await Promise.all(proms.map((p) => p.stop()));
    await Promise.all([vm?.stop(), ...exporters.map((e) => e.close())]);
  }, 30_000);

  const of = (cluster: Cluster, namespace: string, workload: string) =>
    flows.filter((f) => f.source.cluster === cluster && f.source.namespace === namespace && f.source.workload === workload);

  it('every flow carries the source cluster as Istio wrote it', () => {
    expect(flows.length).toBeGreaterThan(0);
    expect(new Set(flows.map((f) => f.source.cluster))).toEqual(new Set(CLUSTERS));
  });

  it('shop/checkout-v1 in east and in west are two sources, each with its own hosts and rates', () => {
    const east = of('east', 'shop', 'checkout-v1');
    const west = of('west', 'shop', 'checkout-v1');
    expect(east.map((f) => [f.destination.host, f.destination.status])).toEqual([['api.github.com', 'passthrough']]);
    expect(west.map((f) => [f.destination.host, f.destination.status]).sort()).toEqual([
      ['api.github.com', 'passthrough'],
      ['httpbin.org', 'registered'],
    ]);
    near(east[0]?.requestsPerSecond, RATES.east.github);
    near(west.find((f) => f.destination.host === 'api.github.com')?.requestsPerSecond, RATES.west.github);
    near(west.find((f) => f.destination.host === 'httpbin.org')?.requestsPerSecond, RATES.west.httpbin);
    expect(flows.filter((f) => f.source.workload === 'checkout-v1')).toHaveLength(3);
  });

  it("west's ambient workload: ztunnel passthrough and ztunnel to a ServiceEntry host, both dataPlane ambient", () => {
    const ambient = of('west', 'ambient-apps', 'curl');
    expect(ambient.map((f) => [f.destination.status, f.destination.host, f.protocol, f.dataPlane]).sort()).toEqual([
      ['passthrough', null, 'tcp', 'ambient'],
      ['registered', 'api.stripe.com', 'tcp', 'ambient'],
    ]);
    near(ambient.find((f) => f.destination.host === null)?.connectionsPerSecond, RATES.west.ztunnelPassthrough);
    near(ambient.find((f) => f.destination.host === 'api.stripe.com')?.connectionsPerSecond, RATES.west.ztunnelStripe);
    expect(flows.filter((f) => f.dataPlane === 'ambient')).toHaveLength(2);
    expect(of('east', 'ambient-apps', 'curl')).toEqual([]);
  });
});
