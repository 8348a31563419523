/**
 * Records real Prometheus answers to the egress queries on the demo mesh, for
 * the unit tests in lib/egress (recorded responses) and lib/graph (golden
 * model). Deterministic: a fixed origin, so re-running gives the same files.
 *   npx tsx scripts/record-testdata.ts
 */
import fs from 'node:fs';
import path from 'node:path';
import { createDemoMesh, DEMO_STEP, startDemoPrometheus } from '../tools/demo';
import { buildEgressQueries } from '../lib/prometheus/queries';
import { proxyVersionsQuery } from '../lib/egress/outbound-mode';
import { RECORDED } from '../testing/testdata/egress/recorded';

async function main(): Promise<void> {
  const mesh = createDemoMesh({ origin: RECORDED.origin });
  const prom = await startDemoPrometheus(mesh, { start: RECORDED.origin, end: RECORDED.end + 3600, step: DEMO_STEP });
  try {
    const queries = buildEgressQueries({ windowSeconds: RECORDED.windowSeconds, namespaces: [], gatewayWorkloads: RECORDED.gatewayWorkloads });
    const all = { ...queries, 'proxy-versions': proxyVersionsQuery(RECORDED.windowSeconds) };
    for (const [name, query] of Object.entries(all)) {
      const res = await fetch(`${prom.url}/api/v1/query`, { method: 'POST', body: new URLSearchParams({ query, time: String(RECORDED.end) }) });
      const body = await res.json();
      const out = path.join(__dirname, '..', 'testing', 'testdata', 'egress', `demo-${name}.json`);
      fs.writeFileSync(out, `${JSON.stringify(body, null, 1)}\n`);
      console.log(`wrote ${out}`);
    }
  } finally {
    await prom.stop();
  }
}

void main();
