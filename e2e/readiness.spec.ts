import YAML from 'yaml';
import { expectedFlows } from '../tools/demo';
import { displayText } from '../lib/format';
import type { ReadinessReport, ReadinessResources } from '../lib/readiness';
import { sidecarAdmits } from '../lib/resources/sidecar-hosts';
import { expect, test } from './fixtures';
import { ambientMeshSeries } from './support/ambient-mesh';
import { ownStackOrigin, startOwnStackWithSeries, type OwnStack } from './support/own-stack';

const MIN = 60;

test('readiness lists exactly the demo unregistered passthrough hosts, per namespace, and links to their bundle', async ({ page, mesh }) => {
  const end = mesh.origin + 80 * MIN;
  await page.goto(`/readiness?window=1h&end=${end}`);
  const passthrough = expectedFlows(mesh, { end, window: 3600 }).filter((f) => f.destination.status === 'passthrough' && f.destination.host !== null && !f.via);
  // The demo has two clusters: one card per cluster and namespace.
  const byNs = new Map<string, Set<string>>();
  const cardOf = (ns: string, cluster = 'east') => `Namespace ${ns} in cluster ${cluster}`;
  for (const f of passthrough) {
    const card = cardOf(f.source.namespace, f.source.cluster);
    byNs.set(card, (byNs.get(card) ?? new Set()).add(f.destination.host!));
  }
  expect(byNs.size).toBeGreaterThan(1);

  for (const [name, hosts] of byNs) {
    const ns = name.split(' ')[1]!;
    const card = page.getByRole('region', { name, exact: true });
    const rows = card.getByRole('table', { name: `Hosts to register for ${ns}` }).locator('tr');
    await expect(rows).toHaveCount(hosts.size);
    const shown = await rows.locator('td:first-child').allTextContents();
    // Shown with control characters as symbols and bidi controls escaped (lib/format displayText).
    expect(new Set(shown)).toEqual(new Set([...hosts].map((h) => displayText(h))));
  }
  // A namespace whose egress is all registered is ready, and says so without a contradiction.
  const payments = page.getByRole('region', { name: cardOf('payments'), exact: true });
  await expect(payments.getByTestId('readiness')).toHaveText('Ready: nothing that works today would break');
  await expect(payments).toContainText('100% of the egress that works today is registered');
  // Unattributed TLS/TCP is called out with the Telemetry that would name it.
  await expect(page.getByRole('region', { name: cardOf('shop'), exact: true })).toContainText('TLS/TCP passthrough without a host from shop/cart-v1');
  await expect(page.getByRole('region', { name: 'Mesh' })).toContainText('kind: Telemetry');

  await page.getByRole('region', { name: cardOf('legacy'), exact: true }).getByRole('link', { name: /^Promote to ServiceEntry/ }).click();
  await expect(page).toHaveURL(/\/promote\?host=/);
  await expect(page.getByRole('region', { name: 'Evidence' })).toContainText('legacy/cms-v1');
});

test('data is ready and names what stays blocked beside its blocked rate (issue 12)', async ({ page, mesh }) => {
  const end = mesh.origin + 80 * MIN;
  await page.goto(`/readiness?window=1h&end=${end}`);
  const data = page.getByRole('region', { name: 'Namespace data' });
  await expect(data.getByTestId('readiness')).toHaveText('Ready: nothing that works today would break');
  await expect(data).not.toContainText('Every named destination is registered');
  const blocked = data.locator('[data-detail="still-blocked"]');
  await expect(blocked).toContainText(/^Still blocked: \d+ hosts \(pastebin\.com, .*\) and TLS\/TCP without a host at [\d.]+\/s\. It fails today \(BlackHoleCluster\) and stays blocked under REGISTRY_ONLY\.$/);
  // The same rate as the numbers beside it.
  const rate = /blocked today ([\d.]+)\/s/.exec((await data.textContent()) ?? '')?.[1];
  expect(rate).toBeDefined();
  await expect(blocked).toContainText(`at ${rate}/s`);
});

test('the root namespace gets no per-namespace Sidecar; the mesh-wide switch is offered apart, as mesh-wide (issue 12)', async ({ page, mesh }) => {
  await page.goto(`/readiness?window=1h&end=${mesh.origin + 80 * MIN}`);
  const root = page.getByRole('region', { name: 'Namespace istio-system' });
  await expect(root.locator('[data-switch="root-namespace"]')).toContainText("istio-system is Istio's root namespace");
  await expect(root.getByText(/Sidecar that switches/)).toHaveCount(0);
  const meshRegion = page.getByRole('region', { name: 'Mesh' });
  await meshRegion.getByText('Switch the whole mesh at once (meshConfig)').click();
  await expect(meshRegion.getByLabel('IstioOperator')).toContainText('mode: REGISTRY_ONLY');
  await expect(meshRegion.getByLabel('Helm values')).toContainText('meshConfig:');
  await expect(meshRegion.getByLabel('Root-namespace Sidecar')).toContainText('# MESH-WIDE');
  await expect(meshRegion).toContainText('every namespace switches');
  // What a mesh-wide switch would break: the passthrough hosts of every namespace.
  await expect(meshRegion.locator('[data-detail="would-break"]')).toContainText('httpbin.org');
  await expect(meshRegion.locator('[data-detail="pod-ip"]')).toContainText('legacy/billing-batch → payments/ledger-v1');
});

test('every in-mesh call Prometheus saw stays admitted by the Sidecar generated for its namespace (issue 12)', async ({ api, state, mesh }) => {
  const end = mesh.origin + 80 * MIN;
  const body = (await (await api.get(`/api/readiness?window=1h&end=${end}`)).json()) as ReadinessReport & ReadinessResources;
  const sel = 'reporter="source", source_workload!="unknown", destination_workload!="unknown", destination_service_name!~"PassthroughCluster|BlackHoleCluster"';
  const pairs: { from: string; namespace: string; host: string }[] = [];
  for (const metric of ['istio_requests_total', 'istio_tcp_connections_opened_total']) {
    const q = `sum by (source_workload_namespace, destination_service_namespace, destination_service) (rate(${metric}{${sel}}[1h])) > 0`;
    const res = (await (await fetch(`${state.backends.prometheus}/api/v1/query?${new URLSearchParams({ query: q, time: String(end) })}`)).json()) as {
      data: { result: { metric: Record<string, string> }[] };
    };
    for (const r of res.data.result) pairs.push({ from: r.metric.source_workload_namespace ?? '', namespace: r.metric.destination_service_namespace ?? '', host: r.metric.destination_service ?? '' });
  }
  expect(pairs.filter((p) => p.from !== p.namespace).map((p) => `${p.from}->${p.namespace}`)).toEqual(expect.arrayContaining(['shop->payments', 'data->ml']));
  for (const p of pairs) {
    const s = body.switches.find((x) => x.namespace === p.from);
    // An ambient namespace gets no Sidecar (none applies to its pods): nothing of it to admit.
    if (p.from === 'ambient-shop') {
      expect(s?.kind).toBe('ambient-only');
      continue;
    }
    expect(s?.kind, p.from).toBe('sidecar');
    const sidecar = YAML.parse(s?.kind === 'sidecar' ? s.yaml : '') as { spec: { egress: { hosts: string[] }[] } };
    expect(sidecarAdmits(sidecar.spec.egress.flatMap((e) => e.hosts), p.from, p), JSON.stringify(p)).toBe(true);
  }
});

test.describe('ambient namespaces and two clusters (a mesh of its own)', () => {
  let stack: OwnStack | undefined;
  test.use({ viewport: { width: 1440, height: 900 } });

  test.beforeAll(async () => {
    test.setTimeout(240_000);
    stack = await startOwnStackWithSeries('readiness-ambient', ambientMeshSeries(ownStackOrigin()));
  });

  test.afterAll(async () => {
    await stack?.stop();
  });

  test('an ambient namespace gets the egress waypoint and its AuthorizationPolicy, no Sidecar; cards name their cluster', async ({ page }) => {
    await page.goto(`${stack!.app.url}/readiness?window=30m`);
    await expect(page.getByTestId('clusters')).toContainText('2 clusters');
    const amb = page.getByRole('region', { name: 'Namespace ambient-apps in cluster east' });
    await expect(amb.getByTestId('data-plane')).toHaveText('ambient');
    await expect(amb.getByTestId('cluster')).toHaveText('cluster east');
    await expect(amb).toContainText('ztunnel does not enforce REGISTRY_ONLY');
    await expect(amb.getByText(/^Sidecar that switches/)).toHaveCount(0);
    await amb.scrollIntoViewIfNeeded();
    await page.mouse.wheel(0, -120);
    await page.screenshot({ path: test.info().outputPath('readiness-ambient-card.png') });
    await amb.getByText(/^Egress waypoint and AuthorizationPolicy for/).click();
    const yaml = (await amb.locator('pre').textContent()) ?? '';
    const docs = YAML.parseAllDocuments(yaml).map((d) => d.toJSON() as { kind: string; spec: Record<string, unknown> });
    expect(docs.map((d) => d.kind)).toEqual(['Gateway', 'AuthorizationPolicy']);
    expect(docs[1]?.spec).toMatchObject({ targetRefs: [{ kind: 'Gateway', name: 'egress-waypoint' }], rules: [{ to: [{ operation: { hosts: ['httpbin.org'] } }] }] });

    // The same namespace in two clusters: a card per cluster, each with its own numbers; sidecars keep their Sidecar.
    for (const cluster of ['east', 'west']) {
      const shop = page.getByRole('region', { name: `Namespace shop in cluster ${cluster}` });
      await expect(shop.getByTestId('cluster')).toHaveText(`cluster ${cluster}`);
      await expect(shop.getByText(/^Sidecar that switches/)).toHaveCount(1);
      await expect(shop.getByTestId('data-plane')).toHaveCount(0);
    }
    await page.screenshot({ path: test.info().outputPath('readiness-ambient-page.png'), fullPage: true });
  });
});
