import path from 'node:path';
import { findFreePort, startNextApp, startPrometheus, type RunningApp, type RunningBackend } from '../tools/backends';
import { expect, test } from './fixtures';
import { backendBanner, DATA_APIS, dataWarnings, screenshot, openDataPages } from './support/pages';
import { startProxy, type RunningProxy } from './support/proxy';

const ROOT = path.resolve(__dirname, '..');

const STORE_DOWN = 'partial response: store 10.0.0.7:10901 (thanos-store-0) unavailable: rpc error: code = Unavailable';
const MARKUP = 'partial response: store <b>eu-west</b> lagging & skipped';

test.describe.configure({ mode: 'serial' });

/**
 * A real Prometheus behind e2e/support/prometheus-proxy.mjs, a separate
 * process whose mode switches at runtime: Thanos-style partial-response
 * warnings (standing in for a Thanos querier with partial_response), an SSO
 * login page, Prometheus-like JSON of the wrong shape, and back to normal.
 */
test.describe('a backend that answers, but not quite like Prometheus', () => {
  let prom: RunningBackend | undefined;
  let proxy: RunningProxy | undefined;
  let app: RunningApp | undefined;

  test.beforeAll(async ({ state }) => {
    const promPort = await findFreePort();
    let proxyPort = await findFreePort();
    while (proxyPort === promPort) proxyPort = await findFreePort();
    [prom, proxy, app] = await Promise.all([
      startPrometheus({ openMetricsFile: state.historyFile, port: promPort }),
      startProxy(`http://127.0.0.1:${promPort}`, 'warn', proxyPort),
      startNextApp({ root: ROOT, env: { PROMETHEUS_URL: `http://127.0.0.1:${proxyPort}`, PROMETHEUS_TIMEOUT_MS: '5000', QUERY_CACHE_TTL_MS: '0' } }),
    ]);
  });

  test.afterAll(async () => {
    await app?.stop();
    await proxy?.stop();
    await prom?.stop();
  });

  test('partial-response warnings: every API answer carries them', async ({ playwright }) => {
    await proxy!.setMode('warn');
    const api = await playwright.request.newContext({ baseURL: app!.url });
    for (const { path: p, body } of DATA_APIS) {
      const res = body === undefined ? await api.get(p) : await api.post(p, { data: body });
      expect(res.status(), p).toBe(200);
      const { warnings } = (await res.json()) as { warnings?: string[] };
      expect(warnings, p).toContain(`Prometheus: ${STORE_DOWN}`);
      expect(warnings, p).toContain(`Prometheus: ${MARKUP}`);
    }
    await api.dispose();
  });

  test('partial-response warnings: every page shows the data with a notice, its markup as text', async ({ context }) => {
    test.setTimeout(60_000);
    await proxy!.setMode('warn');
    const pages = await openDataPages(context, app!.url);
    for (const { d, page } of pages) {
      await expect(d.loaded(page), d.name).toBeVisible();
      const notice = dataWarnings(page);
      await expect(notice, d.name).toContainText(`Data may be incomplete: ${STORE_DOWN}`);
      await expect(notice, d.name).toContainText(`Data may be incomplete: ${MARKUP}`);
      await expect(notice.locator('b'), d.name).toHaveCount(0);
      await expect(backendBanner(page), d.name).toHaveCount(0);
      if (d.name === 'hosts') await screenshot(page, 'warnings-hosts');
      await page.close();
    }
  });

  test('an SSO login page instead of the API: "did not answer like Prometheus", never its markup; recovers once fixed', async ({ context, playwright }) => {
    test.setTimeout(60_000);
    await proxy!.setMode('login');
    const api = await playwright.request.newContext({ baseURL: app!.url });
    for (const p of ['/api/egress', '/api/hosts', '/api/health']) {
      const res = await api.get(p);
      expect(res.status(), p).toBe(502);
      const text = await res.text();
      const { error } = JSON.parse(text) as { error: { code: string; message: string; hint: string } };
      expect(error.code, p).toBe('prometheus-bad-response');
      expect(error.message, p).toBe('The backend did not answer like Prometheus: it sent an HTML page titled "Sign in - Example SSO"');
      expect(error.hint, p).toMatch(/PROMETHEUS_URL/);
      expect(error.hint, p).toMatch(/login page/);
      expect(text, p).not.toMatch(/<form|<script|<html/i);
    }
    await api.dispose();

    const page = await context.newPage();
    await page.goto(`${app!.url}/hosts`);
    const banner = backendBanner(page);
    await expect(banner).toContainText('The backend did not answer like Prometheus');
    await expect(banner).toContainText('Sign in - Example SSO');
    await expect(banner).toContainText('PROMETHEUS_URL');
    await expect(page.locator('#sso-heading, input[type=password]')).toHaveCount(0);
    expect(await page.evaluate(() => 'ssoLoaded' in window)).toBe(false);
    await screenshot(page, 'login-hosts');

    await proxy!.setMode('pass');
    await expect(page.getByRole('table', { name: 'External hosts' })).toBeVisible({ timeout: 20_000 });
    await expect(banner).toHaveCount(0);
  });

  test('Prometheus-like JSON of the wrong shape: "did not answer like Prometheus", naming what was wrong; recovers once fixed', async ({ page }) => {
    await proxy!.setMode('wrong-shape');
    const res = await fetch(`${app!.url}/api/egress`);
    expect(res.status).toBe(502);
    const { error } = (await res.json()) as { error: { code: string; message: string } };
    expect(error.code).toBe('prometheus-bad-response');
    expect(error.message).toBe('The backend did not answer like Prometheus: expected a vector, got matrix');

    await page.goto(`${app!.url}/readiness`);
    await expect(backendBanner(page)).toContainText('expected a vector, got matrix');
    await proxy!.setMode('pass');
    await expect(page.getByTestId('mesh-readiness')).toBeVisible({ timeout: 20_000 });
    await expect(backendBanner(page)).toHaveCount(0);
  });
});
