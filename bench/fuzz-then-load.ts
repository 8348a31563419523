/**
 * Memory under fuzzing and then load, as a long-running instance sees it:
 * the built app on a real Prometheus with the demo mesh plus 1,000 workloads
 * x 10,000 hosts, then
 *   1. fuzz: a few thousand GETs over every API route and page, half with
 *      valid but random parameters (every `end` a different second, random
 *      windows and namespaces: each a different cache key), half hostile
 *      (testing/hostile-query.ts);
 *   2. hostile POSTs: ~1,000 bodies (testing/hostile-body.ts, the YAML at
 *      and past every reading limit included);
 *   3. load: 50 clients refreshing the default graph view (as
 *      bench/concurrency.ts), several rounds;
 *   4. idle: two cache TTLs without requests, then one probe.
 * The server's VmRSS and VmHWM (/proc/<pid>/status) are sampled every 50 ms
 * throughout; the table gives the peak and the last sample of each phase.
 *   npm run build && npx tsx bench/fuzz-then-load.ts      (also part of npm run bench)
 *   BENCH_HEAP_SNAPSHOTS=<dir> npx tsx bench/fuzz-then-load.ts
 *     (the app writes a V8 heap snapshot after each phase into <dir>; they take
 *     seconds and memory of their own, so the RSS figures of such a run do not count)
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { GET_ROUTES, hostileQueryCases } from '../testing/hostile-query';
import { hostileBodyCases, POST_PATHS, type HostileBodyCase } from '../testing/hostile-body';
import { DEMO_NAMESPACES, scaleNamespaces, type DemoScale } from '../tools/demo';
import { historyAroundNow, mib, printTable, random, readProcessMemory, runBench, withStack } from './lib';

const SCALE: DemoScale = { workloads: 1000, hosts: 10_000 };
const FUZZ_GETS = 3000;
const FUZZ_CONCURRENCY = 8;
const HOSTILE_POSTS = 1000;
const POST_CONCURRENCY = 4;
const LOAD_CLIENTS = 50;
const LOAD_ROUNDS = 6;
/** The app's default QUERY_CACHE_TTL_MS. */
const TTL_MS = 5_000;
const PAGES = ['/', '/security', '/readiness', '/hosts', '/alerts', '/promote'];
const WINDOWS = ['1m', '5m', '10m', '15m', '30m', '1h', '2h', '6h', '1d'];

/** Requests that got no answer, by what the client saw (printed at the end). */
const noAnswer = new Map<string, number>();

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

/** Sends a request and reads the answer to its end; the status (0: no answer). */
function send(url: string, method = 'GET', body?: Buffer, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve) => {
    const failed = (err: NodeJS.ErrnoException) => {
      const why = `${method} ${url.replace(/^https?:\/\/[^/]+/, '').slice(0, 60)}: ${err.code ?? err.message}`;
      noAnswer.set(why, (noAnswer.get(why) ?? 0) + 1);
      resolve(0);
    };
    const req = http.request(url, { method, agent, headers: { ...headers, ...(body ? { 'content-length': String(body.byteLength) } : {}) } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', (err: NodeJS.ErrnoException) => failed(err));
    });
    req.on('error', (err: NodeJS.ErrnoException) => failed(err));
    req.end(body);
  });
}

/** Runs `tasks` with at most `concurrency` in flight; counts answers by status class. */
async function run(tasks: readonly (() => Promise<number>)[], concurrency: number): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < tasks.length) {
        const status = await tasks[next++]!();
        const key = status === 0 ? 'none' : `${Math.floor(status / 100)}xx`;
        counts[key] = (counts[key] ?? 0) + 1;
      }
    }),
  );
  return counts;
}

/** Fuzzed GET targets: valid but random parameters, hostile ones, and pages. */
function fuzzTargets(rand: () => number, endRange: { from: number; to: number }): string[] {
  const namespaces = [...DEMO_NAMESPACES, ...scaleNamespaces(SCALE)];
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const hostile = GET_ROUTES.flatMap((route) => hostileQueryCases(route).map((c) => `${route.path}?${c.query}`));
  const targets: string[] = [];
  for (let i = 0; i < FUZZ_GETS; i++) {
    const r = rand();
    if (r < 0.45) {
      targets.push(pick(hostile));
      continue;
    }
    const end = endRange.from + Math.floor(rand() * (endRange.to - endRange.from));
    const params = new URLSearchParams({ end: String(end), window: pick(WINDOWS) });
    if (r < 0.55) {
      targets.push(`${pick(PAGES)}?${params}`);
      continue;
    }
    const route = pick(GET_ROUTES);
    if (route.path === '/api/health') {
      targets.push(route.path);
      continue;
    }
    if (route.path === '/api/timeseries') {
      params.set('kind', 'host');
      params.set('status', 'passthrough');
      params.set('host', `h${Math.floor(rand() * SCALE.hosts)}.scale.test`);
    } else if ('namespace' in route.params) {
      for (let n = Math.floor(rand() * 3); n > 0; n--) params.append('namespace', pick(namespaces));
    }
    targets.push(`${route.path}?${params}`);
  }
  return targets;
}

const bodyOf = (c: HostileBodyCase): Buffer => {
  const raw = typeof c.body === 'function' ? c.body() : c.body;
  return Buffer.from(typeof raw === 'string' ? new TextEncoder().encode(raw) : raw);
};

interface Phase {
  readonly name: string;
  readonly requests: number;
  readonly answers: Record<string, number>;
  readonly seconds: number;
  readonly peakRss: number;
  readonly endRss: number;
}

runBench(async () => {
  const history = historyAroundNow(20 * 60);
  const snapshots = process.env.BENCH_HEAP_SNAPSHOTS ? path.resolve(process.env.BENCH_HEAP_SNAPSHOTS) : undefined;
  if (snapshots) {
    fs.mkdirSync(snapshots, { recursive: true });
    process.env.BENCH_NODE_ARGS = `${process.env.BENCH_NODE_ARGS ?? ''} --heapsnapshot-signal=SIGUSR2 --diagnostic-dir=${snapshots}`;
  }
  await withStack({ scale: SCALE, history, app: {} }, async ({ prom, app }) => {
    if (!app) throw new Error('the app did not start');
    const samples: { rss: number; hwm: number }[] = [];
    let phaseStart = 0;
    const sampler = setInterval(() => samples.push(readProcessMemory(app.pid)), 50);
    const phases: Phase[] = [];
    const snapshot = async () => {
      if (!snapshots) return;
      const before = fs.readdirSync(snapshots).length;
      process.kill(app.pid, 'SIGUSR2');
      // Written once the file appears and stops growing.
      for (let last = -1; ; ) {
        await new Promise((resolve) => setTimeout(resolve, 1000));
        const files = fs.readdirSync(snapshots).filter((f) => f.endsWith('.heapsnapshot'));
        if (files.length <= before) continue;
        const size = fs.statSync(path.join(snapshots, files.sort().at(-1)!)).size;
        if (size === last) break;
        last = size;
      }
    };
    const phase = async (name: string, requests: number, work: () => Promise<Record<string, number>>) => {
      phaseStart = samples.length;
      const started = performance.now();
      const answers = await work();
      const seconds = (performance.now() - started) / 1000;
      samples.push(readProcessMemory(app.pid));
      const mine = samples.slice(phaseStart);
      phases.push({ name, requests, answers, seconds, peakRss: Math.max(...mine.map((s) => s.rss)), endRss: mine.at(-1)!.rss });
      console.log(`${name}: ${requests} requests in ${seconds.toFixed(0)} s, ${JSON.stringify(answers)}, RSS peak ${mib(phases.at(-1)!.peakRss)} MiB, now ${mib(phases.at(-1)!.endRss)} MiB`);
      await snapshot();
    };

    const rand = random(12);
    const now = Math.floor(Date.now() / 1000);
    await phase('start (3 graph requests)', 3, () => run(Array.from({ length: 3 }, () => () => send(`${app.url}/api/graph?window=5m`)), 1));
    const gets = fuzzTargets(rand, { from: history.start + 10 * 60, to: now });
    await phase('1. fuzzed GETs', gets.length, () => run(gets.map((t) => () => send(`${app.url}${t}`)), FUZZ_CONCURRENCY));

    const cases = POST_PATHS.flatMap((p) => hostileBodyCases(p).map((c) => ({ path: p, c })));
    const posts = Array.from({ length: HOSTILE_POSTS }, (_, i) => cases[i % cases.length]!);
    await phase('2. hostile POSTs', posts.length, () =>
      run(
        posts.map(({ path: p, c }) => () => send(`${app.url}${p}${c.query ? `?${c.query}` : ''}`, 'POST', bodyOf(c), c.contentType === null ? {} : { 'content-type': c.contentType ?? 'application/json' })),
        POST_CONCURRENCY,
      ),
    );

    await phase(`3. load: ${LOAD_ROUNDS} rounds of ${LOAD_CLIENTS} clients on /api/graph?window=5m`, LOAD_ROUNDS * LOAD_CLIENTS, async () => {
      const counts: Record<string, number> = {};
      for (let r = 0; r < LOAD_ROUNDS; r++) {
        // Just after a TTL boundary, so that every round is a cache miss its clients share.
        await new Promise((resolve) => setTimeout(resolve, TTL_MS - (Date.now() % TTL_MS) + 300));
        for (const [k, v] of Object.entries(await run(Array.from({ length: LOAD_CLIENTS }, () => () => send(`${app.url}/api/graph?window=5m`)), LOAD_CLIENTS))) counts[k] = (counts[k] ?? 0) + v;
      }
      return counts;
    });

    await phase('4. idle for two cache TTLs, then one probe', 1, async () => {
      await new Promise((resolve) => setTimeout(resolve, 2 * TTL_MS + 1000));
      return run([() => send(`${app.url}/api/livez`)], 1);
    });
    clearInterval(sampler);
    const { hwm } = readProcessMemory(app.pid);
    printTable(
      `Server memory, fuzz then load: ${SCALE.workloads} workloads x ${SCALE.hosts} hosts (${prom.written.series} series); peak RSS (VmHWM) ${mib(hwm)} MiB, final RSS ${mib(phases.at(-1)!.endRss)} MiB`,
      ['phase', 'requests', 'answers', 'seconds', 'peak RSS MiB', 'RSS at end MiB'],
      phases.map((p) => [p.name, p.requests, Object.entries(p.answers).map(([k, v]) => `${k} ${v}`).join(', '), p.seconds.toFixed(0), mib(p.peakRss), mib(p.endRss)]),
    );
    for (const [why, n] of noAnswer) console.log(`no answer (${n}x): ${why}`);
  });
  agent.destroy();
});
