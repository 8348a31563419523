/**
 * API latency against the limit: GET /api/egress versus the raw PromQL it
 * issues, on the same real Prometheus and data, in the same run (medians).
 *   npm run bench            (needs `npm run build` first)
 */
import path from 'node:path';
import { startNextApp } from '../lib/backends';
import { createDemoMesh, startDemoPrometheus, type DemoScale } from '../lib/demo';
import { buildEgressQueries } from '../lib/prometheus/queries';

const ROOT = path.resolve(__dirname, '..');
const ORIGIN = 1767225600;
const END = ORIGIN + 30 * 60;
const RUNS = 15;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

async function time(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

async function runCase(name: string, scale: DemoScale | undefined): Promise<string> {
  const prom = await startDemoPrometheus(createDemoMesh({ origin: ORIGIN, scale }), { start: ORIGIN, end: END + 300, step: 60 });
  const { written } = prom;
  const app = await startNextApp({ root: ROOT, env: { PROMETHEUS_URL: prom.url, QUERY_CACHE_TTL_MS: '0', EGRESS_TOP_HOSTS: '100' } });
  try {
    const q = buildEgressQueries({ windowSeconds: 300, namespaces: [], gatewayWorkloads: 'istio-egressgateway.*' });
    const raw = () =>
      Promise.all(
        [q.http, q.tcp].map(async (query) => {
          const res = await fetch(`${prom.url}/api/v1/query`, { method: 'POST', body: new URLSearchParams({ query, time: String(END) }) });
          return res.json();
        }),
      );
    let bytes = 0;
    const api = async () => {
      const res = await fetch(`${app.url}/api/egress?end=${END}&window=5m`);
      if (!res.ok) throw new Error(`API answered ${res.status}: ${await res.text()}`);
      bytes = (await res.arrayBuffer()).byteLength;
    };
    await raw();
    await api(); // warm up both
    const rawMs: number[] = [];
    const apiMs: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      rawMs.push(await time(raw));
      apiMs.push(await time(api));
    }
    const r = median(rawMs);
    const a = median(apiMs);
    return `| ${name} | ${written.series} | ${r.toFixed(1)} | ${a.toFixed(1)} | ${(a / r).toFixed(2)}x | ${(bytes / 1024).toFixed(1)} |`;
  } finally {
    await app.stop();
    await prom.stop();
  }
}

async function main(): Promise<void> {
  const rows = [
    await runCase('demo mesh', undefined),
    await runCase('scale 1k workloads x 10k hosts', { workloads: 1000, hosts: 10_000 }),
  ];
  console.log(`GET /api/egress vs its raw PromQL (2 queries in parallel), window 5m, median of ${RUNS}, cache off`);
  console.log('| case | series | raw PromQL ms | API ms | API / raw | payload KiB |');
  console.log('|---|---|---|---|---|---|');
  for (const row of rows) console.log(row);
}

void main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
