import type { DemoSeries } from '../tools/demo';
import { expect, test } from './fixtures';
import { openOwnGraph, ownStackOrigin, startOwnStackWithSeries, type OwnStack } from './support/own-stack';

/**
 * Istio 1.31's ALLOW_ANY_DYNAMIC_DNS as a user meets it (facts §9): plain
 * HTTP to an unregistered host, reported with the Host header in both service
 * labels and no namespace, from proxies that are all 1.31. The graph shows the
 * host as passthrough and says which rule decided, on a real Prometheus.
 */
function dynamicDnsMesh(origin: number): DemoSeries[] {
  const labels = {
    reporter: 'source',
    source_workload: 'curl',
    source_workload_namespace: 'shop',
    source_cluster: 'Kubernetes',
    destination_service: 'api.dynamic.example',
    destination_service_name: 'api.dynamic.example',
    destination_service_namespace: 'unknown',
    destination_workload: 'unknown',
    destination_workload_namespace: 'unknown',
    request_protocol: 'http',
    response_code: '200',
    response_flags: '-',
    connection_security_policy: 'unknown',
  };
  const build = (pod: string): DemoSeries => ({ name: 'istio_build', type: 'gauge', labels: { component: 'proxy', tag: '1.31.0', pod }, valueAt: () => 1, existsAt: () => true });
  return [{ name: 'istio_requests_total', labels, valueAt: (t) => Math.max(0, t - origin) * 2, existsAt: () => true }, build('curl-1'), build('curl-2')];
}

test.describe('ALLOW_ANY_DYNAMIC_DNS (a mesh of its own)', () => {
  let stack: OwnStack | undefined;

  test.beforeAll(async () => {
    test.setTimeout(240_000);
    stack = await startOwnStackWithSeries('dynamic-dns', dynamicDnsMesh(ownStackOrigin()));
  });

  test.afterAll(async () => {
    await stack?.stop();
  });

  test('a host named without a namespace is passthrough when every proxy is 1.31, and the page says which rule decided', async ({ page }) => {
    const graph = await openOwnGraph(page, stack);
    const warnings = page.getByTestId('data-warnings');
    await expect(warnings).toContainText('1 host is named without a namespace (api.dynamic.example), read as passthrough (ALLOW_ANY_DYNAMIC_DNS)');
    await expect(warnings).toContainText('Every proxy is Istio 1.23 or newer (1.31.0)');
    // Drawn as a passthrough host (the graph's answer holds the status its style reads).
    expect((await graph.nodes()).map((n) => n.id)).toContain('ext:api.dynamic.example');
    const drawn = (await (await page.request.get(`${stack!.app.url}/api/graph?window=5m`)).json()) as { nodes: { id: string; status?: string }[] };
    expect(drawn.nodes.find((n) => n.id === 'ext:api.dynamic.example')?.status).toBe('passthrough');

    const body = (await (await page.request.get(`${stack!.app.url}/api/egress?window=5m`)).json()) as { outboundMode: Record<string, unknown>; flows: { destination: { host: string; status: string } }[] };
    expect(body.outboundMode).toMatchObject({ decidedBy: 'proxy-versions', hostNamedWithoutNamespace: 'passthrough', proxyVersions: ['1.31.0'], hosts: 1 });
    expect(body.flows.map((f) => [f.destination.host, f.destination.status])).toEqual([['api.dynamic.example', 'passthrough']]);
  });
});
