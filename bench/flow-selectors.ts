/**
 * What the ambient half of the flow queries costs Prometheus: the flow
 * queries as a union of the rulebook's selectors (no destination workload or
 * an egress gateway's, OR ztunnel's ServiceEntry shape with a known workload,
 * which must look at in-mesh series to exclude them) versus the first
 * selector alone (the sidecar-only plan before ambient), raw PromQL, same
 * data, interleaved, medians.
 *   npx tsx bench/flow-selectors.ts
 */
import type { DemoScale } from '../tools/demo';
import { flowSelectors } from '../lib/egress/rules';
import { buildEgressQueries } from '../lib/prometheus/queries';
import { END, instantQuery, median, ms, printTable, ratio, repeat, runBench, withStack } from './lib';

function runCase(name: string, scale: DemoScale | undefined, runs: number): Promise<(string | number)[]> {
  return withStack({ scale }, async ({ prom }) => {
    const opts = { windowSeconds: 300, namespaces: [], gatewayWorkloads: 'istio-egressgateway.*' };
    const union = buildEgressQueries(opts);
    // The same queries with the first selector only: the union minus its ambient part.
    const [first] = flowSelectors(opts.gatewayWorkloads);
    const sidecarOnly = buildEgressQueries({ ...opts, selectors: [first!] });
    const run = (q: { http: string; tcp: string }) => () => Promise.all([q.http, q.tcp].map((query) => instantQuery(prom.url, query, END)));
    await run(union)();
    await run(sidecarOnly)();
    const t = { union: [] as number[], first: [] as number[] };
    for (let i = 0; i < runs; i++) {
      t.first.push(...(await repeat(1, run(sidecarOnly))));
      t.union.push(...(await repeat(1, run(union))));
    }
    return [name, prom.written.series, ms(median(t.first)), ms(median(t.union)), ratio(median(t.union) / median(t.first))];
  });
}

runBench(async () => {
  const rows = [
    await runCase('demo mesh', undefined, 15),
    await runCase('~10^4: 1k workloads x 10k hosts', { workloads: 1000, hosts: 10_000 }, 11),
    await runCase('~10^5: 1k workloads x 100k hosts', { workloads: 1000, hosts: 100_000 }, 7),
  ];
  printTable(
    'Flow queries (2, in parallel, raw PromQL): sidecar selector only vs the union with ztunnel ServiceEntry shapes; window 5m; medians',
    ['case', 'series', 'sidecar-only ms', 'union ms', 'union / sidecar-only'],
    rows,
  );
});
