/**
 * Fifty dashboards refreshing the same view: GET /api/graph?window=5m (the
 * page's default view: no `end`, so the server rounds "now" down to the cache
 * TTL) from 50 concurrent clients, against the same from one client, with the
 * query cache on at its default TTL. Each round starts just after a TTL
 * boundary, so it is a cache miss that every client of the round shares. Per
 * round: the queries Prometheus actually served (its own
 * prometheus_http_requests_total{handler="/api/v1/query"}, before and after),
 * errors (non-200, no answer, or an answer that does not decode to the
 * graph), and latency percentiles. Latency is the server's: from sending the
 * request to its last byte, read by a plain HTTP client that asks for gzip
 * like a browser (as wrk or k6 measure); the clients share the server's two
 * cores, so their own decoding (gunzip, JSON) is done after the round, not
 * inside anyone's measured time.
 *   npm run build && npx tsx bench/concurrency.ts      (also part of npm run bench)
 *   BENCH_CPU_PROF=<dir> npx tsx bench/concurrency.ts  (the app server writes a CPU profile to <dir>)
 */
import http from 'node:http';
import zlib from 'node:zlib';
import type { DemoScale } from '../tools/demo';
import { historyAroundNow, ms, percentile, printTable, ratio, runBench, selfCounter, withStack } from './lib';

const CLIENTS = 50;
const SCALE: DemoScale = { workloads: 1000, hosts: 10_000 };
/** The app's default QUERY_CACHE_TTL_MS, which the app is left to use. */
const TTL_MS = 5_000;
/** Start each round this long after a TTL boundary. */
const OFFSET_MS = 300;
const SINGLE_ROUNDS = 20;
const CONCURRENT_ROUNDS = 5;
const PATH = '/api/graph?window=5m';

interface Round {
  readonly latencies: number[];
  readonly errors: number;
  readonly queries: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until OFFSET_MS past the next TTL boundary of the wall clock (the server's clock too). */
async function nextBoundary(): Promise<void> {
  const now = Date.now();
  await sleep(TTL_MS - (now % TTL_MS) + OFFSET_MS);
}

/** One connection per client, kept open across rounds, like a dashboard's browser. */
const agent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS });

interface Answer {
  readonly ms: number;
  readonly status: number;
  readonly encoding: string | undefined;
  readonly body: Buffer;
}

/** GET with Accept-Encoding like a browser; the time is to the answer's last byte. */
function timedGet(url: string): Promise<Answer> {
  const t = performance.now();
  return new Promise((resolve) => {
    const failed = () => resolve({ ms: performance.now() - t, status: 0, encoding: undefined, body: Buffer.alloc(0) });
    const req = http.get(url, { agent, headers: { 'accept-encoding': 'gzip, deflate, br' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ ms: performance.now() - t, status: res.statusCode ?? 0, encoding: res.headers['content-encoding'], body: Buffer.concat(chunks) }));
      res.on('error', failed);
    });
    req.on('error', failed);
  });
}

/** Whether an answer is a 200 whose body decodes to a graph. */
function isGraph(a: Answer): boolean {
  if (a.status !== 200) return false;
  try {
    const text = (a.encoding === 'gzip' ? zlib.gunzipSync(a.body) : a.encoding === 'br' ? zlib.brotliDecompressSync(a.body) : a.body).toString('utf8');
    const graph = JSON.parse(text) as { nodes?: unknown; edges?: unknown };
    return Array.isArray(graph.nodes) && Array.isArray(graph.edges);
  } catch {
    return false;
  }
}

async function round(promUrl: string, appUrl: string, clients: number): Promise<Round> {
  await nextBoundary();
  const before = await selfCounter(promUrl, 'prometheus_http_requests_total', { handler: '/api/v1/query' });
  const answers = await Promise.all(Array.from({ length: clients }, () => timedGet(`${appUrl}${PATH}`)));
  const after = await selfCounter(promUrl, 'prometheus_http_requests_total', { handler: '/api/v1/query' });
  return { latencies: answers.map((a) => a.ms), errors: answers.filter((a) => !isGraph(a)).length, queries: after - before };
}

function row(clients: number, rounds: readonly Round[], single: { p50: number; p95: number }): (string | number)[] {
  const all = rounds.flatMap((r) => r.latencies);
  const p50 = percentile(all, 50);
  const p95 = percentile(all, 95);
  return [
    clients,
    ratio(p95 / single.p95),
    ratio(p50 / single.p50),
    rounds.map((r) => r.queries).join(', '),
    rounds.reduce((n, r) => n + r.errors, 0),
    ms(p50),
    ms(p95),
    ms(Math.max(...all)),
    rounds.map((r) => ms(percentile(r.latencies, 50))).join(', '),
    `${rounds.length} x ${clients}`,
  ];
}

runBench(async () => {
  // 35 minutes of history up to now, and enough ahead for the rounds.
  const history = historyAroundNow(15 * 60);
  await withStack({ scale: SCALE, history, app: {} }, async ({ prom, app }) => {
    if (!app) throw new Error('the app did not start');
    for (let i = 0; i < 3; i++) await timedGet(`${app.url}${PATH}`); // warm up
    const single: Round[] = [];
    const concurrent: Round[] = [];
    // Interleaved (a concurrent round after every SINGLE_ROUNDS / CONCURRENT_ROUNDS single ones), so that both see the same background load.
    const every = Math.ceil(SINGLE_ROUNDS / CONCURRENT_ROUNDS);
    for (let i = 0; i < SINGLE_ROUNDS; i++) {
      single.push(await round(prom.url, app.url, 1));
      if (i % every === every - 1 && concurrent.length < CONCURRENT_ROUNDS) concurrent.push(await round(prom.url, app.url, CLIENTS));
    }
    while (concurrent.length < CONCURRENT_ROUNDS) concurrent.push(await round(prom.url, app.url, CLIENTS));
    const singleLatencies = single.flatMap((r) => r.latencies);
    const baseline = { p50: percentile(singleLatencies, 50), p95: percentile(singleLatencies, 95) };
    printTable(
      `${CLIENTS} clients refreshing ${PATH} (cache on, TTL ${TTL_MS} ms), ${SCALE.workloads} workloads x ${SCALE.hosts} hosts (${prom.written.series} series); each round starts ${OFFSET_MS} ms after a TTL boundary`,
      ['clients', 'p95 / single-client p95', 'p50 / single-client p50', 'Prometheus queries per round', 'errors', 'p50 ms', 'p95 ms', 'max ms', 'p50 per round ms', 'requests'],
      [row(1, single, baseline), row(CLIENTS, concurrent, baseline)],
    );
  });
  agent.destroy();
});
