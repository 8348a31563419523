import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { backendBanner, DATA_APIS, screenshot, openDataPages } from './support/pages';
import { restartablePrometheus } from './support/restartable';

/** Marks the document, so a later check can tell that the page recovered without a reload. */
async function markDocument(page: Page): Promise<void> {
  await page.evaluate(() => {
    (window as unknown as { __sameDocument: boolean }).__sameDocument = true;
  });
}

test.describe.configure({ mode: 'serial' });

test.describe('Prometheus down: every page that reads it', () => {
  // Started, then stopped: this Prometheus's port is dead until the test starts it again.
  const stack = restartablePrometheus({
    prometheus: (state) => ({ openMetricsFile: state.historyFile }),
    appEnv: { PROMETHEUS_TIMEOUT_MS: '3000', QUERY_CACHE_TTL_MS: '0' },
    stopped: true,
  });

  test('every API answers 502 saying Prometheus is unreachable and what to check', async ({ playwright }) => {
    const api = await playwright.request.newContext({ baseURL: stack().app.url });
    for (const { path: p, body } of [...DATA_APIS, { path: '/api/health' }]) {
      const res = body === undefined ? await api.get(p) : await api.post(p, { data: body });
      expect(res.status(), p).toBe(502);
      const text = await res.text();
      const { error } = JSON.parse(text) as { error: { code: string; message: string; hint?: string } };
      expect(error.code, p).toBe('prometheus-unreachable');
      expect(error.message, p).toMatch(/Prometheus is unreachable \(ECONNREFUSED\)/);
      expect(error.hint, p).toMatch(/PROMETHEUS_URL/);
      expect(text, p).not.toContain(`127.0.0.1:${stack().port}`);
    }
    await api.dispose();
  });

  test('every page shows what failed and what to check, and recovers without a reload once Prometheus is back', async ({ context, state }) => {
    test.setTimeout(90_000);
    const pages = await openDataPages(context, stack().app.url);
    for (const { d, page } of pages) {
      const banner = backendBanner(page);
      await expect(banner, d.name).toContainText('Prometheus is not answering', { timeout: 20_000 });
      await expect(banner, d.name).toContainText('Prometheus is unreachable (ECONNREFUSED)');
      await expect(banner, d.name).toContainText('PROMETHEUS_URL');
      await expect(banner, d.name).toContainText('Retrying every 5 s');
      await expect(page.getByText('Something went wrong'), d.name).toHaveCount(0);
      await expect(d.loaded(page), d.name).toHaveCount(0);
      await markDocument(page);
    }
    await screenshot(pages[1]!.page, 'down-security');

    // The alert rules page does not read Prometheus: it keeps working.
    const alerts = await context.newPage();
    await alerts.goto(`${stack().app.url}/alerts`);
    await expect(alerts.getByLabel('Generated rules')).toContainText('alert: EgressBlockedAttempt');
    await expect(backendBanner(alerts)).toHaveCount(0);

    await stack().restart({ openMetricsFile: state.historyFile });
    for (const { d, page } of pages) {
      await expect(d.loaded(page), d.name).toBeVisible({ timeout: 30_000 });
      await expect(backendBanner(page), d.name).toHaveCount(0);
      expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument), `${d.name} was not reloaded`).toBe(true);
    }
  });
});
