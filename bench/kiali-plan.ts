/**
 * Query plan versus Kiali's, on the same real Prometheus and data, in the
 * same run: our two queries (buildEgressQueries, sent in parallel as the app
 * does) against Kiali's graph queries (bench/kiali-queries.ts: 9 per
 * namespace, namespaces one after another as Kiali does), over every
 * namespace of the mesh. Wall time (median) and samples read (Prometheus
 * stats=all: totalQueryableSamples, summed over the queries).
 *   npm run build && npx tsx bench/kiali-plan.ts      (also part of npm run bench)
 */
import { DEMO_NAMESPACES, scaleNamespaces, type DemoScale } from '../tools/demo';
import { buildEgressQueries } from '../lib/prometheus/queries';
import { kialiNamespaceQueries } from './kiali-queries';
import { END, instantQuery, median, ms, printTable, ratio, repeat, runBench, withStack } from './lib';

const WINDOW_SECONDS = 300;
const KIALI_RUNS = 3;
/** A multiple of KIALI_RUNS. */
const OURS_RUNS = 9;
/** Same workloads, hosts and TCP traffic in every case: only the namespace count changes. */
const BASE: DemoScale = { workloads: 2000, hosts: 10_000, tcpWorkloads: 1000 };
const NAMESPACES = [50, 200];

interface Plan {
  readonly queries: readonly string[];
  /** Runs the plan once as its tool would. */
  run(promUrl: string): Promise<unknown>;
}

const ours = (): Plan => {
  const q = buildEgressQueries({ windowSeconds: WINDOW_SECONDS, namespaces: [], gatewayWorkloads: 'istio-egressgateway.*' });
  const queries = [q.http, q.tcp];
  return { queries, run: (url) => Promise.all(queries.map((query) => instantQuery(url, query, END))) };
};

const kiali = (namespaces: readonly string[]): Plan => {
  const queries = namespaces.flatMap((ns) => kialiNamespaceQueries(ns, WINDOW_SECONDS));
  return {
    queries,
    run: async (url) => {
      for (const query of queries) await instantQuery(url, query, END);
    },
  };
};

/** Samples the plan reads, from Prometheus's own statistics (one pass, apart from the timed runs). */
async function samplesRead(url: string, plan: Plan): Promise<number> {
  let total = 0;
  for (const query of plan.queries) total += (await instantQuery(url, query, END, { stats: true })).samples;
  return total;
}

async function runCase(namespaceCount: number): Promise<(string | number)[]> {
  const scale: DemoScale = { ...BASE, namespaces: namespaceCount };
  return withStack({ scale }, async ({ prom }) => {
    const a = ours();
    const k = kiali([...DEMO_NAMESPACES, ...scaleNamespaces(scale)]);
    await a.run(prom.url);
    await k.run(prom.url); // warm up both
    // Interleaved, so that both plans see the same background load.
    const oursRuns: number[] = [];
    const kialiRuns: number[] = [];
    for (let i = 0; i < KIALI_RUNS; i++) {
      oursRuns.push(...(await repeat(OURS_RUNS / KIALI_RUNS, () => a.run(prom.url))));
      kialiRuns.push(...(await repeat(1, () => k.run(prom.url))));
    }
    const oursMs = median(oursRuns);
    const kialiMs = median(kialiRuns);
    const oursSamples = await samplesRead(prom.url, a);
    const kialiSamples = await samplesRead(prom.url, k);
    return [
      `${namespaceCount + DEMO_NAMESPACES.length} namespaces`,
      ratio(kialiMs / oursMs),
      ratio(kialiSamples / oursSamples),
      `${a.queries.length} / ${k.queries.length}`,
      ms(oursMs),
      ms(kialiMs),
      oursSamples,
      kialiSamples,
      prom.written.series,
    ];
  });
}

runBench(async () => {
  const rows: (string | number)[][] = [];
  for (const n of NAMESPACES) rows.push(await runCase(n));
  printTable(
    `Query plan vs Kiali's graph queries, ${BASE.workloads} workloads x ${BASE.hosts} hosts (+${BASE.tcpWorkloads ?? 0} TLS/TCP), window 5m, median of ${OURS_RUNS} (ours) / ${KIALI_RUNS} (Kiali)`,
    ['case', 'time Kiali / ours', 'samples Kiali / ours', 'queries ours / Kiali', 'ours ms', 'Kiali ms', 'ours samples', 'Kiali samples', 'series'],
    rows,
  );
});
