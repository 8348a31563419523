import http from 'node:http';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/env';
import { createPrometheusClient, MAX_ERROR_BODY, MAX_REDIRECTS } from './client';

/** What the HTTP layer does between the app and a backend: errors, redirects, compression, connections. */

const VECTOR = JSON.stringify({ status: 'success', data: { resultType: 'vector', result: [{ metric: { a: 'b' }, value: [1, '1'] }] } });
const NOT_PROM = 'the answer is not from a Prometheus API (check the URL and any proxy in between)';

interface Seen {
  readonly method: string;
  readonly url: string;
  readonly body: string;
  readonly authorization?: string;
}

const servers: http.Server[] = [];
afterAll(() => {
  for (const s of servers) {
    s.closeAllConnections();
    s.close();
  }
});

/** A server answering with `reply`, recording requests and counting TCP connections. */
async function serve(reply: (req: http.IncomingMessage, res: http.ServerResponse, body: string) => void) {
  const seen: Seen[] = [];
  let connections = 0;
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', body, authorization: req.headers.authorization });
      reply(req, res, body);
    });
  });
  server.on('connection', () => connections++);
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, seen, connections: () => connections };
}

const clientOf = (url: string, env: Record<string, string> = {}) => createPrometheusClient(loadConfig({ PROMETHEUS_URL: url, ...env }).prometheus);
const failure = (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => e);

describe('error answers', () => {
  it("reports a proxy's plain-text 5xx by its status, never its text", async () => {
    const p = await serve((_q, res) => res.writeHead(503, { 'Content-Type': 'text/plain' }).end('no healthy upstream'));
    expect(await failure(clientOf(p.url).instantQuery('up', 1))).toMatchObject({ kind: 'upstream', status: 503, message: `Prometheus answered HTTP 503: ${NOT_PROM}` });
  });

  it("reads Prometheus's error JSON from a gzipped answer", async () => {
    const body = zlib.gzipSync(JSON.stringify({ status: 'error', errorType: 'bad_data', error: '1:1: parse error: unexpected "("' }));
    const p = await serve((_q, res) => res.writeHead(400, { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' }).end(body));
    expect(await failure(clientOf(p.url).instantQuery('(', 1))).toMatchObject({ kind: 'bad-query', status: 400, message: 'Prometheus refused the query: 1:1: parse error: unexpected "("' });
  });

  it('answers as soon as an error body passes its bound, without waiting for the rest', async () => {
    // 2 MiB of a page, then nothing more: the answer is known from the status.
    const p = await serve((_q, res) => {
      res.writeHead(500, { 'Content-Type': 'text/html' });
      res.write('<html>'.padEnd(2 * MAX_ERROR_BODY, 'x'));
    });
    const err = await failure(clientOf(p.url, { PROMETHEUS_TIMEOUT_MS: '30000' }).instantQuery('up', 1));
    expect(err).toMatchObject({ kind: 'upstream', status: 500, message: `Prometheus answered HTTP 500: ${NOT_PROM}` });
  });

  it('gives up on an error body that trickles in past the timeout', async () => {
    const p = await serve((_q, res) => {
      res.writeHead(500, { 'Content-Type': 'text/plain' });
      const timer = setInterval(() => res.write('.'), 50);
      res.on('close', () => clearInterval(timer));
    });
    const err = await failure(clientOf(p.url, { PROMETHEUS_TIMEOUT_MS: '400' }).instantQuery('up', 1));
    expect(err).toMatchObject({ kind: 'timeout', message: 'Prometheus did not answer within 400 ms (PROMETHEUS_TIMEOUT_MS)' });
  });
});

describe('redirects', () => {
  const page = '<!DOCTYPE html><html><head><title>Sign in - Example SSO</title></head><body><form></form></body></html>';

  it('follows a proxy to its login page, and names the page; the credentials stay with the configured origin', async () => {
    const sso = await serve((_q, res) => res.writeHead(200, { 'Content-Type': 'text/html' }).end(page));
    const p = await serve((req, res) => {
      if (req.url === '/api/v1/query') return res.writeHead(302, { Location: '/oauth/start' }).end();
      res.writeHead(302, { Location: `${sso.url}/login` }).end();
    });
    const err = await failure(clientOf(p.url, { PROMETHEUS_BEARER_TOKEN: 's3cret' }).instantQuery('up', 1));
    expect(err).toMatchObject({ kind: 'bad-response', message: 'The backend did not answer like Prometheus: it sent an HTML page titled "Sign in - Example SSO"' });
    expect(p.seen.map((s) => [s.method, s.url, s.authorization])).toEqual([
      ['POST', '/api/v1/query', 'Bearer s3cret'],
      ['GET', '/oauth/start', 'Bearer s3cret'],
    ]);
    expect(sso.seen).toEqual([{ method: 'GET', url: '/login', body: '', authorization: undefined }]);
  });

  it('repeats the query, body and all, where a 307 sends it', async () => {
    const p = await serve((req, res, body) => {
      if (req.url === '/api/v1/query') return res.writeHead(307, { Location: '/prometheus/api/v1/query' }).end();
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(new URLSearchParams(body).get('query') === 'up' ? VECTOR : '{}');
    });
    expect((await clientOf(p.url).instantQuery('up', 1)).samples).toEqual([{ labels: { a: 'b' }, value: 1 }]);
    expect(p.seen.map((s) => `${s.method} ${s.url}`)).toEqual(['POST /api/v1/query', 'POST /prometheus/api/v1/query']);
  });

  it('stops following a redirect loop', async () => {
    const p = await serve((req, res) => res.writeHead(302, { Location: req.url === '/a' ? '/b' : '/a' }).end());
    const err = await failure(clientOf(p.url).instantQuery('up', 1));
    expect(err).toMatchObject({ kind: 'bad-response', message: `The backend did not answer like Prometheus: it redirected more than ${MAX_REDIRECTS} times` });
    expect(p.seen).toHaveLength(MAX_REDIRECTS + 1);
  });
});

describe('connections', () => {
  it('keeps one connection alive across calls, including after an error answer read to its end', async () => {
    const p = await serve((req, res) =>
      req.url === '/api/v1/status/buildinfo'
        ? res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"status":"success","data":{"version":"3.5.0"}}')
        : res.writeHead(422, { 'Content-Type': 'application/json' }).end('{"status":"error","errorType":"execution","error":"too many samples"}'),
    );
    const client = clientOf(p.url);
    for (let i = 0; i < 5; i++) {
      expect(await failure(client.instantQuery('up', 1))).toMatchObject({ kind: 'bad-query', status: 422 });
      expect(await client.buildInfo()).toEqual({ version: '3.5.0' });
    }
    expect(p.seen.filter((s) => s.url.endsWith('buildinfo')).every((s) => s.method === 'GET')).toBe(true);
    expect(p.connections()).toBe(1);
  });
});
