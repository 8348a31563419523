import type { Page } from '@playwright/test';
import { createDemoMesh, demoSeries, type DemoMesh, type DemoSeries } from '../tools/demo';
import { expect, test } from './fixtures';
import { GraphPage } from './pages/graph-page';
import { openOwnGraph, ownStackOrigin, startOwnStackWithSeries, type OwnStack } from './support/own-stack';

/**
 * Two clusters on a real Prometheus: the demo mesh's series written twice,
 * once with `source_cluster="east"` and once, for the shop, data and
 * istio-system namespaces only, with `source_cluster="west"` (the same
 * namespace/workload in both: two sources). Hosts are shared.
 */
function twoClusters(mesh: DemoMesh): Iterable<DemoSeries> {
  const inCluster = (s: DemoSeries, cluster: string): DemoSeries => ({
    name: s.name,
    labels: Object.fromEntries(Object.entries(s.labels).map(([k, v]) => [k, (k === 'source_cluster' || k === 'destination_cluster') && v !== 'unknown' ? cluster : v])),
    valueAt: (t) => s.valueAt(t),
    existsAt: (t) => s.existsAt(t),
  });
  const west = new Set(['shop', 'data', 'istio-system']);
  return {
    *[Symbol.iterator]() {
      for (const s of demoSeries(mesh)) {
        yield inCluster(s, 'east');
        if (west.has(s.labels.source_workload_namespace ?? '')) yield inCluster(s, 'west');
      }
    },
  };
}

test.describe('several clusters: grouped graph, cluster filter, blocked page', () => {
  let stack: OwnStack | undefined;

  test.beforeAll(async () => {
    test.setTimeout(240_000);
    stack = await startOwnStackWithSeries('clusters', twoClusters(createDemoMesh({ origin: ownStackOrigin() })));
  });

  test.afterAll(async () => {
    await stack?.stop();
  });

  const open = (page: Page, query = ''): Promise<GraphPage> => openOwnGraph(page, stack, query);

  test('the graph draws each cluster namespaces apart, one node per workload and cluster, hosts shared', async ({ page }) => {
    const graph = await open(page);
    const nodes = await graph.nodes();
    const boxes = nodes.filter((n) => n.kind === 'namespace');
    expect(boxes.map((n) => n.id)).toEqual(expect.arrayContaining(['ns:east/shop', 'ns:west/shop', 'ns:east/ml']));
    expect(boxes.find((n) => n.id === 'ns:west/shop')?.label).toBe('west · shop');
    expect(new Set(boxes.map((n) => n.id.slice(3).split('/')[0]))).toEqual(new Set(['east', 'west']));
    const ids = nodes.map((n) => n.id);
    expect(ids).toEqual(expect.arrayContaining(['wl:east/data/etl-worker', 'wl:west/data/etl-worker']));
    expect(ids.filter((id) => id === 'ext:pastebin.com')).toHaveLength(1);
    const edges = (await graph.edges()).map((e) => e.id);
    expect(edges).toEqual(expect.arrayContaining(['wl:east/data/etl-worker>ext:pastebin.com|http|blocked', 'wl:west/data/etl-worker>ext:pastebin.com|http|blocked']));
  });

  test('the cluster filter narrows to one cluster, is kept in the URL and survives a reload', async ({ page }) => {
    await open(page);
    await page.getByLabel('Clusters', { exact: true }).click();
    // The URL holds the choice: the box is checked once the page has navigated.
    await page.getByRole('checkbox', { name: 'west' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.getAll('cluster')).toEqual(['west']);
    const graph = new GraphPage(page);
    const workloads = async () => (await graph.nodes()).filter((n) => n.kind === 'workload').map((n) => n.id);
    await expect.poll(async () => (await workloads()).every((id) => id.startsWith('wl:west/'))).toBe(true);
    expect((await workloads()).length).toBeGreaterThan(0);

    await page.reload();
    await graph.waitForGraph();
    expect((await workloads()).every((id) => id.startsWith('wl:west/'))).toBe(true);
    await expect(page.getByLabel('Clusters', { exact: true })).toHaveText('Clusters: west');

    // The table keeps the filter and names the cluster of each flow.
    await page.getByRole('tab', { name: 'table' }).click();
    const table = page.getByRole('table', { name: 'Egress flows' });
    await expect(table.getByRole('columnheader', { name: /Cluster/ })).toBeVisible();
    await expect(table.getByRole('row').nth(1).getByRole('cell').first()).toHaveText('west');
    expect(await table.getByRole('cell', { name: 'east', exact: true }).count()).toBe(0);

    // A link to another page keeps the cluster, as it keeps the namespaces.
    await page.getByRole('link', { name: /Blocked/ }).first().click();
    await expect.poll(() => new URL(page.url()).searchParams.getAll('cluster')).toEqual(['west']);
  });

  test('the blocked page names the cluster of each row and filters by it', async ({ page }) => {
    await page.goto(`${stack!.app.url}/blocked?window=1h`);
    const table = page.getByRole('table', { name: 'Blocked egress attempts' });
    await expect(table.getByText('east/data/etl-worker', { exact: true }).first()).toBeVisible();
    await expect(table.getByText('west/data/etl-worker', { exact: true }).first()).toBeVisible();
    await page.goto(`${stack!.app.url}/blocked?window=1h&cluster=east`);
    await expect(table.getByText('east/data/etl-worker', { exact: true }).first()).toBeVisible();
    await expect(table.getByText('west/data/etl-worker', { exact: true })).toHaveCount(0);
  });

  test('screenshot of the two-cluster graph, 1440x900', async ({ page }) => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await open(page);
    await page.screenshot({ path: test.info().outputPath('two-clusters.png') });
  });
});
