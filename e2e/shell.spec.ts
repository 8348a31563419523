import type { Page } from '@playwright/test';
import { hostIdOf } from '../lib/egress/host-id';
import { formatTime } from '../lib/view/time-text';
import { expect, test } from './fixtures';
import { GraphPage } from './pages/graph-page';
import { APP_PAGES, AppShell, saveScreen, scrollsSideways, urlRange } from './pages/shell';

const MIN = 60;

/** Waits until a page shows its data (or, for /alerts, its rules). */
async function loaded(page: Page, id: (typeof APP_PAGES)[number]['id']): Promise<void> {
  const waits = {
    graph: () => page.getByTestId('graph-canvas').or(page.getByRole('table', { name: 'Egress flows' })).or(page.getByRole('heading', { name: /^No data/ })),
    blocked: () => page.getByRole('table', { name: 'Blocked egress attempts' }),
    readiness: () => page.getByTestId('mesh-readiness'),
    hosts: () => page.getByRole('table', { name: 'External hosts' }),
    alerts: () => page.getByLabel('Generated rules').getByText('groups:'),
    promote: () => page.getByRole('region', { name: 'Evidence' }),
  };
  await expect(waits[id]().first()).toBeVisible();
}

test.use({ viewport: { width: 1440, height: 900 } });

test.describe('one app shell', () => {
  test('every page has the same header: the app, the pages with the current one marked, Prometheus, theme and help', async ({ page }) => {
    const shell = new AppShell(page);
    for (const p of APP_PAGES) {
      await page.goto(p.path);
      await expect(page.getByRole('heading', { level: 1 }), p.path).toHaveText(p.heading);
      await expect(shell.header.getByRole('link', { name: /Egress Lens/ })).toBeVisible();
      expect(await shell.header.locator('img[src="/logo.svg"]').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
      await expect(shell.header.getByRole('status', { name: 'Prometheus status' })).toContainText(/Prometheus .*answering/);
      await expect(shell.header.getByRole('button', { name: /theme$/ })).toBeVisible();
      await expect(shell.header.getByText('Help', { exact: true })).toBeVisible();
      for (const other of ['Graph', 'Blocked egress', 'Readiness', 'External hosts', 'Alert rules']) await expect(shell.navLink(other), `${p.path}: ${other}`).toBeVisible();
      const current = shell.nav.locator('[aria-current="page"]');
      await expect(current, p.path).toHaveCount(1);
      await expect(current, p.path).toHaveText(p.nav);
      // The same time controls wherever the page reads Prometheus, and none where it does not.
      await expect(shell.timeRange, p.path).toHaveCount(p.readsPrometheus ? 1 : 0);
    }
  });

  test('links between pages keep the window, the end time and the namespaces', async ({ page, mesh }) => {
    const end = mesh.origin + 80 * MIN;
    const shell = new AppShell(page);
    const graph = new GraphPage(page);
    await graph.goto(`window=1d&end=${end}&ns=data`);
    for (const target of APP_PAGES.filter((p) => p.id !== 'graph' && p.id !== 'promote')) {
      await shell.follow(target.nav);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(target.heading);
      expect(urlRange(page), target.nav).toEqual({ window: '1d', end: String(end), ns: ['data'] });
      if (target.readsPrometheus) await shell.expectRange('1d', end, 'data');
      await shell.follow('Graph');
      await graph.waitForGraph();
      expect(urlRange(page)).toEqual({ window: '1d', end: String(end), ns: ['data'] });
      await shell.expectRange('1d', end, 'data');
    }
  });

  test('every promote link opens the review in the range it was opened from', async ({ page, mesh }) => {
    const end = mesh.origin + 80 * MIN;
    const range = `window=1d&end=${end}&ns=data`;
    const shell = new AppShell(page);
    const graph = new GraphPage(page);
    const expectReview = async (from: string) => {
      await expect(page, from).toHaveURL(/\/promote\?/);
      expect(urlRange(page), from).toEqual({ window: '1d', end: String(end), ns: ['data'] });
      await shell.expectRange('1d', end, 'data');
      await expect(page.getByRole('region', { name: 'Evidence' }), from).toContainText('over 1d');
    };

    await graph.goto(`${range}&sel=${encodeURIComponent('ext:pastebin.com')}`);
    await graph.details.getByRole('link', { name: 'Promote to ServiceEntry' }).click();
    await expectReview('details panel');

    await page.goto(`/?${range}&view=table`);
    await page.getByRole('table', { name: 'Egress flows' }).locator('tbody tr', { hasText: 'pastebin.com' }).getByRole('link', { name: 'Promote to ServiceEntry' }).click();
    await expectReview('flows table');

    await page.goto(`/blocked?${range}`);
    await page.getByRole('table', { name: 'Blocked egress attempts' }).locator('tbody tr', { hasText: 'pastebin.com' }).getByRole('link', { name: 'Promote to ServiceEntry' }).click();
    await expectReview('blocked page');

    await page.goto(`/hosts?${range}`);
    await page.getByRole('table', { name: 'External hosts' }).locator('tbody tr', { hasText: 'pastebin.com' }).getByRole('link', { name: 'Promote to ServiceEntry' }).click();
    await expectReview('hosts page');

    await page.goto(`/readiness?${range}`);
    await page.getByRole('region', { name: 'Mesh' }).getByRole('link', { name: /^Promote to ServiceEntry/ }).click();
    await expectReview('readiness page');
  });

  test('the way back to the graph restores its filters, find and selection, with the range chosen since', async ({ page, mesh }) => {
    const end = mesh.origin + 80 * MIN;
    const shell = new AppShell(page);
    const graph = new GraphPage(page);
    await graph.goto(`status=blocked&q=paste&sel=${encodeURIComponent('ext:pastebin.com')}&window=1h&end=${end}&ns=data`);
    await shell.follow('Blocked egress');
    await shell.timeRange.getByLabel('Window').selectOption('6h');
    await expect(page).toHaveURL(/window=6h/);
    await shell.follow('Graph');
    await graph.waitForGraph();
    const params = new URL(page.url()).searchParams;
    expect(Object.fromEntries([...params].filter(([k]) => k !== 'ns'))).toEqual({ status: 'blocked', q: 'paste', sel: 'ext:pastebin.com', window: '6h', end: String(end) });
    expect(params.getAll('ns')).toEqual(['data']);
    await expect(page.getByLabel('Find')).toHaveValue('paste');
    await expect(page.getByLabel('Status', { exact: true })).toHaveValue('blocked');
    await expect(graph.details.getByRole('heading', { name: 'pastebin.com' })).toBeVisible();
    // The app name leads back the same way.
    await shell.follow('External hosts');
    await shell.header.getByRole('link', { name: /Egress Lens/ }).click();
    await graph.waitForGraph();
    await expect(page).toHaveURL(/sel=ext%3Apastebin\.com/);
    await expect(page).toHaveURL(/status=blocked/);
  });

  test('/hosts rows link to the graph with the host selected, and unregistered ones to their promote review', async ({ page, mesh }) => {
    const end = mesh.origin + 80 * MIN;
    const graph = new GraphPage(page);
    await page.goto(`/hosts?window=1h&end=${end}`);
    const table = page.getByRole('table', { name: 'External hosts' });
    await expect(table.locator('tbody tr', { hasText: 'api.stripe.com' }).getByRole('link', { name: 'Promote to ServiceEntry' })).toHaveCount(0);
    await table.locator('tbody tr', { hasText: 'httpbin.org' }).getByRole('link', { name: 'httpbin.org', exact: true }).click();
    await graph.waitForGraph();
    expect(urlRange(page)).toEqual({ window: '1h', end: String(end), ns: [] });
    // The URL names a host by its hostId (lib/view/state.ts).
    await expect(page).toHaveURL(new RegExp(`sel=${hostIdOf('httpbin.org')}`));
    await expect(graph.details.getByRole('heading', { name: 'httpbin.org' })).toBeVisible();
    await page.goBack();
    await table.locator('tbody tr', { hasText: 'httpbin.org' }).getByRole('link', { name: 'Promote to ServiceEntry' }).click();
    await expect(page).toHaveURL(/\/promote\?host=httpbin\.org/);
    await expect(page.getByRole('region', { name: 'Evidence' })).toContainText('httpbin.org');
  });

  test('the dark theme, once chosen, is on every page and after a reload, from the first paint', async ({ page }) => {
    const shell = new AppShell(page);
    const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    await page.goto('/');
    await expect(page.locator('html')).not.toHaveClass(/dark/);
    const light = await background();
    await shell.header.getByRole('button', { name: 'Dark theme' }).click();
    await expect(page.locator('html')).toHaveClass(/dark/);
    await expect(shell.header.getByRole('button', { name: 'Light theme' })).toBeVisible();
    const dark = await background();
    expect(dark).not.toBe(light);
    for (const p of APP_PAGES.filter((x) => x.id !== 'graph' && x.id !== 'promote')) {
      await shell.follow(p.nav);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(p.heading);
      await expect(page.locator('html'), p.path).toHaveClass(/dark/);
      expect(await background(), p.path).toBe(dark);
    }
    // The server renders the class: no flash of the light theme, no inline script.
    for (const p of APP_PAGES) {
      const res = await page.goto(p.path);
      expect(await res!.text(), p.path).toMatch(/<html[^>]*class="dark"/);
      expect(await background(), p.path).toBe(dark);
    }
    await shell.header.getByRole('button', { name: 'Light theme' }).click();
    await expect(page.locator('html')).not.toHaveClass(/dark/);
    const res = await page.reload();
    expect(await res!.text()).toMatch(/<html[^>]*class="light"/);
    expect(await background()).toBe(light);
  });
});

test.describe('time controls that say what they show', () => {
  test('an end time before the data says there is no data in this window, and where the data is', async ({ page, mesh }) => {
    const end = mesh.origin - 2 * 3600;
    await page.goto(`/?window=1h&end=${end}`);
    const empty = page.getByRole('status').filter({ hasText: 'No data in this window' });
    await expect(empty).toBeVisible();
    await expect(page.getByText('No Istio metrics in Prometheus')).toHaveCount(0);
    await expect(empty).toContainText(`ending ${formatTime(end)}`);
    // Where the data starts (to the minute, from /api/health) and that it runs to now.
    await expect(empty).toContainText(/Prometheus has them from .+ to now\./);
    const startsAt = ((await empty.textContent()) ?? '').match(/from (.+) to now/)?.[1];
    const shown = [mesh.origin - 60, mesh.origin, mesh.origin + 60].map((t) => formatTime(t));
    expect(shown).toContain(startsAt);
    await empty.getByRole('button', { name: /Show the latest data/ }).click();
    await expect(page).not.toHaveURL(/end=/);
    await new GraphPage(page).waitForGraph();

    // The other pages say it the same way.
    await page.goto(`/blocked?window=1h&end=${end}`);
    await expect(page.getByTestId('range-notice')).toContainText('No data in this window');
    await expect(page.getByTestId('range-notice')).toContainText('Prometheus has Istio metrics from');
  });

  test('a future end time is refused once, in words with its zone, never retried; the picker clamps it to now', async ({ page }) => {
    const future = Math.floor(Date.now() / 1000) + 86400;
    let graphRequests = 0;
    page.on('request', (r) => {
      if (new URL(r.url()).pathname === '/api/graph') graphRequests++;
    });
    await page.goto(`/?end=${future}`);
    const banner = page.getByTestId('backend-banner');
    await expect(banner).toContainText('The end time is in the future.');
    await expect(banner).toContainText(formatTime(future));
    await expect(banner).toContainText('Not retried');
    await expect(banner).not.toContainText(String(future));
    await expect(banner).not.toContainText('Retrying');
    // Longer than the 5 s retry of a failing backend: nothing is asked again.
    await page.waitForTimeout(7_000);
    expect(graphRequests).toBe(1);

    const shell = new AppShell(page);
    const endInput = shell.timeRange.getByLabel('End time');
    await endInput.fill('2099-01-01T00:00');
    await expect.poll(() => Number(new URL(page.url()).searchParams.get('end'))).toBeLessThanOrEqual(Math.floor(Date.now() / 1000));
    await expect(banner).toHaveCount(0);
  });
});

test.describe('at 390 px wide', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test('every page fits: the pages are in a menu, nothing scrolls sideways', async ({ page, mesh }) => {
    const shell = new AppShell(page);
    const end = mesh.origin + 80 * MIN;
    for (const p of APP_PAGES) {
      await page.goto(`${p.path}${p.path.includes('?') ? '&' : '?'}window=1h&end=${end}`);
      await loaded(page, p.id);
      expect(await scrollsSideways(page), p.path).toBe(false);
      await expect(shell.nav).toBeHidden();
      await shell.menu.click();
      await expect(shell.nav.locator('[aria-current="page"]')).toHaveText(p.nav);
      await expect(shell.navLink('External hosts')).toBeVisible();
      expect(await scrollsSideways(page), `${p.path} with the menu open`).toBe(false);
      await shell.menu.click();
      await page.getByText('Help', { exact: true }).click();
      expect(await scrollsSideways(page), `${p.path} with help open`).toBe(false);
    }
  });
});

test.describe('screenshots of every page', () => {
  for (const size of [
    { width: 1440, height: 900 },
    { width: 390, height: 844 },
  ]) {
    test(`at ${size.width}x${size.height}, light and dark`, async ({ page, context, mesh, appUrl }) => {
      await page.setViewportSize(size);
      const end = mesh.origin + 150 * MIN;
      for (const theme of ['light', 'dark'] as const) {
        await context.addCookies([{ name: 'egress-lens-theme', value: theme, url: appUrl }]);
        for (const p of APP_PAGES) {
          await page.goto(`${p.path}${p.path.includes('?') ? '&' : '?'}window=1h&end=${end}`);
          await loaded(page, p.id);
          await saveScreen(page, `${p.id}-${size.width}-${theme}`);
        }
      }
    });
  }
});
