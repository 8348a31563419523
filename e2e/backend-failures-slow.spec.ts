import path from 'node:path';
import { findFreePort, startNextApp, startPrometheus, type RunningApp, type RunningBackend } from '../tools/backends';
import { expect, test } from './fixtures';
import { GraphPage } from './pages/graph-page';
import { backendBanner, screenshot } from './support/pages';

const ROOT = path.resolve(__dirname, '..');
const TIMEOUT_MS = 2_000;
/** How long past the timeout an answer may take on a busy machine: bounded, never a hang. */
const GRACE_MS = 3_000;

interface Timed {
  readonly path: string;
  readonly status: number;
  readonly ms: number;
  readonly body: { error?: { code: string; message: string; hint?: string } };
}

async function timedGet(base: string, p: string): Promise<Timed> {
  const started = Date.now();
  const res = await fetch(`${base}${p}`, { signal: AbortSignal.timeout(30_000) });
  const body = (await res.json().catch(() => ({}))) as Timed['body'];
  return { path: p, status: res.status, ms: Date.now() - started, body };
}

test.describe.configure({ mode: 'serial' });

test.describe(`Prometheus paused (SIGSTOP) past PROMETHEUS_TIMEOUT_MS=${TIMEOUT_MS}`, () => {
  let prom: RunningBackend | undefined;
  let app: RunningApp | undefined;

  test.beforeAll(async ({ state }) => {
    const port = await findFreePort();
    [prom, app] = await Promise.all([
      startPrometheus({ openMetricsFile: state.historyFile, port }),
      startNextApp({ root: ROOT, env: { PROMETHEUS_URL: `http://127.0.0.1:${port}`, PROMETHEUS_TIMEOUT_MS: String(TIMEOUT_MS), QUERY_CACHE_TTL_MS: '0' } }),
    ]);
  });

  test.afterEach(() => prom?.resume());

  test.afterAll(async () => {
    await app?.stop();
    await prom?.stop();
  });

  test('the API answers 504 naming the timeout, within the timeout plus a bounded margin', async () => {
    prom!.pause();
    for (const r of await Promise.all(['/api/egress', '/api/hosts', '/api/health'].map((p) => timedGet(app!.url, p)))) {
      const p = r.path;
      expect(r.status, p).toBe(504);
      expect(r.body.error?.code, p).toBe('prometheus-timeout');
      expect(r.body.error?.message, p).toBe('Prometheus did not answer within 2 s (PROMETHEUS_TIMEOUT_MS)');
      expect(r.body.error?.hint, p).toMatch(/overloaded or stuck/);
      expect(r.ms, p).toBeGreaterThanOrEqual(TIMEOUT_MS - 100);
      expect(r.ms, p).toBeLessThan(TIMEOUT_MS + GRACE_MS);
    }
  });

  test('20 concurrent requests all end in 504 in bounded time, and the server keeps serving meanwhile', async () => {
    prom!.pause();
    // Distinct end times and routes, so nothing is coalesced: about 50 queries hang at once.
    const now = Math.floor(Date.now() / 1000);
    const routes = ['/api/egress', '/api/graph', '/api/blocked', '/api/readiness', '/api/hosts'];
    const requests = Array.from({ length: 20 }, (_, i) => timedGet(app!.url, `${routes[i % routes.length]}?end=${now - i * 60}`));
    // While they hang: a page that does not need Prometheus answers at once.
    const started = Date.now();
    const html = await fetch(`${app!.url}/alerts`, { signal: AbortSignal.timeout(10_000) });
    await html.text();
    const pageMs = Date.now() - started;
    expect(html.status).toBe(200);
    expect(pageMs, 'the /alerts page answered while the queries hung').toBeLessThan(TIMEOUT_MS);

    const answers = await Promise.all(requests);
    for (const r of answers) {
      expect(r.status, r.path).toBe(504);
      expect(r.body.error?.code, r.path).toBe('prometheus-timeout');
      expect(r.ms, r.path).toBeLessThan(TIMEOUT_MS + GRACE_MS);
    }

    prom!.resume();
    await expect(async () => expect((await timedGet(app!.url, '/api/egress')).status).toBe(200)).toPass({ timeout: 20_000 });
  });

  test('the pages say Prometheus did not answer within 2 s, keep what they show, and recover by themselves after SIGCONT', async ({ context }) => {
    test.setTimeout(90_000);
    const graphTab = await context.newPage();
    const graph = new GraphPage(graphTab);
    await graphTab.goto(`${app!.url}/?refresh=10s`);
    await graph.waitForGraph();
    const edges = (await graph.edges()).length;

    prom!.pause();
    // Another window: a new query at once (rather than at the next refresh), while the graph on screen stays.
    await graphTab.getByLabel('Window').selectOption('15m');
    const hostsTab = await context.newPage();
    await hostsTab.goto(`${app!.url}/hosts`);
    for (const tab of [graphTab, hostsTab]) {
      await expect(backendBanner(tab)).toContainText('Prometheus is too slow', { timeout: 30_000 });
      await expect(backendBanner(tab)).toContainText('did not answer within 2 s');
      await expect(backendBanner(tab)).toContainText('PROMETHEUS_TIMEOUT_MS');
    }
    // The graph of the previous window stays, and says so.
    await expect(backendBanner(graphTab)).toContainText('Showing the data from');
    await expect(graph.canvas).toBeVisible();
    expect((await graph.edges()).length).toBe(edges);
    await screenshot(graphTab, 'timeout-graph');

    prom!.resume();
    await expect(backendBanner(graphTab)).toHaveCount(0, { timeout: 30_000 });
    await expect(hostsTab.getByRole('table', { name: 'External hosts' })).toBeVisible({ timeout: 30_000 });
    await expect(backendBanner(hostsTab)).toHaveCount(0);
    expect((await graph.edges()).length).toBeGreaterThan(0);
  });
});
