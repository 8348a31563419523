/**
 * Host explosion: 200 workloads calling 10, 1k, 10k and 50k distinct
 * passthrough hosts (scale mode; only the hosts grow). Per case, on a real
 * Prometheus with the query cache off (QUERY_CACHE_TTL_MS=0): our two queries
 * sent raw, GET /api/egress and GET /api/graph through the built app
 * (medians, interleaved), the /api/graph payload, the app server's memory
 * (/proc/<pid>/status VmRSS, VmHWM), and our own overhead (API - raw).
 * Also Prometheus evaluating the same two queries with one series out
 * (count(...)): the least any plan that evaluates rate() over these series at
 * request time waits for, whatever it asks Prometheus to send back.
 *   npm run build && npx tsx bench/host-explosion.ts      (also part of npm run bench)
 */
import type { DemoScale } from '../tools/demo';
import { buildEgressQueries } from '../lib/prometheus/queries';
import { END, getOk, instantQuery, kib, median, mib, ms, printTable, ratio, readProcessMemory, runBench, time, withStack } from './lib';

const WORKLOADS = 200;
const HOSTS = [10, 1_000, 10_000, 50_000];
/** Runs per case: more where a run is cheap, so that small cases resist background load too. */
const runsFor = (hosts: number): number => (hosts >= 50_000 ? 7 : 15);

interface CaseResult {
  readonly hosts: number;
  readonly series: number;
  readonly rawMs: number;
  /** The two queries wrapped in count(): Prometheus's evaluation without the answer's size. */
  readonly evalMs: number;
  /** Size of the two raw answers the app parses. */
  readonly rawBytes: number;
  readonly egressMs: number;
  readonly graphMs: number;
  readonly graphBytes: number;
  readonly rss: number;
  readonly hwm: number;
}

function runCase(hosts: number): Promise<CaseResult> {
  const scale: DemoScale = { workloads: WORKLOADS, hosts };
  return withStack({ scale, app: { QUERY_CACHE_TTL_MS: '0' } }, async ({ prom, app }) => {
    if (!app) throw new Error('the app did not start');
    const q = buildEgressQueries({ windowSeconds: 300, namespaces: [], gatewayWorkloads: 'istio-egressgateway.*' });
    let rawBytes = 0;
    const raw = async () => {
      const costs = await Promise.all([q.http, q.tcp].map((query) => instantQuery(prom.url, query, END)));
      rawBytes = costs.reduce((n, c) => n + c.bytes, 0);
    };
    const evaluate = () => Promise.all([q.http, q.tcp].map((query) => instantQuery(prom.url, `count(${query})`, END)));
    const egress = () => getOk(`${app.url}/api/egress?end=${END}&window=5m`);
    let graphBytes = 0;
    const graph = async () => {
      graphBytes = await getOk(`${app.url}/api/graph?end=${END}&window=5m`);
    };
    await raw();
    await evaluate();
    await egress();
    await graph(); // warm up
    const rawMs: number[] = [];
    const evalMs: number[] = [];
    const egressMs: number[] = [];
    const graphMs: number[] = [];
    for (let i = 0; i < runsFor(hosts); i++) {
      rawMs.push(await time(raw));
      evalMs.push(await time(evaluate));
      egressMs.push(await time(egress));
      graphMs.push(await time(graph));
    }
    const mem = readProcessMemory(app.pid);
    return {
      hosts,
      series: prom.written.series,
      rawMs: median(rawMs),
      evalMs: median(evalMs),
      rawBytes,
      egressMs: median(egressMs),
      graphMs: median(graphMs),
      graphBytes,
      ...mem,
    };
  });
}

runBench(async () => {
  const results: CaseResult[] = [];
  for (const hosts of HOSTS) results.push(await runCase(hosts));
  printTable(
    `Host explosion: ${WORKLOADS} workloads x N passthrough hosts, window 5m, cache off, median of ${runsFor(1)} (${runsFor(50_000)} at 50k)`,
    ['hosts', '/api/graph KiB', 'app RSS MiB', 'app peak RSS MiB', 'egress / raw', 'graph / raw', 'raw PromQL ms', 'Prometheus eval only ms', '/api/egress ms', '/api/graph ms', 'egress - raw ms', 'graph - raw ms', 'PromQL answers MiB', 'series'],
    results.map((r) => [
      r.hosts,
      kib(r.graphBytes),
      mib(r.rss),
      mib(r.hwm),
      ratio(r.egressMs / r.rawMs),
      ratio(r.graphMs / r.rawMs),
      ms(r.rawMs),
      ms(r.evalMs),
      ms(r.egressMs),
      ms(r.graphMs),
      ms(r.egressMs - r.rawMs),
      ms(r.graphMs - r.rawMs),
      mib(r.rawBytes),
      r.series,
    ]),
  );
  const from = results.find((r) => r.hosts === 1_000);
  const to = results.find((r) => r.hosts === 50_000);
  if (!from || !to) return;
  const measures: [string, (r: CaseResult) => number][] = [
    ['/api/egress', (r) => r.egressMs],
    ['/api/graph', (r) => r.graphMs],
    ['raw PromQL (Prometheus)', (r) => r.rawMs],
    ['Prometheus evaluation alone (count(...), 1 series out)', (r) => r.evalMs],
    ['/api/egress - raw (ours)', (r) => r.egressMs - r.rawMs],
    ['/api/graph - raw (ours)', (r) => r.graphMs - r.rawMs],
  ];
  printTable(
    'Growth from 1k to 50k hosts',
    ['measure', 'growth 50k / 1k', '1k hosts ms', '50k hosts ms'],
    // A difference can be <= 0 when background load shifts the raw time more than our part: no growth ratio then.
    measures.map(([name, pick]) => [name, pick(from) > 0 && pick(to) > 0 ? ratio(pick(to) / pick(from)) : 'n/a (within noise)', ms(pick(from)), ms(pick(to))]),
  );
});
