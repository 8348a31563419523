import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { FlowsPage } from './pages/flows-page';

/** Widths of the flows table's scroll box and of the page, in CSS pixels. */
function widths(page: Page) {
  return page.evaluate(() => {
    const box = document.querySelector('table[aria-label="Egress flows"]')?.parentElement;
    return {
      boxClient: box?.clientWidth ?? NaN,
      boxScroll: box?.scrollWidth ?? NaN,
      page: document.documentElement.scrollWidth,
      viewport: window.innerWidth,
    };
  });
}

test.describe('the flows table at 1440 px', () => {
  test.use({ viewport: { width: 1440, height: 900 } });

  for (const [what, query] of [
    ['alone', 'view=table'],
    ['beside the details panel', 'view=table&sel=ext%3Apastebin.com'],
  ] as const) {
    test(`shows every column, Promote included, without scrolling sideways (${what})`, async ({ page }, testInfo) => {
      const flows = new FlowsPage(page);
      await page.goto(`/?${query}`);
      await expect(flows.rows.first()).toBeVisible();
      if (query.includes('sel=')) await expect(page.getByRole('complementary', { name: 'Details' })).toBeVisible();
      const w = await widths(page);
      expect(w.boxScroll).toBeLessThanOrEqual(w.boxClient);
      expect(w.page).toBeLessThanOrEqual(w.viewport);
      // The Promote link of an unregistered flow is on screen, inside the table's box.
      const promote = flows.rowsWithStatus('blocked').first().getByRole('link', { name: 'Promote' });
      await expect(promote).toBeInViewport({ ratio: 1 });
      const box = (await flows.table.locator('xpath=..').boundingBox())!;
      const link = (await promote.boundingBox())!;
      expect(link.x + link.width).toBeLessThanOrEqual(box.x + box.width);
      // Every header is readable, and keeps its full name for screen readers.
      for (const name of ['Source', 'Destination', 'Status', 'Protocol', 'Requests/s', 'Errors', 'Connections/s', 'Bytes/s']) {
        await expect(flows.table.getByRole('button', { name, exact: true })).toBeInViewport({ ratio: 1 });
      }
      await page.screenshot({ path: testInfo.outputPath(`flows-1440-${query.includes('sel=') ? 'panel' : 'alone'}.png`) });
    });
  }
});

test.describe('the flows table at 390 px', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test('scrolls inside its box; the page never scrolls sideways', async ({ page }, testInfo) => {
    const flows = new FlowsPage(page);
    await flows.goto();
    await expect(flows.rows.first()).toBeVisible();
    const w = await widths(page);
    expect(w.page).toBeLessThanOrEqual(w.viewport);
    expect(w.boxClient).toBeLessThanOrEqual(w.viewport);
    // The rest of the table is reachable by scrolling its box: the Promote column is at its end.
    const promote = flows.rowsWithStatus('blocked').first().getByRole('link', { name: 'Promote' });
    await promote.scrollIntoViewIfNeeded();
    await expect(promote).toBeInViewport({ ratio: 1 });
    expect((await widths(page)).page).toBeLessThanOrEqual(w.viewport);
    await page.screenshot({ path: testInfo.outputPath('flows-390.png') });
  });
});
