/**
 * API latency against the limit: GET /api/egress versus the raw PromQL it
 * issues, on the same real Prometheus and data, in the same run (medians).
 *   npm run build && npx tsx bench/api-vs-raw.ts      (also part of npm run bench)
 */
import type { DemoScale } from '../lib/demo';
import { buildEgressQueries } from '../lib/prometheus/queries';
import { END, getOk, instantQuery, median, ms, printTable, ratio, kib, repeat, runBench, withStack } from './lib';

const RUNS = 15;

function runCase(name: string, scale: DemoScale | undefined): Promise<(string | number)[]> {
  return withStack({ scale, app: { QUERY_CACHE_TTL_MS: '0', EGRESS_TOP_HOSTS: '100' } }, async ({ prom, app }) => {
    const q = buildEgressQueries({ windowSeconds: 300, namespaces: [], gatewayWorkloads: 'istio-egressgateway.*' });
    const raw = () => Promise.all([q.http, q.tcp].map((query) => instantQuery(prom.url, query, END)));
    let bytes = 0;
    const api = async () => {
      bytes = await getOk(`${app?.url}/api/egress?end=${END}&window=5m`);
    };
    await raw();
    await api(); // warm up both
    const rawMs: number[] = [];
    const apiMs: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      rawMs.push(...(await repeat(1, raw)));
      apiMs.push(...(await repeat(1, api)));
    }
    const r = median(rawMs);
    const a = median(apiMs);
    return [name, prom.written.series, ms(r), ms(a), ratio(a / r), kib(bytes)];
  });
}

runBench(async () => {
  const rows = [await runCase('demo mesh', undefined), await runCase('scale 1k workloads x 10k hosts', { workloads: 1000, hosts: 10_000 })];
  printTable(
    `GET /api/egress vs its raw PromQL (2 queries in parallel), window 5m, median of ${RUNS}, cache off`,
    ['case', 'series', 'raw PromQL ms', 'API ms', 'API / raw', 'payload KiB'],
    rows,
  );
});
