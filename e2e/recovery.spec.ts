import path from 'node:path';
import { startNextApp, startPrometheus, type RunningApp, type RunningBackend } from '../tools/backends';
import { expect, test } from './fixtures';
import { GraphPage } from './pages/graph-page';
import { restartablePrometheus } from './support/restartable';

const ROOT = path.resolve(__dirname, '..');

test.describe('when Prometheus goes away and comes back', () => {
  const stack = restartablePrometheus({
    prometheus: (state) => ({ openMetricsFile: state.historyFile }),
    appEnv: { PROMETHEUS_TIMEOUT_MS: '3000', QUERY_CACHE_TTL_MS: '0' },
  });

  test('a banner keeps the last graph, retries, and clears by itself without a reload', async ({ page, state }) => {
    test.setTimeout(120_000);
    const graph = new GraphPage(page);
    await page.goto(`${stack().app.url}/?refresh=10s`);
    await graph.waitForGraph();
    const before = (await graph.edges()).length;
    await expect(graph.banner).toHaveCount(0);

    await stack().stop();
    await expect(graph.banner).toContainText('Prometheus is not answering', { timeout: 30_000 });
    expect((await graph.edges()).length).toBe(before);

    await stack().restart({ openMetricsFile: state.historyFile });
    await expect(graph.banner).toHaveCount(0, { timeout: 30_000 });
    expect((await graph.edges()).length).toBe(before);
  });
});

test.describe('a Prometheus without Istio metrics', () => {
  let prom: RunningBackend | undefined;
  let app: RunningApp | undefined;

  test.beforeAll(async () => {
    prom = await startPrometheus({});
    app = await startNextApp({ root: ROOT, env: { PROMETHEUS_URL: prom.url } });
  });

  test.afterAll(async () => {
    await app?.stop();
    await prom?.stop();
  });

  test('says so, and what to check, instead of an empty canvas', async ({ page }) => {
    await page.goto(app!.url);
    await expect(page.getByRole('heading', { name: 'No Istio metrics in Prometheus' })).toBeVisible();
    await expect(page.getByText('istio_requests_total')).toBeVisible();
  });
});
