import http from 'node:http';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allowedMethods, API_ROUTES } from '../api/routes';
import { guardAnswer, guardHttpServers, PAGE_ALLOW } from './guard';
import { SECURITY_HEADERS } from './headers';

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'TRACE', 'CONNECT', 'PROPFIND', 'MKCOL', 'LOCK', 'PURGE', 'SEARCH'];

describe('guardAnswer', () => {
  for (const [path, served] of Object.entries(API_ROUTES)) {
    it(`${path}: passes ${served} on; OPTIONS is a 204 and every other method a JSON 405, each with Allow`, () => {
      const allow = allowedMethods(served);
      for (const method of METHODS) {
        const answer = guardAnswer(method, `${path}?window=5m`);
        if (allow.split(', ').includes(method) && method !== 'OPTIONS') {
          expect(answer, method).toBeUndefined();
          continue;
        }
        expect(answer?.headers.Allow, method).toBe(allow);
        if (method === 'OPTIONS') {
          expect(answer?.status).toBe(204);
          continue;
        }
        expect(answer?.status, method).toBe(405);
        expect(answer?.headers['Content-Type']).toBe('application/json');
        expect(JSON.parse(answer?.body ?? '')).toEqual({ error: { code: 'method-not-allowed', message: `method: ${method} is not allowed on ${path}; use ${served}` } });
      }
    });
  }

  it('pages and static files take GET and HEAD; OPTIONS is a 204 and everything else a 405, with Allow', () => {
    for (const path of ['/', '/blocked?window=1d', '/_next/static/chunks/x.js', '/nonexistent', '/favicon.ico', '*']) {
      for (const method of METHODS) {
        const answer = guardAnswer(method, path);
        if (method === 'GET' || method === 'HEAD') expect(answer, `${method} ${path}`).toBeUndefined();
        else expect(answer, `${method} ${path}`).toMatchObject({ status: method === 'OPTIONS' ? 204 : 405, headers: { Allow: PAGE_ALLOW } });
      }
    }
  });

  it('a path under /api/ that is no route is a JSON 404 whatever the method, naming the path and the routes', () => {
    for (const path of ['/api', '/api/', '/api/nonexistent', '/api/egress/x', '/api/%2e%2e/egress', '/api/__proto__', '/api/constructor', `/api/${'x'.repeat(10_000)}`]) {
      for (const method of METHODS) {
        const answer = guardAnswer(method, path);
        expect(answer?.status, `${method} ${path}`).toBe(404);
        const { error } = JSON.parse(answer?.body ?? '') as { error: { code: string; message: string } };
        expect(error.code).toBe('not-found');
        expect(error.message).toMatch(/^path: ".*" is not an API route; the routes are \/api\/alert-rules, /);
        expect(error.message.length).toBeLessThan(1000);
      }
    }
  });

  it('reads the route from every form of the target: trailing slash, percent-encoding, absolute form', () => {
    for (const target of ['/api/livez/', '/api/%6civez', 'http://example.test/api/livez?x=1', '/api/livez#frag']) {
      expect(guardAnswer('GET', target), target).toBeUndefined();
      expect(guardAnswer('TRACE', target)?.headers.Allow, target).toBe('GET, HEAD, OPTIONS');
    }
  });

  it('every answer carries the security headers, a CSP that allows nothing, and no-store', () => {
    for (const [method, path] of [['TRACE', '/'], ['OPTIONS', '/api/egress'], ['GET', '/api/nope'], ['PUT', '/_next/static/x.js']] as const) {
      const headers = guardAnswer(method, path)?.headers ?? {};
      for (const { key, value } of SECURITY_HEADERS) expect(headers[key], `${method} ${path} ${key}`).toBe(value);
      expect(headers['Content-Security-Policy']).toBe("default-src 'none'; frame-ancestors 'none'");
      expect(headers['Cache-Control']).toBe('no-store');
    }
  });
});

/** Sends raw bytes and reads everything until the server closes the connection. */
function raw(port: number, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write(request));
    let text = '';
    socket.setEncoding('latin1');
    socket.setTimeout(5000, () => socket.destroy());
    socket.on('data', (d: string) => (text += d));
    socket.on('close', () => resolve(text));
    socket.on('error', reject);
  });
}

describe('guardHttpServers on a real server', () => {
  const server = http.createServer((_req, res) => res.end('passed on'));
  let port = 0;
  beforeAll(async () => {
    guardHttpServers(server as unknown as Parameters<typeof guardHttpServers>[0]);
    guardHttpServers(server as unknown as Parameters<typeof guardHttpServers>[0]);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as net.AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('answers TRACE itself (405, Allow, security headers) and never passes it on', async () => {
    for (const path of ['/', '/api/egress', '/api/serviceentries']) {
      const text = await raw(port, `TRACE ${path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
      expect(text, path).toMatch(/^HTTP\/1\.1 405 /);
      expect(text).toMatch(/\r\nAllow: (GET, HEAD, OPTIONS|POST, OPTIONS)\r\n/);
      expect(text).toMatch(/\r\nX-Content-Type-Options: nosniff\r\n/);
      expect(text).not.toContain('passed on');
    }
  });

  it('answers CONNECT with a 405 and closes, instead of dropping the connection', async () => {
    const text = await raw(port, 'CONNECT example.test:443 HTTP/1.1\r\nHost: example.test:443\r\n\r\n');
    expect(text).toMatch(/^HTTP\/1\.1 405 Method Not Allowed\r\n/);
    expect(text).toMatch(/\r\nAllow: GET, HEAD, OPTIONS\r\n/);
    expect(text).toMatch(/\r\nX-Frame-Options: DENY\r\n/);
  });

  it('passes allowed methods on, and the body of a refused one is not read as the next request', async () => {
    expect(await raw(port, 'GET /api/livez HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n')).toContain('passed on');
    const text = await raw(port, 'PUT / HTTP/1.1\r\nHost: x\r\nContent-Length: 35\r\n\r\nGET /smuggled HTTP/1.1\r\nHost: x\r\n\r\nGET /api/livez HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    expect(text.match(/^HTTP\/1\.1 \d+/gm)).toEqual(['HTTP/1.1 405', 'HTTP/1.1 200']);
  });
});
