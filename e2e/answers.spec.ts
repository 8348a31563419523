import { ANSWER_SCHEMAS, checkAnswer, promoteRefusalSchema } from '../lib/api/answers';
import { expect, test } from './fixtures';

/**
 * The browser checks every /api/* answer with its schema (lib/api/answers):
 * the real answers on the demo mesh pass, whole; a malformed answer is the
 * page's error banner naming the route and the problem, never a crash or a
 * blank page, and the page recovers once the answers are right again.
 */

const MIN = 60;

test.describe('real answers on the demo mesh pass the schemas the browser checks them with', () => {
  test('every route the pages read', async ({ api, mesh }) => {
    const end = mesh.origin + 150 * MIN;
    const range = `end=${end}&window=1h`;
    const answers: [keyof typeof ANSWER_SCHEMAS, unknown][] = [];
    const get = async (route: keyof typeof ANSWER_SCHEMAS, query = '') => {
      const res = await api.get(`${route}${query ? `?${query}` : ''}`);
      expect(res.status(), `${route}?${query}`).toBe(200);
      const body = (await res.json()) as unknown;
      answers.push([route, body]);
      return body;
    };
    const post = async (route: keyof typeof ANSWER_SCHEMAS, data: unknown) => {
      const res = await api.post(route, { data });
      expect(res.status(), route).toBe(200);
      const body = (await res.json()) as unknown;
      answers.push([route, body]);
      return body;
    };
    const graph = ANSWER_SCHEMAS['/api/graph'].parse(await get('/api/graph', range));
    // A passthrough host a ServiceEntry can hold (the demo's hostile hosts cannot).
    const host = graph.nodes.find((n) => n.kind === 'host' && n.host === 'httpbin.org');
    if (host?.kind !== 'host') throw new Error('the demo graph has httpbin.org');
    await get('/api/egress', range);
    await get('/api/timeseries', `kind=host&status=passthrough&hostId=${host.hostId}&${range}`);
    await get('/api/health');
    await get('/api/blocked', `end=${end}&window=1d`);
    await get('/api/readiness', range);
    await get('/api/hosts', range);
    const promoted = ANSWER_SCHEMAS['/api/serviceentries'].parse(await post('/api/serviceentries', { hostIds: [host.hostId], end, window: '1h' }));
    await post('/api/serviceentries/validate', { yaml: promoted.yaml });
    await post('/api/alert-rules', {});
    // The page reads a refusal too: a blocked host without the acknowledgement answers 400 with the review.
    const refused = await api.post('/api/serviceentries', { data: { hosts: ['pastebin.com'], end, window: '1h' } });
    expect(refused.status()).toBe(400);
    answers.push(['/api/serviceentries', (await refused.json()) as unknown]);

    for (const [route, body] of answers) {
      const schema = 'error' in (body as object) ? promoteRefusalSchema : ANSWER_SCHEMAS[route];
      const checked = checkAnswer(schema, route, body);
      expect(checked.ok ? 'ok' : checked.message, route).toBe('ok');
      // Nothing the server sent is lost: the schema knows every field.
      expect(checked.ok && checked.value, route).toEqual(body);
    }
    expect(answers.find(([r]) => r === '/api/blocked')?.[1]).toMatchObject({ attempts: expect.arrayContaining([expect.objectContaining({ isNew: expect.any(Boolean) })]) });
  });
});

test.describe('a malformed answer is the page error, named, with no uncaught error', () => {
  test('the graph page: /api/graph answers a node kind this page does not know', async ({ page, api, mesh }) => {
    const end = mesh.origin + 80 * MIN;
    const real = (await (await api.get(`/api/graph?end=${end}&window=10m`)).json()) as { nodes: { kind: string }[] };
    real.nodes[0]!.kind = 'planet';
    const pageErrors: Error[] = [];
    page.on('pageerror', (e) => pageErrors.push(e));
    let malformed = true;
    await page.route('**/api/graph?**', (route) => (malformed ? route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(real) }) : route.continue()));
    await page.goto(`/?end=${end}&window=10m`);
    const banner = page.getByTestId('backend-banner');
    await expect(banner).toHaveAttribute('data-code', 'bad-answer');
    await expect(banner).toContainText('Unexpected answer from the Egress Lens server.');
    await expect(banner).toContainText("The server's answer to /api/graph was not what this page expects: nodes.0.kind: ");
    await expect(banner).toContainText('reload the page');
    await expect(page.getByText('No graph yet')).toBeVisible();
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.screenshot({ path: test.info().outputPath('bad-answer-graph-1440.png') });
    // Retried like a failing backend: once the answers are right, the graph is drawn.
    malformed = false;
    await page.waitForFunction(() => (window.__egressLens?.cy.edges().length ?? 0) > 0, undefined, { timeout: 15_000 });
    await expect(banner).toBeHidden();
    expect(pageErrors).toEqual([]);
  });

  test('the hosts page: /api/hosts answers an HTML page, then JSON cut short, then a host without a field', async ({ page, mesh }) => {
    const pageErrors: Error[] = [];
    page.on('pageerror', (e) => pageErrors.push(e));
    let body = '<!doctype html><title>Sign in</title><p>Sign in to continue</p>';
    let contentType = 'text/html; charset=utf-8';
    await page.route('**/api/hosts?**', (route) => route.fulfill({ status: 200, contentType, body }));
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`/hosts?window=1h&end=${mesh.origin + 80 * MIN}`);
    const banner = page.getByTestId('backend-banner');
    await expect(banner).toContainText("The server's answer to /api/hosts was not what this page expects: not JSON (text/html; charset=utf-8)");
    await page.screenshot({ path: test.info().outputPath('bad-answer-hosts-390.png'), fullPage: true });
    const answer = JSON.stringify({ end: new Date().toISOString(), window: '1h', hosts: [{ host: 'api.stripe.com', statuses: ['registered'] }], queries: [], warnings: [] });
    contentType = 'application/json';
    body = answer.slice(0, 60);
    await expect(banner).toContainText("The server's answer to /api/hosts was not what this page expects: not JSON (application/json)", { timeout: 15_000 });
    body = answer;
    await expect(banner).toContainText('hosts.0.registered: Invalid input: expected boolean, received undefined', { timeout: 15_000 });
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    expect(pageErrors).toEqual([]);
  });
});
