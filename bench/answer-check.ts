/**
 * What checking an answer in the browser costs (lib/api/answers, issue 15):
 * checkAnswer against JSON.parse of the same text, which the browser pays
 * anyway, on the largest answers: a 10^4-flow egress report (the scale demo
 * mesh's flows as the oracle gives them, unguarded, i.e. EGRESS_TOP_HOSTS
 * raised to 10,000), the graph of 2,000 workloads built from such a report,
 * and the 2,000-workload graph of bench/graph-layout.ts. zod runs as in the
 * browser (jitless: the CSP forbids compiled parsers); `--jit` measures its
 * compiled parsers, as on a server. The last column is the proposal for a
 * faster check: the same schemas as JSON Schema (z.toJSONSchema), compiled by
 * Ajv (at build time, it would need no eval in the browser either).
 * CPU time of this process (the machine is shared; wall time is noisier),
 * median of RUNS after WARMUP runs.
 *   npx tsx bench/answer-check.ts [--jit]
 */
import { ZOD_JIT } from './zod-mode';
import { Ajv } from 'ajv';
import { z } from 'zod';
import { createDemoMesh, expectedFlows, type DemoScale } from '../tools/demo';
import { checkAnswer, egressGraphSchema, egressReportSchema } from '../lib/api/answers';
import { gatewayMatcher } from '../lib/egress/rules';
import type { EgressReport } from '../lib/egress/report';
import { buildEgressGraph } from '../lib/graph/build';
import { syntheticMesh } from './graph-layout';
import { END, kib, median, ms, printTable, ratio, runBench } from './lib';

const WARMUP = 5;
const RUNS = 30;
const WINDOW_SECONDS = 300;

/** CPU milliseconds of `fn` (user + system, this process). */
function cpu(fn: () => unknown): number {
  const start = process.cpuUsage();
  fn();
  const d = process.cpuUsage(start);
  return (d.user + d.system) / 1000;
}

/** The schema as Ajv compiles it; records of rates (a zod custom type) as JSON Schema says them. */
function compiled(schema: z.ZodType): (body: unknown) => boolean {
  const json = z.toJSONSchema(schema, {
    target: 'draft-7',
    io: 'output',
    unrepresentable: 'any',
    override: (ctx) => {
      if (ctx.zodSchema._zod.def.type === 'custom') Object.assign(ctx.jsonSchema, { type: 'object', additionalProperties: { type: 'number', minimum: 0 } });
    },
  });
  const validate = new Ajv({ strict: false, validateFormats: false }).compile(json);
  return (body) => validate(body);
}

function measure(name: string, answer: unknown, schema: z.ZodType, path: string): (string | number)[] {
  const text = JSON.stringify(answer);
  const first = checkAnswer(schema, path, JSON.parse(text));
  if (!first.ok) throw new Error(`${name}: ${first.message}`);
  const ajv = compiled(schema);
  if (!ajv(JSON.parse(text))) throw new Error(`${name}: Ajv refuses it`);
  for (let i = 0; i < WARMUP; i++) checkAnswer(schema, path, JSON.parse(text));
  const parse: number[] = [];
  const check: number[] = [];
  const fast: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    let body: unknown;
    parse.push(cpu(() => (body = JSON.parse(text))));
    check.push(cpu(() => checkAnswer(schema, path, body)));
    fast.push(cpu(() => ajv(body)));
  }
  const [p, c, f] = [median(parse), median(check), median(fast)];
  return [name, kib(Buffer.byteLength(text)), ms(p), ms(c), ratio(c / p), ms(f)];
}

/** The scale demo mesh's flows as /api/egress would answer them, unguarded. */
function scaleReport(scale: DemoScale): EgressReport {
  const mesh = createDemoMesh({ origin: END - 3 * 3600, scale });
  const flows = expectedFlows(mesh, { end: END, window: WINDOW_SECONDS });
  return { end: new Date(END * 1000).toISOString(), window: '5m', flows, warnings: [], queries: { http: 'sum by (...) (...)', tcp: 'sum by (...) (...)' } };
}

runBench(async () => {
  const report = scaleReport({ workloads: 1000, hosts: 10_000 });
  const big = scaleReport({ workloads: 2000, hosts: 10_000, tcpWorkloads: 1000, domains: 40 });
  const graph = buildEgressGraph(big, { isGateway: gatewayMatcher('istio-egressgateway.*') });
  const layout = syntheticMesh(2000);
  const n = (x: number) => x.toLocaleString('en');
  printTable(
    `Checking an answer (lib/api/answers), zod ${ZOD_JIT ? 'compiled (--jit, as on a server)' : 'jitless (as in the browser)'}: CPU ms, median of ${RUNS}`,
    ['answer', 'KiB', 'JSON.parse', 'checkAnswer', 'check / parse', 'Ajv, same schemas (proposal)'],
    [
      measure(`/api/egress, ${n(report.flows.length)} flows (1k workloads x 10k hosts)`, report, egressReportSchema, '/api/egress'),
      measure(`/api/graph, 2,000 workloads x 10k hosts (${n(graph.nodes.length)} nodes, ${n(graph.edges.length)} edges)`, graph, egressGraphSchema, '/api/graph'),
      measure(`/api/graph, bench/graph-layout's 2,000 workloads (${n(layout.nodes.length)} nodes, ${n(layout.edges.length)} edges)`, layout, egressGraphSchema, '/api/graph'),
    ],
  );
});
