import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import type { EdgeSingular, NodeSingular } from 'cytoscape';
import { DEMO_HOSTILE_HOST } from '../tools/demo';
import { displayLabel } from '../lib/format';
import { TOOLTIP_NAME_MAX } from '../lib/graph/tooltip';
import { expect, test } from './fixtures';
import { GraphPage } from './pages/graph-page';

// Colours of the light theme (components/graph/graph-styles.ts).
const RED = 'rgb(220,38,38)';
const canvasOf = (page: Page) => page.locator('[aria-roledescription="egress graph"]');
const cursor = (page: Page) => canvasOf(page).evaluate((el) => getComputedStyle(el).cursor);

/** Where an element is drawn, in page coordinates (a node's centre, an edge's midpoint). */
function drawnAt(page: Page, id: string): Promise<{ x: number; y: number }> {
  return page.evaluate((eleId) => {
    const cy = window.__egressLens!.cy;
    const ele = cy.getElementById(eleId);
    const p = ele.isNode() ? (ele as NodeSingular).renderedPosition() : (ele as unknown as EdgeSingular).renderedMidpoint();
    const box = cy.container()!.getBoundingClientRect();
    return { x: box.left + p.x, y: box.top + p.y };
  }, id);
}

/** An empty spot of the canvas: a point at least 40 px from every drawn node and edge end. */
function emptySpot(page: Page): Promise<{ x: number; y: number }> {
  return page.evaluate(() => {
    const cy = window.__egressLens!.cy;
    const box = cy.container()!.getBoundingClientRect();
    for (let y = 20; y < cy.height(); y += 20) {
      for (let x = 20; x < cy.width() - 300; x += 20) {
        const hit = cy.elements().some((e) => {
          const bb = e.renderedBoundingBox({ includeLabels: true });
          return x > bb.x1 - 20 && x < bb.x2 + 20 && y > bb.y1 - 20 && y < bb.y2 + 20;
        });
        if (!hit) return { x: box.left + x, y: box.top + y };
      }
    }
    throw new Error('no empty spot on the canvas');
  });
}

/** Width and height of a PNG, from its IHDR chunk. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(1, 4).toString()).toBe('PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

test.describe('graph interaction', () => {
  test('edge width grows with traffic: requests/s, or connections/s for TCP', async ({ page }) => {
    const graph = new GraphPage(page);
    await graph.goto();
    const edges = (await graph.edges()).filter((e) => !e.blocked && e.rate !== undefined);
    const byRate = [...edges].sort((a, b) => a.rate! - b.rate!);
    for (let i = 1; i < byRate.length; i++) expect(parseFloat(byRate[i]!.width)).toBeGreaterThanOrEqual(parseFloat(byRate[i - 1]!.width));
    const busy = byRate.filter((e) => e.rate! >= 1);
    const quiet = byRate.filter((e) => e.rate! > 0 && e.rate! <= 0.1);
    expect(busy.length).toBeGreaterThan(0);
    expect(quiet.length).toBeGreaterThan(0);
    expect(parseFloat(busy.at(-1)!.width) - parseFloat(quiet[0]!.width)).toBeGreaterThanOrEqual(2.5);
  });

  test('hovering a node or an edge shows its name, status and rate, with a pointer cursor', async ({ page }) => {
    const graph = new GraphPage(page);
    await graph.goto();
    const tooltip = page.getByRole('tooltip');
    await expect(tooltip).toBeHidden();

    const at = await drawnAt(page, 'ext:pastebin.com');
    await page.mouse.move(at.x, at.y);
    await expect(tooltip).toBeVisible();
    await expect(tooltip).toContainText('pastebin.com');
    await expect(tooltip).toContainText('status: blocked');
    await expect(tooltip).toContainText(/in: [\d.]+ req\/s from 1 caller/);
    expect(await cursor(page)).toBe('pointer');
    // Near the pointer, inside the canvas.
    const tip = (await tooltip.boundingBox())!;
    expect(Math.hypot(tip.x - at.x, tip.y - at.y)).toBeLessThan(60);

    const empty = await emptySpot(page);
    await page.mouse.move(empty.x, empty.y);
    await expect(tooltip).toBeHidden();
    expect(await cursor(page)).toBe('auto');

    const edge = (await graph.edges()).find((e) => e.id.includes('etl-worker') && e.id.includes('pastebin.com'))!;
    const mid = await drawnAt(page, edge.id);
    await page.mouse.move(mid.x, mid.y);
    await expect(tooltip).toContainText('data/etl-worker → pastebin.com');
    await expect(tooltip).toContainText('HTTP · blocked');
    await expect(tooltip).toContainText('req/s');
    expect(await cursor(page)).toBe('pointer');
  });

  test('the hostile host reads as inert text in its tooltip', async ({ page }) => {
    const graph = new GraphPage(page);
    await graph.goto();
    const at = await drawnAt(page, `ext:${DEMO_HOSTILE_HOST}`);
    await page.mouse.move(at.x, at.y);
    const title = page.getByRole('tooltip').locator('p').first();
    await expect(title).toHaveText(displayLabel(DEMO_HOSTILE_HOST, TOOLTIP_NAME_MAX));
    expect(await page.locator('img[src="x"]').count()).toBe(0);
  });

  test('selecting a node dims what it does not touch; selecting an edge keeps its two ends', async ({ page }) => {
    const graph = new GraphPage(page);
    await graph.goto();
    const edges = await graph.edges();
    const node = 'ext:pastebin.com';
    await graph.clickNode(node);
    await expect(page).toHaveURL(/sel=/);
    const touching = edges.filter((e) => e.id.includes(node));
    await expect.poll(async () => (await graph.nodes()).filter((n) => !n.classes.includes('dimmed') && n.kind !== 'namespace').map((n) => n.id).sort()).toEqual(
      await page.evaluate((id) => window.__egressLens!.cy.getElementById(id).closedNeighborhood('node').map((n) => n.id()).sort(), node),
    );
    const lit = (await graph.edges()).filter((e) => !e.classes.includes('dimmed')).map((e) => e.id);
    expect(lit.sort()).toEqual(touching.map((e) => e.id).sort());
    expect(touching.length).toBeGreaterThan(0);
    // Unrelated parts are dimmed, namespace boxes never.
    expect((await graph.nodes()).filter((n) => n.classes.includes('dimmed')).length).toBeGreaterThan(5);
    expect((await graph.nodes()).filter((n) => n.kind === 'namespace' && n.classes.includes('dimmed'))).toEqual([]);

    // An edge: only it and its two ends stay lit.
    const edge = edges.find((e) => e.id.includes('etl-worker') && e.id.includes('pastebin.com'))!;
    await page.evaluate((id) => {
      window.__egressLens!.cy.getElementById(id).emit('tap');
    }, edge.id);
    await expect
      .poll(async () => (await graph.nodes()).filter((n) => !n.classes.includes('dimmed') && n.kind !== 'namespace').map((n) => n.id).sort())
      .toEqual(await page.evaluate((id) => window.__egressLens!.cy.getElementById(id).connectedNodes().map((n) => n.id()).sort(), edge.id));
    expect((await graph.edges()).filter((e) => !e.classes.includes('dimmed')).map((e) => e.id)).toEqual([edge.id]);
  });

  test('a status or namespace filter re-fits the view to what is left', async ({ page }) => {
    const graph = new GraphPage(page);
    await graph.goto();
    const viewport = () => page.evaluate(() => ({ zoom: window.__egressLens!.cy.zoom(), pan: window.__egressLens!.cy.pan() }));
    const allInside = () =>
      page.evaluate(() => {
        const cy = window.__egressLens!.cy;
        return cy.nodes().filter((n) => n.isChildless()).every((n) => {
          const p = (n as NodeSingular).renderedPosition();
          return p.x >= 0 && p.y >= 0 && p.x <= cy.width() && p.y <= cy.height();
        });
      });
    const positions = () => page.evaluate(() => Object.fromEntries(window.__egressLens!.cy.nodes().filter((n) => n.isChildless()).map((n) => [n.id(), (n as NodeSingular).position()])));
    /** The drawn nodes fill the canvas: their rendered box spans most of its width or height, or the zoom is at the fit's cap (a tiny graph). */
    const fillsCanvas = () =>
      page.evaluate(() => {
        const cy = window.__egressLens!.cy;
        const b = cy.nodes().filter((n) => n.isChildless()).renderedBoundingBox({ includeLabels: false });
        return cy.zoom() >= 1.6 - 1e-9 || b.w >= 0.5 * cy.width() || b.h >= 0.5 * cy.height();
      });
    const layoutBefore = await positions();

    await page.getByLabel('Status', { exact: true }).selectOption('blocked');
    await expect.poll(async () => (await graph.edges()).every((e) => e.status === 'blocked')).toBe(true);
    await expect.poll(fillsCanvas).toBe(true);
    expect(await allInside()).toBe(true);
    // What is left is laid out afresh, compactly, but in the order it had: two nodes of one
    // column keep their top-to-bottom order.
    const after = await positions();
    const kept = Object.keys(after).filter((id) => layoutBefore[id]);
    expect(kept.length).toBeGreaterThan(0);
    for (const a of kept)
      for (const b of kept) {
        const [a0, a1, b0, b1] = [layoutBefore[a]!, after[a]!, layoutBefore[b]!, after[b]!];
        if (a0.x === b0.x && a1.x === b1.x && a0.y < b0.y) expect(a1.y, `${a} above ${b}`).toBeLessThan(b1.y);
      }

    // A namespace filter re-fits too: data has blocked and passthrough traffic.
    await page.getByLabel('Status', { exact: true }).selectOption('all');
    await page.goto('/?ns=data');
    await graph.waitForGraph();
    const dataView = await viewport();
    expect(await allInside()).toBe(true);
    await page.getByLabel('Status', { exact: true }).selectOption('blocked');
    await expect.poll(viewport).not.toEqual(dataView);
    expect(await allInside()).toBe(true);
  });

  test('a host that was passthrough and then blocked shows both, and each edge keeps its own colour', async ({ page, mesh }) => {
    const graph = new GraphPage(page);
    // A window across the switch: api.ipify.org passed through, then was blocked.
    await graph.goto(`window=15m&end=${mesh.events.switchToBlockedAt + 5 * 60}`);
    const host = (await graph.nodes()).find((n) => n.id === 'ext:api.ipify.org')!;
    expect(host.classes).toEqual(expect.arrayContaining(['multi-status', 'pie1-blocked', 'pie2-passthrough']));
    const slices = await page.evaluate(() => {
      const n = window.__egressLens!.cy.getElementById('ext:api.ipify.org');
      return [n.style('pie-1-background-color'), n.style('pie-2-background-color'), n.style('background-color')].map((c) => String(c).replace(/\s/g, ''));
    });
    expect(slices[0]).toBe(RED);
    expect(slices[1]).toBe('rgb(217,119,6)');
    // The node is not painted red all over: its passthrough edge must not look blocked.
    expect(slices[2]).not.toBe(RED);
    const into = (await graph.edges()).filter((e) => e.id.includes('api.ipify.org'));
    expect(into.map((e) => e.status).sort()).toEqual(['blocked', 'passthrough']);
    for (const e of into) expect(e.lineColor.replace(/\s/g, '') === RED).toBe(e.status === 'blocked');
    await expect(page.getByRole('region', { name: 'Legend' })).toContainText('several statuses');
  });

  test('the demo (under 80 nodes) draws every label at any zoom', async ({ page }) => {
    const graph = new GraphPage(page);
    await graph.goto();
    await page.evaluate(() => {
      window.__egressLens!.cy.zoom(0.2);
    });
    const hidden = await page.evaluate(() => window.__egressLens!.cy.nodes().filter((n) => parseFloat(String(n.style('min-zoomed-font-size'))) > 0).length);
    expect(hidden).toBe(0);
  });

  test('the PNG export carries the legend band and the page offers it', async ({ page }) => {
    const graph = new GraphPage(page);
    await graph.goto('status=blocked');
    const button = page.getByRole('button', { name: 'Export PNG' });
    await expect(button).toBeVisible();
    const bare = await page.evaluate(async () => {
      const img = new Image();
      img.src = window.__egressLens!.cy.png({ full: true, scale: 2 });
      await img.decode();
      return { width: img.naturalWidth, height: img.naturalHeight };
    });
    const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
    const size = pngSize(await readFile((await download.path())!));
    expect(size.width).toBeGreaterThanOrEqual(bare.width);
    // The band: two caption lines and the legend, at the export's scale of 2.
    expect(size.height).toBeGreaterThanOrEqual(bare.height + 2 * 120);
  });
});
