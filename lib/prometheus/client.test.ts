import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { which } from '../../tools/backends';
import { loadConfig } from '../config/env';
import { createPrometheusClient } from './client';
import { PrometheusError } from './errors';
import type { Sample } from './types';

/** A stand-in for a Prometheus API that records what it was sent. */
interface Seen {
  headers: http.IncomingHttpHeaders;
  body: string;
  url: string;
}

const VECTOR = JSON.stringify({ status: 'success', data: { resultType: 'vector', result: [{ metric: { a: 'b' }, value: [1, '+Inf'] }] } });

function handler(seen: Seen[], reply: (res: http.ServerResponse) => void) {
  return (req: http.IncomingMessage, res: http.ServerResponse) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      seen.push({ headers: req.headers, body, url: req.url ?? '' });
      reply(res);
    });
  };
}

async function listen(server: http.Server | https.Server): Promise<number> {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return (server.address() as AddressInfo).port;
}

const servers: (http.Server | https.Server)[] = [];
const dirs: string[] = [];
afterAll(() => {
  for (const s of servers) s.close();
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

async function fakePrometheus(reply: (res: http.ServerResponse) => void = (res) => res.writeHead(200, { 'Content-Type': 'application/json' }).end(VECTOR)) {
  const seen: Seen[] = [];
  const server = http.createServer(handler(seen, reply));
  servers.push(server);
  return { url: `http://127.0.0.1:${await listen(server)}`, seen };
}

describe('createPrometheusClient', () => {
  it('sends tenancy headers and the bearer token, and POSTs the query with its time and timeout', async () => {
    const p = await fakePrometheus();
    const client = createPrometheusClient(
      loadConfig({ PROMETHEUS_URL: `${p.url}/prometheus`, PROMETHEUS_BEARER_TOKEN: 't0k', PROMETHEUS_HEADERS: '{"X-Scope-OrgID":"team-a"}', PROMETHEUS_TIMEOUT_MS: '5000' }).prometheus,
    );
    const r = await client.instantQuery('up{a="b"}', 1700000000, { stats: true });
    expect(r.samples).toEqual([{ labels: { a: 'b' }, value: Infinity }]);
    const req = p.seen[0]!;
    expect(req.url).toBe('/prometheus/api/v1/query');
    expect(req.headers.authorization).toBe('Bearer t0k');
    expect(req.headers['x-scope-orgid']).toBe('team-a');
    const params = new URLSearchParams(req.body);
    expect(params.get('query')).toBe('up{a="b"}');
    expect(params.get('time')).toBe('1700000000');
    expect(params.get('timeout')).toBe('5s');
    expect(params.get('stats')).toBe('all');
  });

  it('sends basic auth', async () => {
    const p = await fakePrometheus();
    const client = createPrometheusClient(loadConfig({ PROMETHEUS_URL: p.url, PROMETHEUS_USERNAME: 'u', PROMETHEUS_PASSWORD: 'p w' }).prometheus);
    await client.instantQuery('up', 1);
    expect(p.seen[0]!.headers.authorization).toBe(`Basic ${Buffer.from('u:p w').toString('base64')}`);
  });

  it('maps an unreachable backend, an error answer and a timeout to PrometheusError kinds', async () => {
    const down = createPrometheusClient(loadConfig({ PROMETHEUS_URL: 'http://127.0.0.1:1' }).prometheus);
    await expect(down.instantQuery('up', 1)).rejects.toMatchObject({ kind: 'unreachable' });

    const bad = await fakePrometheus((res) => res.writeHead(400, { 'Content-Type': 'application/json' }).end('{"status":"error","errorType":"bad_data","error":"parse error"}'));
    await expect(createPrometheusClient(loadConfig({ PROMETHEUS_URL: bad.url }).prometheus).instantQuery('(', 1)).rejects.toMatchObject({ kind: 'bad-query' });

    const slow = await fakePrometheus(() => undefined);
    const err = await createPrometheusClient(loadConfig({ PROMETHEUS_URL: slow.url, PROMETHEUS_TIMEOUT_MS: '300' }).prometheus)
      .instantQuery('up', 1)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PrometheusError);
    expect((err as PrometheusError).kind).toBe('timeout');
  });

  it('reports no version for engines without buildinfo', async () => {
    const p = await fakePrometheus((res) => res.writeHead(404).end('404 page not found'));
    expect(await createPrometheusClient(loadConfig({ PROMETHEUS_URL: p.url }).prometheus).buildInfo()).toBeNull();
  });

  it('trusts PROMETHEUS_CA_FILE for https, and refuses an unknown CA', async () => {
    // Never skipped: the certificate comes from openssl (Debian's openssl package).
    if (!which('openssl')) throw new Error('openssl not found on PATH. Install it with: apt-get install openssl');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'egress-lens-tls-'));
    dirs.push(dir);
    const key = path.join(dir, 'key.pem');
    const cert = path.join(dir, 'cert.pem');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
    const seen: Seen[] = [];
    const server = https.createServer({ key: fs.readFileSync(key), cert: fs.readFileSync(cert) }, handler(seen, (res) => res.writeHead(200).end(VECTOR)));
    servers.push(server);
    const url = `https://127.0.0.1:${await listen(server)}`;

    const trusted = createPrometheusClient(loadConfig({ PROMETHEUS_URL: url, PROMETHEUS_CA_FILE: cert }).prometheus);
    expect((await trusted.instantQuery('up', 1)).samples).toHaveLength(1);
    const untrusted = createPrometheusClient(loadConfig({ PROMETHEUS_URL: url }).prometheus);
    await expect(untrusted.instantQuery('up', 1)).rejects.toMatchObject({ kind: 'unreachable' });
  });
});

describe('createPrometheusClient behind a proxy', () => {
  it('reports a proxy error page as the HTTP status it was', async () => {
    const p = await fakePrometheus((res) => res.writeHead(502, { 'Content-Type': 'text/html' }).end('<html>Bad Gateway</html>'));
    const err = await createPrometheusClient(loadConfig({ PROMETHEUS_URL: p.url }).prometheus)
      .instantQuery('up', 1)
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'upstream', status: 502 });
    expect((err as Error).message).toBe('Prometheus answered HTTP 502: the answer is not from a Prometheus API (check the URL and any proxy in between)');
  });
});

describe('createPrometheusClient with a backend that is not the Prometheus API', () => {
  it('reports a 200 login page as bad-response, naming the page, never its markup', async () => {
    const page = '<!DOCTYPE html><html><head><title>Sign in - Example SSO</title></head><body><form><input type="password"></form></body></html>';
    const p = await fakePrometheus((res) => res.writeHead(200, { 'Content-Type': 'text/html' }).end(page));
    const client = createPrometheusClient(loadConfig({ PROMETHEUS_URL: p.url }).prometheus);
    for (const call of [() => client.instantQuery('up', 1), () => client.rangeQuery('up', 1, 61, 15)]) {
      const err = await call().catch((e: unknown) => e);
      expect(err).toMatchObject({ kind: 'bad-response', message: 'The backend did not answer like Prometheus: it sent an HTML page titled "Sign in - Example SSO"' });
    }
  });

  it('reports JSON of another shape as bad-response, saying what was expected', async () => {
    const p = await fakePrometheus((res) => res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"status":"success","data":{"resultType":"matrix"}}'));
    const err = await createPrometheusClient(loadConfig({ PROMETHEUS_URL: p.url }).prometheus)
      .instantQuery('up', 1)
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'bad-response', message: 'The backend did not answer like Prometheus: expected a vector, got matrix' });
  });
});

describe('createPrometheusClient against a hung backend', () => {
  it('times out every call within the timeout, also calls that waited for one of the pooled sockets', async () => {
    const p = await fakePrometheus(() => undefined);
    const client = createPrometheusClient(loadConfig({ PROMETHEUS_URL: p.url, PROMETHEUS_TIMEOUT_MS: '600' }).prometheus);
    const started = Date.now();
    // More calls than the 32 pooled sockets: without an overall deadline the last ones would wait twice the timeout.
    const results = await Promise.all(
      Array.from({ length: 48 }, (_, i) =>
        client.instantQuery(`up${i}`, 1).then(
          () => ({ ms: Date.now() - started, err: undefined }),
          (err: unknown) => ({ ms: Date.now() - started, err }),
        ),
      ),
    );
    for (const r of results) {
      expect(r.err).toMatchObject({ kind: 'timeout', message: 'Prometheus did not answer within 600 ms (PROMETHEUS_TIMEOUT_MS)' });
      expect(r.ms).toBeLessThan(1_100);
    }
  });
});

describe('createPrometheusClient reading answers as they stream in', () => {
  /** A vector answer of `n` series with label values that stress the reader (quotes, braces, backslashes, emoji). */
  const bigVector = (n: number) =>
    JSON.stringify({
      status: 'success',
      warnings: ['partial response'],
      data: {
        resultType: 'vector',
        result: Array.from({ length: n }, (_, i) => ({ metric: { host: `h${i}."}{\\🦄`, source_workload: 'web' }, value: [1, String(i)] })),
      },
    });

  it('hands every sample over in order, from an answer sent gzipped in odd-sized pieces', async () => {
    const body = zlib.gzipSync(bigVector(3000));
    const p = await fakePrometheus(async (res) => {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' });
      for (let o = 0; o < body.length; o += 777) {
        res.write(body.subarray(o, o + 777));
        await new Promise((r) => setImmediate(r));
      }
      res.end();
    });
    const client = createPrometheusClient(loadConfig({ PROMETHEUS_URL: p.url }).prometheus);
    const got: Sample[] = [];
    const meta = await client.streamInstantQuery('up', 1, (s) => got.push(s));
    expect(meta.warnings).toEqual(['partial response']);
    expect(got).toHaveLength(3000);
    expect(got[2999]).toEqual({ labels: { host: 'h2999."}{\\🦄', source_workload: 'web' }, value: 2999 });
    expect(got.map((s) => s.value)).toEqual(Array.from({ length: 3000 }, (_, i) => i));
    // The collecting call reads the same answer to the same samples.
    expect((await client.instantQuery('up', 1)).samples).toEqual(got);
  });

  it('reports an answer that breaks off midway as unreachable, not as data', async () => {
    const body = bigVector(2000);
    const p = await fakePrometheus((res) => {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(body)) });
      res.write(body.slice(0, 30_000), () => res.destroy());
    });
    const client = createPrometheusClient(loadConfig({ PROMETHEUS_URL: p.url }).prometheus);
    const err = await client.streamInstantQuery('up', 1, () => undefined).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PrometheusError);
    expect(err).toMatchObject({ kind: 'unreachable' });
    expect((err as Error).message).toMatch(/^Prometheus broke off its answer/);
  });

  it('gives up on an answer whose body trickles in past the timeout', async () => {
    const p = await fakePrometheus((res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.write('{"status":"success","data":{"resultType":"vector","result":[');
      const timer = setInterval(() => res.write('{"metric":{},"value":[1,"1"]},'), 50);
      res.on('close', () => clearInterval(timer));
    });
    const client = createPrometheusClient(loadConfig({ PROMETHEUS_URL: p.url, PROMETHEUS_TIMEOUT_MS: '500' }).prometheus);
    const started = Date.now();
    const err = await client.streamInstantQuery('up', 1, () => undefined).catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'timeout', message: 'Prometheus did not answer within 500 ms (PROMETHEUS_TIMEOUT_MS)' });
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('still reads Prometheus\'s error details from an error answer', async () => {
    const p = await fakePrometheus((res) =>
      res.writeHead(422, { 'Content-Type': 'application/json' }).end(JSON.stringify({ status: 'error', errorType: 'execution', error: 'query processing would load too many samples into memory' })),
    );
    const err = await createPrometheusClient(loadConfig({ PROMETHEUS_URL: p.url }).prometheus)
      .streamInstantQuery('up', 1, () => undefined)
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'bad-query', status: 422, message: 'Prometheus refused the query: query processing would load too many samples into memory' });
  });
});
