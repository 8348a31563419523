import { DEMO_HOSTILE_HOST } from '../tools/demo';
import { displayLabel, displayText } from '../lib/format';
import { CANVAS_LABEL_MAX } from '../lib/graph/layout-geometry';
import type { EgressReport } from '../lib/egress/report';
import { expect, test } from './fixtures';
import { GraphPage } from './pages/graph-page';

// Colours of the light theme (components/graph/graph-styles.ts).
const RED = 'rgb(220,38,38)';

test.describe('the egress graph page', () => {
  test('draws blocked edges red, and only those', async ({ page }) => {
    const graph = new GraphPage(page);
    await graph.goto();
    const edges = await graph.edges();
    const blocked = edges.filter((e) => e.blocked);
    expect(blocked.map((e) => e.id).sort()).toEqual(edges.filter((e) => e.status === 'blocked').map((e) => e.id).sort());
    expect(blocked.length).toBeGreaterThanOrEqual(3);
    for (const e of blocked) expect(e.lineColor.replace(/\s/g, '')).toBe(RED);
    for (const e of edges.filter((x) => !x.blocked)) expect(e.lineColor.replace(/\s/g, '')).not.toBe(RED);
    // Width shows traffic now (issue 13), so a busy passthrough edge may be wider than a trickle of blocked traffic;
    // what marks blocked edges apart is red and the bar at their end, and a blocked edge is never a hairline.
    for (const e of blocked) expect(e.arrow).toBe('tee');
    for (const e of edges.filter((x) => !x.blocked)) expect(e.arrow).not.toBe('tee');
    expect(Math.min(...blocked.map((e) => parseFloat(e.width)))).toBeGreaterThanOrEqual(3);
  });

  test('status filter, namespace filter and find change what is shown and survive a reload', async ({ page }) => {
    const graph = new GraphPage(page);
    await graph.goto();
    const all = await graph.edges();

    await page.getByLabel('Status', { exact: true }).selectOption('blocked');
    await expect.poll(async () => (await graph.edges()).every((e) => e.status === 'blocked')).toBe(true);
    const blockedCount = (await graph.edges()).length;
    expect(blockedCount).toBeLessThan(all.length);
    await expect(page).toHaveURL(/status=blocked/);

    await page.getByLabel('Find').fill('pastebin');
    await expect.poll(async () => (await graph.nodes()).filter((n) => n.classes.includes('match')).map((n) => n.id)).toEqual(['ext:pastebin.com']);

    await page.reload();
    await graph.waitForGraph();
    await expect(page.getByLabel('Status', { exact: true })).toHaveValue('blocked');
    await expect(page.getByLabel('Find')).toHaveValue('pastebin');
    expect((await graph.edges()).length).toBe(blockedCount);

    await page.goto('/?ns=shop');
    await graph.waitForGraph();
    const shopEdges = await graph.edges();
    expect(shopEdges.length).toBeGreaterThan(0);
    expect(shopEdges.every((e) => /^wl:(?:east|west)\/shop\//.test(e.id))).toBe(true);
    await page.goBack();
    await expect(page.getByLabel('Find')).toHaveValue('pastebin');
  });

  test('selecting a host shows its callers and rate', async ({ page, api }) => {
    const graph = new GraphPage(page);
    await graph.goto();
    await graph.clickNode('ext:pastebin.com');
    await expect(graph.details.getByRole('heading', { name: 'pastebin.com' })).toBeVisible();
    await expect(graph.details).toContainText('etl-worker');
    const report = (await (await api.get('/api/egress')).json()) as EgressReport;
    const flow = report.flows.find((f) => f.destination.host === 'pastebin.com');
    expect(flow?.requestsPerSecond).toBeGreaterThan(0);
    await expect(graph.details).toContainText('req/s');
    await expect(graph.details).toContainText('502');
    // The URL names the host by its hostId, the one /api/egress gives it.
    expect(flow?.destination.hostId).toMatch(/^h_[A-Za-z0-9_-]{22}$/);
    await expect(page).toHaveURL(new RegExp(`sel=${flow?.destination.hostId}$`));
    // The rate-over-time chart (a range query), with a summary table for screen readers.
    const chart = graph.details.getByRole('figure', { name: /requests\/s over time/ });
    await expect(chart).toBeVisible();
    await expect(chart.locator('table.sr-only')).toContainText('data/etl-worker');
    await graph.details.getByText('Where these numbers come from').first().click();
    await expect(graph.details).toContainText('istio_requests_total');
  });

  test('the table lists the same flows as /api/egress', async ({ page, api }) => {
    const report = (await (await api.get('/api/egress')).json()) as EgressReport;
    await page.goto('/?view=table');
    const table = page.getByRole('table', { name: 'Egress flows' });
    await expect(table.locator('tbody tr')).toHaveCount(report.flows.length);
    // Hosts are shown with control characters as symbols and bidi controls escaped (lib/format displayText).
    for (const f of report.flows.filter((x) => x.destination.host)) await expect(table.getByText(displayText(f.destination.host!), { exact: false }).first()).toBeVisible();
  });

  test('the hostile host renders as text on the canvas, in the panel and in the table, and runs nothing', async ({ page }) => {
    const dialogs: string[] = [];
    page.on('dialog', async (d) => {
      dialogs.push(d.message());
      await d.dismiss();
    });
    const graph = new GraphPage(page);
    await graph.goto(`sel=${encodeURIComponent(`ext:${DEMO_HOSTILE_HOST}`)}`);
    // The canvas draws the markup as text, cut in the middle to the canvas label length; the panel has it whole.
    const canvasLabel = (await graph.nodes()).find((n) => n.id === `ext:${DEMO_HOSTILE_HOST}`)?.label;
    expect(canvasLabel).toBe(displayLabel(DEMO_HOSTILE_HOST, CANVAS_LABEL_MAX));
    expect(canvasLabel?.startsWith('<img src=x')).toBe(true);
    await expect(graph.details.getByRole('heading', { name: DEMO_HOSTILE_HOST })).toBeVisible();
    await page.goto('/?view=table');
    await expect(page.getByRole('table', { name: 'Egress flows' }).getByText(DEMO_HOSTILE_HOST, { exact: true })).toBeVisible();
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(dialogs).toEqual([]);
  });
});

test.describe('readable at the opening zoom', () => {
  test.use({ viewport: { width: 1440, height: 900 } });

  test('the demo opens at 1440x900 with every node label drawn at 11 px or more, and every node and edge on screen', async ({ page }) => {
    const graph = new GraphPage(page);
    await graph.goto();
    const drawn = await page.evaluate(() => {
      const cy = window.__egressLens!.cy;
      const nodes = cy.nodes().filter((n) => n.isChildless() && n.data('kind') !== 'namespace');
      return {
        count: nodes.length,
        smallestPx: Math.min(...nodes.map((n) => parseFloat(String(n.style('font-size'))) * cy.zoom())),
        // No label, or one cytoscape leaves out at this zoom (min-zoomed-font-size above its size on screen).
        unlabelled: nodes.filter((n) => String(n.style('label')).length === 0 || parseFloat(String(n.style('min-zoomed-font-size'))) > parseFloat(String(n.style('font-size'))) * cy.zoom()).map((n) => n.id()),
        outside: nodes.filter((n) => {
          const b = n.renderedBoundingBox({ includeLabels: true });
          return b.x1 < 0 || b.y1 < 0 || b.x2 > cy.width() || b.y2 > cy.height();
        }).map((n) => n.id()),
      };
    });
    expect(drawn.count).toBeLessThanOrEqual(80);
    expect(drawn.smallestPx).toBeGreaterThanOrEqual(11);
    expect(drawn.unlabelled).toEqual([]);
    expect(drawn.outside).toEqual([]);
  });
});

test('exports the current view as JSON and PNG', async ({ page }) => {
  const graph = new GraphPage(page);
  await graph.goto('status=blocked');
  const drawn = await graph.edges();

  const [json] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export JSON' }).click()]);
  expect(json.suggestedFilename()).toMatch(/^egress-graph-.*\.json$/);
  const body = JSON.parse(await (await import('node:fs/promises')).readFile((await json.path())!, 'utf8')) as { edges: { id: string }[]; queries: { http: string } };
  expect(body.edges.map((e) => e.id).sort()).toEqual(drawn.map((e) => e.id).sort());
  expect(body.queries.http).toContain('istio_requests_total');

  const [png] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export PNG' }).click()]);
  expect(png.suggestedFilename()).toMatch(/\.png$/);
  const bytes = await (await import('node:fs/promises')).readFile((await png.path())!);
  expect(bytes.subarray(1, 4).toString()).toBe('PNG');
  expect(bytes.length).toBeGreaterThan(5000);
});
