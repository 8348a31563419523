/**
 * API latency against the limit: GET /api/egress and GET /api/graph versus
 * the raw PromQL they issue (the two queries, in parallel, fetched and
 * parsed), on the same real Prometheus and data, in the same run, interleaved
 * (medians). Also the server's memory after the case.
 *   npm run build && npx tsx bench/api-vs-raw.ts      (also part of npm run bench)
 */
import type { DemoScale } from '../tools/demo';
import { buildEgressQueries } from '../lib/prometheus/queries';
import { END, getOk, instantQuery, median, mib, ms, printTable, ratio, kib, readProcessMemory, repeat, runBench, withStack } from './lib';

function runCase(name: string, scale: DemoScale | undefined, runs: number): Promise<(string | number)[]> {
  return withStack({ scale, app: { QUERY_CACHE_TTL_MS: '0', EGRESS_TOP_HOSTS: '100' } }, async ({ prom, app }) => {
    const q = buildEgressQueries({ windowSeconds: 300, namespaces: [], gatewayWorkloads: 'istio-egressgateway.*' });
    const raw = () => Promise.all([q.http, q.tcp].map((query) => instantQuery(prom.url, query, END)));
    const bytes = { egress: 0, graph: 0 };
    const api = (route: 'egress' | 'graph') => async () => {
      bytes[route] = await getOk(`${app?.url}/api/${route}?end=${END}&window=5m`);
    };
    // Warm up all three.
    await raw();
    await api('egress')();
    await api('graph')();
    const t = { raw: [] as number[], egress: [] as number[], graph: [] as number[] };
    for (let i = 0; i < runs; i++) {
      t.raw.push(...(await repeat(1, raw)));
      t.egress.push(...(await repeat(1, api('egress'))));
      t.graph.push(...(await repeat(1, api('graph'))));
    }
    const r = median(t.raw);
    const e = median(t.egress);
    const g = median(t.graph);
    const mem = readProcessMemory(app!.pid);
    return [name, prom.written.series, ratio(e / r), ratio(g / r), ms(r), ms(e), ms(g), kib(bytes.egress), kib(bytes.graph), mib(mem.rss), mib(mem.hwm)];
  });
}

runBench(async () => {
  const rows = [
    await runCase('demo mesh', undefined, 15),
    await runCase('~10^4: 1k workloads x 10k hosts', { workloads: 1000, hosts: 10_000 }, 15),
    await runCase('~10^5: 1k workloads x 100k hosts', { workloads: 1000, hosts: 100_000 }, 9),
  ];
  printTable(
    'GET /api/egress and /api/graph vs their raw PromQL (2 queries in parallel), window 5m, cache off, interleaved; medians (15 runs, 9 at 10^5)',
    ['case', 'series', 'egress / raw', 'graph / raw', 'raw PromQL ms', 'egress ms', 'graph ms', 'egress KiB', 'graph KiB', 'server RSS MiB', 'peak RSS MiB'],
    rows,
  );
});
