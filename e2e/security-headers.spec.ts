import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import type { APIResponse } from '@playwright/test';
import { allowedMethods, API_ROUTES } from '../lib/api/routes';
import http from 'node:http';
import { findFreePort, startNextApp, type RunningApp } from '../tools/backends';
import { SECURITY_HEADERS } from '../lib/http/headers';
import sentinels from './credential-sentinels.json';
import { expect, test } from './fixtures';
import { GraphPage } from './pages/graph-page';

const ROOT = path.resolve(__dirname, '..');
const PAGES = ['/', '/?view=table', '/promote?host=pastebin.com', '/blocked', '/readiness', '/hosts', '/alerts'];

function cspDirectives(header: string | undefined): Map<string, string[]> {
  expect(header, 'Content-Security-Policy header').toBeTruthy();
  return new Map(
    header!.split(';').map((d) => {
      const [name, ...values] = d.trim().split(/\s+/);
      return [name!, values];
    }),
  );
}

test.describe('security headers', () => {
  test('every page has a nonce-based CSP without unsafe-inline scripts, forbids framing and sniffing, and a fresh nonce per request', async ({ api }) => {
    const nonces = new Set<string>();
    for (const url of PAGES) {
      const res = await api.get(url);
      expect(res.status(), url).toBe(200);
      const headers = res.headers();
      const csp = cspDirectives(headers['content-security-policy']);
      const scripts = csp.get('script-src')!;
      expect(scripts, url).not.toContain("'unsafe-inline'");
      expect(scripts, url).not.toContain("'unsafe-eval'");
      const nonce = scripts.find((s) => s.startsWith("'nonce-"))!.slice(7, -1);
      nonces.add(nonce);
      expect(csp.get('frame-ancestors'), url).toEqual(["'none'"]);
      expect(csp.get('object-src'), url).toEqual(["'none'"]);
      expect(headers['x-content-type-options'], url).toBe('nosniff');
      expect(headers['x-frame-options'], url).toBe('DENY');
      expect(headers['referrer-policy'], url).toBe('no-referrer');
      // Every script Next.js emits carries this response's nonce.
      const html = await res.text();
      const tags = html.match(/<script\b[^>]*>/g) ?? [];
      expect(tags.length, url).toBeGreaterThan(0);
      for (const tag of tags) expect(tag, url).toContain(`nonce="${nonce}"`);
    }
    expect(nonces.size).toBe(PAGES.length);
  });

  test('API answers are nosniff, not framable and not cached by shared caches', async ({ api }) => {
    for (const url of ['/api/health', '/api/egress?window=5m', '/api/graph?window=5m', '/api/nonexistent']) {
      const res = await api.get(url);
      expect(res.headers()['x-content-type-options'], url).toBe('nosniff');
      expect(res.headers()['x-frame-options'], url).toBe('DENY');
    }
  });

  test('every page works under the policy: no violation while loading and using it, and injected inline script is refused', async ({ page }) => {
    await page.addInitScript(() => {
      const w = window as unknown as { __cspViolations: string[] };
      w.__cspViolations = [];
      document.addEventListener('securitypolicyviolation', (e) => w.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    const violations = () => page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations);
    for (const url of PAGES) {
      await page.goto(url);
      await page.waitForLoadState('networkidle');
      expect(await violations(), url).toEqual([]);
    }
    const graph = new GraphPage(page);
    await graph.goto();
    await graph.clickNode('ext:pastebin.com');
    await expect(graph.details).toContainText('pastebin.com');
    expect(await violations()).toEqual([]);

    // The policy is enforced, not just sent: the classic XSS payload, markup with an
    // inline event handler, does not run (no 'unsafe-inline', no 'unsafe-hashes').
    await page.evaluate(() => {
      const div = document.createElement('div');
      div.innerHTML = '<img src="/__missing.png" onerror="window.__injected = true">';
      document.body.appendChild(div);
    });
    await expect.poll(violations).toContainEqual(expect.stringMatching(/^script-src/));
    expect(await page.evaluate(() => (window as unknown as { __injected?: boolean }).__injected === true)).toBe(false);
  });
});

/** Every static security header (lib/http/headers.ts) is on the answer. */
function expectSecurityHeaders(res: APIResponse, what: string): void {
  const headers = res.headers();
  for (const { key, value } of SECURITY_HEADERS) expect(headers[key.toLowerCase()], `${what}: ${key}`).toBe(value);
}

const PAGE_ALLOW = 'GET, HEAD, OPTIONS';

test.describe('every answer, whatever the method or path', () => {
  test('methods nothing serves (TRACE, PROPFIND, PUT, POST on a page...): 405 with Allow and the security headers, on pages, static files and APIs', async ({ api }) => {
    const chunk = /<script[^>]+src="(\/_next\/static\/[^"]+)"/.exec(await (await api.get('/')).text())?.[1];
    expect(chunk).toBeTruthy();
    const targets: [string, string][] = [
      ['/', PAGE_ALLOW],
      ['/blocked?window=1d', PAGE_ALLOW],
      ['/nonexistent', PAGE_ALLOW],
      [chunk!, PAGE_ALLOW],
      ['/icon.svg', PAGE_ALLOW],
      ['/favicon.ico', PAGE_ALLOW],
      ['/api/egress', allowedMethods('GET')],
      ['/api/livez', allowedMethods('GET')],
      ['/api/serviceentries', allowedMethods('POST')],
    ];
    for (const [url, allow] of targets) {
      for (const method of ['TRACE', 'PROPFIND', 'SEARCH', 'PUT', 'DELETE', 'PATCH', 'POST', 'GET'].filter((m) => !allow.split(', ').includes(m))) {
        const res = await api.fetch(url, { method });
        const what = `${method} ${url}`;
        expect(res.status(), what).toBe(405);
        expect(res.headers().allow, what).toBe(allow);
        expectSecurityHeaders(res, what);
        if (url.startsWith('/api/')) expect((await res.json()) as unknown, what).toMatchObject({ error: { code: 'method-not-allowed' } });
      }
      const options = await api.fetch(url, { method: 'OPTIONS' });
      expect(options.status(), `OPTIONS ${url}`).toBe(204);
      expect(options.headers().allow, `OPTIONS ${url}`).toBe(allow);
      expectSecurityHeaders(options, `OPTIONS ${url}`);
    }
  });

  test('CONNECT gets a 405 with Allow and the security headers before the connection closes', async ({ appUrl }) => {
    const { hostname, port } = new URL(appUrl);
    const text = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(Number(port), hostname, () => socket.write(`CONNECT example.test:443 HTTP/1.1\r\nHost: example.test:443\r\n\r\n`));
      let received = '';
      socket.setEncoding('latin1');
      socket.setTimeout(10_000, () => socket.destroy());
      socket.on('data', (d: string) => (received += d));
      socket.on('close', () => resolve(received));
      socket.on('error', reject);
    });
    expect(text).toMatch(/^HTTP\/1\.1 405 /);
    expect(text).toContain(`\r\nAllow: ${PAGE_ALLOW}\r\n`);
    expect(text).toContain('\r\nX-Content-Type-Options: nosniff\r\n');
  });

  test('unknown /api/* paths answer a JSON 404 naming the path, for every method, with the security headers', async ({ api }) => {
    for (const url of ['/api/nonexistent', '/api/egress/extra', '/api', '/api/__proto__']) {
      for (const method of ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'TRACE']) {
        const res = await api.fetch(url, { method });
        const what = `${method} ${url}`;
        expect(res.status(), what).toBe(404);
        expect(res.headers()['content-type'], what).toBe('application/json');
        expectSecurityHeaders(res, what);
        if (method !== 'HEAD') expect((await res.json()) as unknown, what).toEqual({ error: { code: 'not-found', message: expect.stringMatching(/^path: ".*" is not an API route/) as unknown } });
      }
    }
    // Every listed route exists: none of them is a 404.
    for (const url of Object.keys(API_ROUTES)) expect((await api.fetch(url, { method: 'OPTIONS' })).status(), url).toBe(204);
  });

  test('the first request the server answers is already guarded: TRACE while it starts is a 405, never a 500', async ({ state }) => {
    const port = await findFreePort('127.0.0.1');
    const starting = startNextApp({ root: ROOT, port, readyPath: '/api/livez', env: { PROMETHEUS_URL: state.backends.prometheus } });
    const trace = () =>
      new Promise<number>((resolve, reject) => {
        const req = http.request({ host: '127.0.0.1', port, path: '/', method: 'TRACE', agent: false }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
        req.end();
      });
    let first: number | undefined;
    try {
      while (first === undefined) first = await trace().catch(() => new Promise<undefined>((resolve) => setTimeout(resolve, 5)));
    } finally {
      await (await starting).stop();
    }
    expect(first).toBe(405);
  });

  test('/_next/image answers a clean 404 (the optimiser is off), not a 500', async ({ api }) => {
    for (const url of ['/_next/image?url=%2F%5Cevil.com%2Fx.png&w=64&q=75', '/_next/image?url=%2Ficon.svg&w=64&q=75', '/_next/image']) {
      const res = await api.get(url);
      expect(res.status(), url).toBe(404);
      expect(res.headers()['content-type'], url).toMatch(/^text\/plain/);
      expectSecurityHeaders(res, url);
    }
  });

  test('/favicon.ico is the app icon; static files and 404s carry the security headers', async ({ api }) => {
    const favicon = await api.get('/favicon.ico');
    expect(favicon.status()).toBe(200);
    expect(favicon.headers()['content-type']).toBe('image/svg+xml');
    expect((await favicon.body()).toString()).toBe((await (await api.get('/icon.svg')).body()).toString());
    expectSecurityHeaders(favicon, '/favicon.ico');
    const chunk = /<script[^>]+src="(\/_next\/static\/[^"]+)"/.exec(await (await api.get('/')).text())?.[1];
    for (const [url, status] of [[chunk!, 200], ['/icon.svg', 200], ['/_next/static/chunks/nonexistent.js', 404], ['/nonexistent', 404], ['/api/nonexistent', 404]] as const) {
      const res = await api.get(url);
      expect(res.status(), url).toBe(status);
      expectSecurityHeaders(res, url);
    }
  });

  test('the 404 page is a page of the app, under the CSP, with no violation', async ({ page, api }) => {
    const res = await api.get('/no/such/page');
    expect(res.status()).toBe(404);
    const csp = cspDirectives(res.headers()['content-security-policy']);
    expect(csp.get('style-src')).not.toContain("'unsafe-inline'");
    const consoleErrors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    await page.addInitScript(() => {
      const w = window as unknown as { __cspViolations: string[] };
      w.__cspViolations = [];
      document.addEventListener('securitypolicyviolation', (e) => w.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    const response = await page.goto('/no/such/page');
    expect(response?.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Egress graph' })).toHaveAttribute('href', '/');
    await page.waitForLoadState('networkidle');
    expect(await page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations)).toEqual([]);
    expect(consoleErrors.filter((t) => /Content Security Policy|Refused to/i.test(t))).toEqual([]);
  });
});

test.describe('no credentials reach the browser', () => {
  const secrets = [
    sentinels.build.PROMETHEUS_URL,
    'build-sentinel-prometheus.invalid',
    sentinels.build.PROMETHEUS_BEARER_TOKEN,
    'build-sentinel-tenant-55a2',
    sentinels.build.AUTH_PROXY_SECRET,
    sentinels.runtime.PROMETHEUS_BEARER_TOKEN,
    'runtime-sentinel-tenant-c0de',
  ];

  test('the built client assets hold none of the credentials configured at build or run time', () => {
    const dirs = ['.next/static', '.next/standalone/.next/static', '.next/standalone/public', 'public'].map((d) => path.join(ROOT, d));
    let files = 0;
    for (const dir of dirs.filter((d) => fs.existsSync(d))) {
      for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
        if (!entry.isFile()) continue;
        const file = path.join(entry.parentPath, entry.name);
        const text = fs.readFileSync(file, 'latin1');
        files++;
        for (const secret of secrets) expect(text.includes(secret), `${secret} in ${file}`).toBe(false);
      }
    }
    expect(files).toBeGreaterThan(10);
  });

  test('no page, script or API answer of the running app holds them, nor the Prometheus address', async ({ api, state }) => {
    const backend = new URL(state.backends.prometheus).host;
    const seen = new Set<string>();
    const check = async (url: string) => {
      if (seen.has(url)) return '';
      seen.add(url);
      const text = await (await api.get(url)).text();
      for (const secret of [...secrets, backend]) expect(text.includes(secret), `${secret} in ${url}`).toBe(false);
      return text;
    };
    for (const url of PAGES) {
      const html = await check(url);
      for (const [, src] of html.matchAll(/<script[^>]+src="([^"]+)"/g)) await check(src!);
    }
    for (const url of ['/api/health', '/api/egress?window=5m', '/api/graph?window=5m', '/api/blocked', '/api/readiness', '/api/hosts']) await check(url);
    expect(seen.size).toBeGreaterThan(PAGES.length + 6);
  });
});

test.describe('sign-in through a trusted authenticating proxy', () => {
  const SECRET = 'e2e-proxy-shared-secret-0123';
  const proxied = { 'X-Forwarded-Email': 'alice@example.com', 'X-Egress-Lens-Proxy-Secret': SECRET };
  let app: RunningApp | undefined;

  test.beforeAll(async ({ state }) => {
    app = await startNextApp({
      root: ROOT,
      readyPath: '/api/health',
      env: { PROMETHEUS_URL: state.backends.prometheus, AUTH_PROXY_USER_HEADER: 'X-Forwarded-Email', AUTH_PROXY_SECRET: SECRET },
    });
  });
  test.afterAll(async () => {
    await app?.stop();
  });

  test('requests that did not come through the proxy get a 401 that says why; the probes stay open', async ({ playwright }) => {
    const direct = await playwright.request.newContext({ baseURL: app!.url });
    const page = await direct.get('/');
    expect(page.status()).toBe(401);
    expect(await page.text()).toContain('sign-in proxy');
    expectSecurityHeaders(page, '401 page');
    const apiRes = await direct.get('/api/egress', { headers: { 'X-Forwarded-Email': 'mallory@example.com' } });
    expect(apiRes.status()).toBe(401);
    expect(await apiRes.json()).toMatchObject({ kind: 'unauthenticated' });
    for (const probe of ['/api/health', '/api/livez', '/api/readyz']) expect((await direct.get(probe)).status(), probe).toBe(200);
    await direct.dispose();
  });

  test('the signed-in user is shown and recorded as requested-by in generated resources', async ({ browser, playwright }) => {
    const context = await browser.newContext({ baseURL: app!.url, extraHTTPHeaders: proxied });
    const page = await context.newPage();
    await page.goto('/promote?host=pastebin.com');
    await expect(page.getByTestId('signed-in-as')).toHaveText('Signed in as alice@example.com');
    // pastebin.com is blocked: the acknowledgement is recorded under the signed-in user.
    await page.getByRole('checkbox', { name: /I reviewed these attempts/ }).check();
    const editor = page.getByRole('region', { name: 'Generated resources' });
    await expect(editor.getByText(/^Valid/)).toBeVisible();
    expect(await editor.getByRole('textbox').inputValue()).toContain('egress-lens.io/requested-by: alice@example.com');
    expect(await editor.getByRole('textbox').inputValue()).toContain('egress-lens.io/blocked-acknowledged-by: alice@example.com');
    await context.close();

    const viaProxy = await playwright.request.newContext({ baseURL: app!.url, extraHTTPHeaders: proxied });
    const res = await viaProxy.post('/api/serviceentries', { data: { hosts: ['pastebin.com'], window: '1h', acknowledgeBlocked: true } });
    expect(res.status()).toBe(200);
    const body = (await res.json()) as { objects: { metadata: { annotations: Record<string, string> } }[] };
    expect(body.objects[0]!.metadata.annotations['egress-lens.io/requested-by']).toBe('alice@example.com');
    expect(body.objects[0]!.metadata.annotations['egress-lens.io/blocked-acknowledged-by']).toBe('alice@example.com');
    await viaProxy.dispose();
  });

  test('misconfigured sign-in fails closed, yet the pod stays live and says why it is not ready', async ({ playwright, state }) => {
    const broken = await startNextApp({
      root: ROOT,
      readyPath: '/api/livez',
      env: { PROMETHEUS_URL: state.backends.prometheus, AUTH_PROXY_SECRET: SECRET },
    });
    try {
      const direct = await playwright.request.newContext({ baseURL: broken.url });
      expect((await direct.get('/', { headers: proxied })).status()).toBe(500);
      expect((await direct.get('/api/livez')).status()).toBe(200);
      const ready = await direct.get('/api/readyz');
      expect(ready.status()).toBe(503);
      const text = await ready.text();
      expect(text).toMatch(/AUTH_PROXY_SECRET: only applies with AUTH_PROXY_USER_HEADER/);
      expect(text).not.toContain(SECRET);
      await direct.dispose();
    } finally {
      await broken.stop();
    }
  });

  test('without sign-in configured, a forged identity header is ignored', async ({ api }) => {
    const res = await api.post('/api/serviceentries', { data: { hosts: ['pastebin.com'], window: '1h', acknowledgeBlocked: true }, headers: { 'X-Egress-Lens-User': 'mallory' } });
    expect(res.status()).toBe(200);
    const body = (await res.json()) as { objects: { metadata: { annotations: Record<string, string> } }[] };
    expect(body.objects[0]!.metadata.annotations['egress-lens.io/requested-by']).toBeUndefined();
    expect(body.objects[0]!.metadata.annotations['egress-lens.io/blocked-acknowledged-by']).toBe('anonymous');
  });
});
