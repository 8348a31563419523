import { expect, test } from './fixtures';

test.describe('when Prometheus fails', () => {
  test('unreachable: 502 with a clear message and no upstream address', async ({ playwright, state }) => {
    const api = await playwright.request.newContext({ baseURL: state.apps.unreachable });
    for (const path of ['/api/egress', '/api/graph', '/api/health']) {
      const res = await api.get(path);
      expect(res.status(), path).toBe(502);
      const text = await res.text();
      const body = JSON.parse(text) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('prometheus-unreachable');
      expect(body.error.message).toMatch(/unreachable/);
      expect(text).not.toContain('127.0.0.1');
      expect(text).not.toMatch(/at .*\.(js|ts):\d+/); // no stack trace
    }
    await api.dispose();
  });

  test('the probes and the page do not follow Prometheus: the pod stays live, ready and serving its error banner', async ({ playwright, state }) => {
    for (const app of [state.apps.unreachable, state.apps.hanging]) {
      const api = await playwright.request.newContext({ baseURL: app });
      for (const path of ['/api/livez', '/api/readyz']) {
        const started = Date.now();
        const res = await api.get(path);
        expect(res.status(), `${app}${path}`).toBe(200);
        expect(await res.json()).toEqual({ status: 'ok' });
        expect(Date.now() - started, `${app}${path} must not wait for the backend`).toBeLessThan(1_500);
      }
      expect((await api.get('/')).status()).toBe(200);
      await api.dispose();
    }
  });

  test('too slow: 504 after the configured timeout', async ({ playwright, state }) => {
    const api = await playwright.request.newContext({ baseURL: state.apps.hanging });
    const started = Date.now();
    const res = await api.get('/api/egress');
    expect(res.status()).toBe(504);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('prometheus-timeout');
    expect(Date.now() - started).toBeLessThan(15_000);
    await api.dispose();
  });
});
