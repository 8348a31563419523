import fs from 'node:fs';
import http from 'node:http';
import readline from 'node:readline';
import { pipeline } from 'node:stream/promises';
import { createWorkspace, failStartup, toRunningBackend } from './backend';
import { resolveBinary } from './binaries';
import { formatCommandLine, spawnManaged, type ManagedProcess } from './managed-process';
import { findFreePort, waitForHttp } from './net';
import type { RunningBackend, VictoriaMetricsOptions } from './types';

/** How long to poll for imported data to become searchable. */
const VISIBLE_TIMEOUT_MS = 20_000;

/**
 * Flags for a backfill-friendly single-node VictoriaMetrics 1.79:
 * - retentionPeriod=100y: old samples are never dropped as outside retention (default 1 month).
 * - search.latencyOffset=0s: instant queries at "now" see the newest sample, not one 30 s old.
 * The rollup result cache needs no flag: 1.79 resets it when older samples arrive.
 */
export function victoriaMetricsArgs(dataDir: string, port: number, extraArgs: readonly string[] = []): string[] {
  return [
    `-storageDataPath=${dataDir}`,
    `-httpListenAddr=127.0.0.1:${port}`,
    '-retentionPeriod=100y',
    '-search.latencyOffset=0s',
    ...extraArgs,
  ];
}

/** POST a JSON-lines file to /api/v1/import as a stream (never buffered in memory). */
async function postImport(baseUrl: string, file: string): Promise<void> {
  const { size } = await fs.promises.stat(file);
  const target = new URL('/api/v1/import', baseUrl);
  const responded = new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = http.request(target, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'Content-Length': String(size),
        ...(file.endsWith('.gz') ? { 'Content-Encoding': 'gzip' } : {}),
      },
    });
    req.on('response', (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        if (body.length < 4096) body += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      res.on('error', reject);
    });
    req.on('error', reject);
    pipeline(fs.createReadStream(file), req).catch(reject);
  });
  const { status, body } = await responded;
  if (status !== 204 && status !== 200) throw new Error(`import of ${file} failed: HTTP ${status} ${body.trim()}`);
}

interface ProbeSeries {
  readonly selector: string;
  readonly start: number;
  readonly end: number;
}

/** A selector and time range taken from the first line, to check the import is searchable. */
async function readProbe(file: string): Promise<ProbeSeries | undefined> {
  if (file.endsWith('.gz')) return undefined;
  const input = fs.createReadStream(file, { encoding: 'utf8' });
  const lines = readline.createInterface({ input, crlfDelay: Infinity });
  try {
    for await (const line of lines) {
      if (line.trim() === '') continue;
      let parsed: unknown;
      try {
        parsed = JSON.parse(line);
      } catch {
        throw new Error(`first line of ${file} is not valid JSON (expected /api/v1/import format)`);
      }
      if (typeof parsed !== 'object' || parsed === null || !('metric' in parsed) || !('timestamps' in parsed)) return undefined;
      const { metric, timestamps } = parsed;
      if (typeof metric !== 'object' || metric === null || !Array.isArray(timestamps)) return undefined;
      const matchers = Object.entries(metric).map(([k, v]) => `${k}=${JSON.stringify(String(v))}`);
      let start = Infinity;
      let end = -Infinity;
      for (const t of timestamps) {
        if (typeof t !== 'number') continue;
        start = Math.min(start, t);
        end = Math.max(end, t);
      }
      if (matchers.length === 0 || start > end) return undefined;
      return { selector: `{${matchers.join(',')}}`, start: start / 1000, end: end / 1000 };
    }
    return undefined;
  } finally {
    lines.close();
    input.destroy();
  }
}

async function waitUntilVisible(baseUrl: string, probe: ProbeSeries): Promise<void> {
  const q = new URL('/api/v1/series', baseUrl);
  q.searchParams.set('match[]', probe.selector);
  q.searchParams.set('start', String(Math.floor(probe.start)));
  q.searchParams.set('end', String(Math.ceil(probe.end)));
  const deadline = Date.now() + VISIBLE_TIMEOUT_MS;
  let last = '';
  while (Date.now() < deadline) {
    const res = await fetch(q, { signal: AbortSignal.timeout(5_000) });
    last = await res.text();
    const body: unknown = JSON.parse(last);
    if (typeof body === 'object' && body !== null && 'data' in body && Array.isArray(body.data) && body.data.length > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`imported series ${probe.selector} not visible after ${VISIBLE_TIMEOUT_MS} ms (last: ${last})`);
}

/**
 * Stream `file` to /api/v1/import, GET /internal/force_flush, then poll until the
 * file's first series is searchable. The poll matters: in 1.79 a series imported
 * after a query over the same range can stay invisible for ~10 s.
 */
export async function importJsonLines(baseUrl: string, file: string): Promise<void> {
  const probe = await readProbe(file);
  await postImport(baseUrl, file);
  await forceFlush(baseUrl);
  if (probe) await waitUntilVisible(baseUrl, probe);
}

/** GET /internal/force_flush: samples received so far (import or remote write) become searchable. */
export async function forceFlush(baseUrl: string): Promise<void> {
  const flush = await fetch(new URL('/internal/force_flush', baseUrl), { signal: AbortSignal.timeout(60_000) });
  await flush.arrayBuffer();
  if (!flush.ok) throw new Error(`/internal/force_flush answered HTTP ${flush.status}`);
}

/** Where a Prometheus remote-writes into this VictoriaMetrics (`remote_write.url`; no flag needed). */
export function remoteWriteUrlOf(baseUrl: string): string {
  return new URL('/api/v1/write', baseUrl).href;
}

/**
 * Start a real single-node VictoriaMetrics on 127.0.0.1 with a temp data dir,
 * wait for /health, then stream `jsonLinesFile` to /api/v1/import, force a flush
 * and check the first imported series is searchable.
 */
export async function startVictoriaMetrics(opts: VictoriaMetricsOptions): Promise<RunningBackend> {
  const bin = resolveBinary('victoria-metrics', opts.binary);
  const port = opts.port ?? (await findFreePort());
  const url = `http://127.0.0.1:${port}`;
  const ws = await createWorkspace('victoria-metrics');
  const args = victoriaMetricsArgs(ws.dataDir, port, opts.extraArgs);
  let proc: ManagedProcess | undefined;
  const commandLine = formatCommandLine(bin, args);
  try {
    proc = spawnManaged(bin, args, { logFile: ws.logFile, cwd: ws.root });
    const running = proc;
    await waitForHttp(`${url}/health`, { timeoutMs: opts.readyTimeoutMs ?? 60_000, isAlive: () => running.isRunning() });
    if (opts.jsonLinesFile !== undefined) await importJsonLines(url, opts.jsonLinesFile);
  } catch (err) {
    return failStartup(ws, proc, commandLine, err);
  }
  return toRunningBackend(ws, url, proc);
}
