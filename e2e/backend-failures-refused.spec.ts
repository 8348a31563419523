import { expect, test } from './fixtures';
import { backendBanner, screenshot } from './support/pages';
import { restartablePrometheus } from './support/restartable';

interface ErrorBody {
  readonly error: { readonly code: string; readonly message: string; readonly hint?: string };
}

test.describe.configure({ mode: 'serial' });

/** One app; the Prometheus on its port is restarted with other flags between the tests. */
test.describe('Prometheus answering with its own errors (422 over --query.max-samples, 503 from a full query queue)', () => {
  const stack = restartablePrometheus({
    // With data: an empty TSDB loads no samples, so nothing would hit the limit.
    prometheus: (state) => ({ openMetricsFile: state.historyFile, extraArgs: ['--query.max-samples=10'] }),
    // The engine gets the whole seconds of the timeout (1 s), the HTTP client all of it (1.9 s): Prometheus's own 503 comes first.
    appEnv: { PROMETHEUS_TIMEOUT_MS: '1900', QUERY_CACHE_TTL_MS: '0' },
  });

  test("--query.max-samples=10: 502 saying Prometheus refused the query, in its own words; recovers once restarted with normal limits", async ({ page, playwright }) => {
    test.setTimeout(60_000);
    const api = await playwright.request.newContext({ baseURL: stack().app.url });
    for (const p of ['/api/egress', '/api/readiness', '/api/blocked']) {
      const res = await api.get(p);
      expect(res.status(), p).toBe(502);
      const { error } = (await res.json()) as ErrorBody;
      expect(error.code, p).toBe('prometheus-bad-query');
      expect(error.message, p).toBe('Prometheus refused the query: query processing would load too many samples into memory in query execution');
      expect(error.hint, p).toMatch(/--query\.max-samples/);
    }
    await api.dispose();

    await page.goto(`${stack().app.url}/readiness`);
    const banner = backendBanner(page);
    await expect(banner).toContainText('Prometheus refused the query');
    await expect(banner).toContainText('query processing would load too many samples into memory in query execution');
    await expect(banner).toContainText('shorter window');
    await screenshot(page, 'refused-readiness');

    // Normal limits on the same port (an empty TSDB: the page only has to come back, not to show the demo).
    await stack().restart();
    await expect(page.getByTestId('mesh-readiness')).toBeVisible({ timeout: 30_000 });
    await expect(banner).toHaveCount(0);
  });

  test('--query.max-concurrency=1: a query that waited out its timeout in the queue is a 504 saying Prometheus is busy', async () => {
    test.setTimeout(60_000);
    const prom = await stack().restart({ extraArgs: ['--query.max-concurrency=1'] });
    await expect(async () => {
      // Three CPU-bound queries (subqueries at a 10 ms step, about a second each) hold the only slot
      // and the head of the queue, so the app's queries wait there longer than their 1 s.
      const busy = Array.from({ length: 3 }, () =>
        fetch(`${prom.url}/api/v1/query`, { method: 'POST', body: new URLSearchParams({ query: 'count_over_time(vector(1)[6h:10ms])', timeout: '60s' }) }).then((r) => r.arrayBuffer()),
      );
      const res = await fetch(`${stack().app.url}/api/egress`);
      const body = (await res.json()) as ErrorBody;
      await Promise.all(busy);
      expect(res.status).toBe(504);
      expect(body.error.code).toBe('prometheus-timeout');
      expect(body.error.message).toBe('Prometheus gave up on the query: query timed out in query queue');
      expect(body.error.hint).toMatch(/--query\.max-concurrency/);
    }).toPass({ timeout: 45_000 });
    // Once the queue is free again, so is the app.
    expect((await fetch(`${stack().app.url}/api/egress`)).status).toBe(200);
  });
});
