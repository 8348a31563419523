import type { Page } from '@playwright/test';
import { createDemoMesh } from '../tools/demo';
import { expect, test } from './fixtures';
import { GraphPage } from './pages/graph-page';
import { openOwnGraph, ownStackOrigin, startOwnStack, type OwnStack } from './support/own-stack';

/**
 * Levels of detail, domain groups and focus on a real Prometheus holding a
 * larger mesh: the demo plus 120 workloads in 12 namespaces calling 300
 * hosts over 30 domains and S3 buckets (tools/demo/scale-mesh.ts `domains`),
 * some of them blocked.
 */
const SCALE = { workloads: 120, hosts: 300, namespaces: 12, domains: 30 };

test.describe('a larger mesh: namespace level, domain groups, focus', () => {
  let stack: OwnStack | undefined;

  test.beforeAll(async () => {
    test.setTimeout(240_000);
    stack = await startOwnStack('graph-detail', createDemoMesh({ origin: ownStackOrigin(), scale: SCALE }));
  });

  test.afterAll(async () => {
    await stack?.stop();
  });

  const open = (page: Page, query = ''): Promise<GraphPage> => openOwnGraph(page, stack, query);

  const ids = async (graph: GraphPage) => (await graph.nodes()).map((n) => n.id);
  const param = (page: Page, name: string) => new URL(page.url()).searchParams.get(name);

  test('opens at namespace level with hosts grouped by domain; red only on blocked edges, grouped ones included', async ({ page }) => {
    const graph = await open(page);
    const nodes = await graph.nodes();
    const kinds = (k: string) => nodes.filter((n) => n.kind === k);
    expect(kinds('namespace-group').map((n) => n.id)).toEqual(expect.arrayContaining(['nsg:east/scale-0', 'nsg:east/scale-11', 'nsg:east/shop']));
    // Only the egress gateway and the egress waypoint are drawn as workloads: they are the middle layer.
    expect(kinds('workload').map((n) => n.id).sort()).toEqual(['wl:east/istio-egress/waypoint', 'wl:east/istio-system/istio-egressgateway']);
    expect(kinds('host-group').map((n) => n.id)).toEqual(expect.arrayContaining(['grp:amazonaws.com', 'grp:d0.example', 'grp:d28.example']));
    expect(nodes.length).toBeLessThanOrEqual(100);
    expect(nodes.find((n) => n.id === 'nsg:east/scale-0')?.label).toBe('east · scale-0 · 10 workloads ⊞');

    const edges = await graph.edges();
    const red = new Set(edges.filter((e) => e.blocked).map((e) => e.lineColor));
    expect(red.size).toBe(1);
    for (const e of edges) expect(red.has(e.lineColor), e.id).toBe(e.status === 'blocked');
    // d22.example holds a blocked host (h22) among passed-through ones: a red edge and grey ones into one group.
    const intoD2 = edges.filter((e) => e.id.includes('>grp:d22.example|'));
    expect(intoD2.some((e) => e.blocked)).toBe(true);
    expect(intoD2.some((e) => !e.blocked)).toBe(true);
  });

  test('screenshot at namespace level, 1440x900', async ({ page }) => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await open(page);
    await page.screenshot({ path: test.info().outputPath('namespace-level.png') });
  });

  test('a namespace expands on click and collapses from the details panel, each surviving a reload', async ({ page }) => {
    let graph = await open(page);
    await graph.clickNode('nsg:east/scale-3');
    await expect.poll(() => param(page, 'ex')).toBe('east/scale-3');
    await expect.poll(async () => (await ids(graph)).filter((id) => id.startsWith('wl:east/scale-3/')).length).toBe(10);
    expect(await ids(graph)).not.toContain('nsg:east/scale-3');
    expect(await ids(graph)).toContain('nsg:east/scale-4');

    await page.reload();
    graph = new GraphPage(page);
    await graph.waitForGraph();
    expect((await ids(graph)).filter((id) => id.startsWith('wl:east/scale-3/'))).toHaveLength(10);
    await expect(graph.details.getByRole('heading', { level: 2 })).toHaveText('east · scale-3');

    await graph.details.getByRole('button', { name: 'Collapse namespace' }).click();
    await expect.poll(() => param(page, 'ex')).toBeNull();
    await expect.poll(() => ids(graph)).toContain('nsg:east/scale-3');
    await page.reload();
    await graph.waitForGraph();
    const after = await ids(graph);
    expect(after).toContain('nsg:east/scale-3');
    expect(after.some((id) => id.startsWith('wl:east/scale-3/'))).toBe(false);
  });

  test('a domain group expands on click, lists its hosts, and collapses, each surviving a reload', async ({ page }) => {
    const graph = await open(page);
    await graph.clickNode('grp:d22.example');
    await expect.poll(() => param(page, 'gx')).toBe('d22.example');
    await expect.poll(() => ids(graph)).toContain('ext:h22.d22.example');
    expect(await ids(graph)).not.toContain('grp:d22.example');
    // The hosts the cardinality guard kept (the top 100 by rate; the rest are "other hosts").
    await expect(graph.details.getByRole('list', { name: /^Hosts \(\d+\)$/ })).toContainText('h22.d22.example');

    await page.reload();
    await graph.waitForGraph();
    expect(await ids(graph)).toContain('ext:h22.d22.example');
    await graph.details.getByRole('button', { name: 'Collapse d22.example' }).click();
    await expect.poll(() => param(page, 'gx')).toBeNull();
    await expect.poll(() => ids(graph)).toContain('grp:d22.example');
    await page.reload();
    await graph.waitForGraph();
    expect(await ids(graph)).toContain('grp:d22.example');
    expect(await ids(graph)).not.toContain('ext:h22.d22.example');
  });

  test('focus on a host shows only its paths; Leave focus brings everything back', async ({ page }) => {
    const graph = await open(page, 'gx=d22.example');
    const before = (await ids(graph)).length;
    await graph.clickNode('ext:h22.d22.example');
    await graph.details.getByRole('button', { name: 'Focus', exact: true }).click();
    await expect.poll(() => param(page, 'focus')).toMatch(/^h_/);
    await expect(page.getByTestId('focus-chip')).toContainText('h22.d22.example');
    // h22 is called by pair 22 only: wl-22 in scale-10, a single workload, so drawn as itself.
    await expect.poll(async () => (await ids(graph)).filter((id) => !id.startsWith('ns:')).sort()).toEqual(['ext:h22.d22.example', 'wl:east/scale-10/wl-22']);
    const edges = await graph.edges();
    expect(edges.every((e) => e.blocked)).toBe(true);

    await page.reload();
    await graph.waitForGraph();
    await expect(page.getByTestId('focus-chip')).toBeVisible();
    await page.getByRole('button', { name: 'Leave focus' }).first().click();
    await expect.poll(() => param(page, 'focus')).toBeNull();
    await expect.poll(async () => (await ids(graph)).length).toBe(before);
  });
});

test.describe('screenshots at 1440x900', () => {
  test.use({ viewport: { width: 1440, height: 900 } });

  test('the demo graph (workload level)', async ({ page }) => {
    const graph = new GraphPage(page);
    await graph.goto();
    expect((await graph.nodes()).some((n) => n.kind === 'namespace-group' || n.kind === 'host-group')).toBe(false);
    await page.screenshot({ path: test.info().outputPath('demo-graph.png') });
  });
});
