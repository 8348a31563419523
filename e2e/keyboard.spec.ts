import type { Page } from '@playwright/test';
import { hostIdOf } from '../lib/egress/host-id';
import { tabOrder, toKeyboardNode, type KeyboardNode } from '../lib/graph/keyboard';
import type { EgressGraph } from '../lib/graph/model';
import { expect, test } from './fixtures';
import { GraphPage } from './pages/graph-page';

/** A short description of the focused element: its role description, label or tag. */
function focusedThing(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return 'body';
    return el.getAttribute('aria-roledescription') ?? el.getAttribute('aria-label') ?? `${el.tagName.toLowerCase()}:${(el.textContent ?? '').trim().slice(0, 30)}`;
  });
}

/** Presses Tab (or Shift+Tab) until `want` has focus; fails after `max` presses. */
async function tabTo(page: Page, want: string, { back = false, max = 40 } = {}): Promise<number> {
  for (let i = 1; i <= max; i++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    if ((await focusedThing(page)) === want) return i;
  }
  throw new Error(`Tab never reached ${want}`);
}

/** The order Tab should walk: lib/graph/keyboard.ts over the positions cytoscape draws. */
async function expectedTabOrder(page: Page, graph: EgressGraph): Promise<string[]> {
  const positions = await page.evaluate(() => Object.fromEntries((window.__egressLens?.cy.nodes() ?? []).map((n) => [n.id(), n.position()])));
  return tabOrder(
    graph.nodes.flatMap((n): KeyboardNode[] => {
      const p = positions[n.id];
      const k = p ? toKeyboardNode(n, p) : null;
      return k ? [k] : [];
    }),
  );
}

test.describe('keyboard only', () => {
  test.use({ viewport: { width: 1440, height: 900 } });

  test('Tab into the canvas, move with arrows and Tab, Enter selects a host, Esc closes the details', async ({ page, api }) => {
    const graph = new GraphPage(page);
    await graph.goto();
    await tabTo(page, 'egress graph');
    // A visible focus ring on the canvas, and the keys spelled out.
    const ring = await page.evaluate(() => {
      const s = getComputedStyle(document.activeElement as Element);
      return { style: s.outlineStyle, width: parseFloat(s.outlineWidth) };
    });
    expect(ring.style).not.toBe('none');
    expect(ring.width).toBeGreaterThanOrEqual(2);
    await expect(graph.canvas.getByText('Arrow keys or Tab move between nodes')).toBeVisible();
    expect(await graph.keyFocused()).toBeNull();

    const order = await expectedTabOrder(page, (await (await api.get('/api/graph')).json()) as EgressGraph);
    const live = graph.canvas.getByTestId('graph-focus');

    // Tab: the first node in reading order, announced by name, kind and status, drawn with a ring.
    await page.keyboard.press('Tab');
    expect(await graph.keyFocused()).toBe(order[0]);
    await expect(live).toContainText(/workload in namespace \S+, \d+ destinations?/);
    await expect(live).toContainText(`Node 1 of ${order.length}`);
    // The ring is 3 CSS pixels wide on screen at any zoom.
    const ringPx = () => page.evaluate(() => parseFloat(window.__egressLens?.cy.$('node.key-focus').style('outline-width') ?? 'NaN') * (window.__egressLens?.cy.zoom() ?? NaN));
    expect(await ringPx()).toBeCloseTo(3, 1);

    // Arrows: to the nearest node that way; the focused node is always on screen.
    await page.keyboard.press('ArrowDown');
    const below = await graph.keyFocused();
    expect(below).not.toBe(order[0]);
    const y = (id: string | null) => page.evaluate((nodeId) => window.__egressLens?.cy.getElementById(nodeId ?? '').position().y ?? NaN, id);
    expect(await y(below)).toBeGreaterThan(await y(order[0]!));
    for (let i = 0; i < 6; i++) {
      await page.keyboard.press('ArrowRight');
      expect(await graph.isOnScreen((await graph.keyFocused())!)).toBe(true);
    }
    expect((await graph.keyFocused())!.startsWith('wl:')).toBe(false);
    await page.keyboard.press('ArrowLeft');
    expect(await graph.isOnScreen((await graph.keyFocused())!)).toBe(true);

    // Tab walks the reading order on to pastebin.com; Enter selects it like a click.
    const target = order.indexOf('ext:pastebin.com');
    expect(target).toBeGreaterThan(-1);
    await page.keyboard.press('Escape'); // drop the node focus: Tab starts again from the first node
    expect(await graph.keyFocused()).toBeNull();
    for (let i = 0; i <= target; i++) await page.keyboard.press('Tab');
    expect(await graph.keyFocused()).toBe('ext:pastebin.com');
    await expect(live).toContainText(/^pastebin\.com, external host, blocked, [\d.]+ requests per second from 1 caller/);
    expect(await graph.isOnScreen('ext:pastebin.com')).toBe(true);

    await page.keyboard.press('Enter');
    await expect(graph.details.getByRole('heading', { name: 'pastebin.com' })).toBeVisible();
    // The URL names a host by its hostId (lib/view/state.ts).
    await expect(page).toHaveURL(new RegExp(`sel=${hostIdOf('pastebin.com')}`));
    expect(await focusedThing(page)).toBe('egress graph');

    // + and - zoom around the focused node.
    const zoom = () => page.evaluate(() => window.__egressLens?.cy.zoom() ?? NaN);
    const z0 = await zoom();
    await page.keyboard.press('+');
    expect(await zoom()).toBeCloseTo(z0 * 1.25, 5);
    expect(await ringPx()).toBeCloseTo(3, 1);
    await page.keyboard.press('-');
    expect(await zoom()).toBeCloseTo(z0, 5);

    // Esc closes the details (the node keeps the keyboard), a second Esc drops the node focus.
    await page.keyboard.press('Escape');
    await expect(graph.details).toHaveCount(0);
    await expect(page).not.toHaveURL(/sel=/);
    expect(await graph.keyFocused()).toBe('ext:pastebin.com');
    await page.keyboard.press('Escape');
    expect(await graph.keyFocused()).toBeNull();
    expect(await focusedThing(page)).toBe('egress graph');
  });

  test('Tab walks every node once in reading order, then leaves the canvas (no focus trap)', async ({ page, api }) => {
    const graph = new GraphPage(page);
    await graph.goto();
    const order = await expectedTabOrder(page, (await (await api.get('/api/graph')).json()) as EgressGraph);
    await tabTo(page, 'egress graph');
    const walked: string[] = [];
    for (let i = 0; i < order.length; i++) {
      await page.keyboard.press('Tab');
      walked.push((await graph.keyFocused()) ?? 'none');
    }
    expect(walked).toEqual(order);
    await page.keyboard.press('Tab');
    expect(await focusedThing(page)).not.toBe('egress graph');
    expect(await graph.keyFocused()).toBeNull();
    // Shift+Tab comes back to the canvas, and Shift+Tab again leaves it backwards.
    await page.keyboard.press('Shift+Tab');
    expect(await focusedThing(page)).toBe('egress graph');
    await page.keyboard.press('Shift+Tab');
    expect(await focusedThing(page)).not.toBe('egress graph');
  });

  test('Esc closes the namespace popover and Help, one layer at a time; a click outside closes the namespace popover', async ({ page }) => {
    const graph = new GraphPage(page);
    await graph.goto('sel=ext%3Apastebin.com');
    await expect(graph.details).toBeVisible();
    const nsPopover = page.locator('details', { has: page.getByLabel('Namespaces', { exact: true }) });

    await tabTo(page, 'Namespaces');
    await page.keyboard.press('Enter');
    await expect(nsPopover).toHaveAttribute('open', '');
    await page.keyboard.press('Tab');
    await expect(page.getByRole('group', { name: 'Source namespaces' }).getByRole('checkbox').first()).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(nsPopover).not.toHaveAttribute('open');
    expect(await focusedThing(page)).toBe('Namespaces');
    // The popover was the top layer: the details panel is still open, and the next Esc closes it.
    await expect(graph.details).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(graph.details).toHaveCount(0);
    await expect(page).not.toHaveURL(/sel=/);

    await page.keyboard.press('Space');
    await expect(nsPopover).toHaveAttribute('open', '');
    await page.mouse.click(700, 850);
    await expect(nsPopover).not.toHaveAttribute('open');

    const help = page.locator('details', { has: page.locator('summary', { hasText: 'Help' }) });
    await tabTo(page, 'summary:Help', { back: true });
    await page.keyboard.press('Enter');
    await expect(help).toHaveAttribute('open', '');
    await expect(help.getByText('What it cannot see')).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(help).not.toHaveAttribute('open');
  });
});
