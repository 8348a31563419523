/**
 * The flows in process, without HTTP: getEgressReport over the two egress
 * answers of a real Prometheus backfilled with the demo mesh in scale mode
 * (1,000 workloads x 100k passthrough hosts, ~10^5 series), read from their
 * bytes as the server reads them (AnswerReader, 64 KiB chunks), summed and
 * guarded (top 100 per status). Per report: time, CPU time (all threads,
 * the collector's included: steadier than time on a busy machine), heap in
 * use right after it (garbage included) and after a full GC; then the
 * process's peak RSS.
 * Then the accumulator alone over the same samples parsed beforehand: CPU
 * time of adding them all and of finish(100), and the heap the summed flows
 * hold (after a full GC).
 * The answers are fetched once and kept in BENCH_ANSWERS_DIR (default: a
 * directory under the system's temp dir), so later runs skip the backfill.
 *   node --expose-gc --import tsx bench/flows-in-process.ts
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FlowAccumulator } from '../lib/egress/flow-accumulator';
import { getEgressReport } from '../lib/egress/report';
import { gatewayMatcher } from '../lib/egress/rules';
import { AnswerReader } from '../lib/prometheus/answer-reader';
import type { PrometheusClient } from '../lib/prometheus/client';
import { instantAnswer, parseInstantResponse } from '../lib/prometheus/parse';
import { buildEgressQueries } from '../lib/prometheus/queries';
import { END, median, mib, ms, printTable, runBench, withStack } from './lib';

const GATEWAYS = 'istio-egressgateway.*';
const WINDOW = 300;
const RUNS = 15;
const CHUNK = 64 * 1024;
const queries = buildEgressQueries({ windowSeconds: WINDOW, namespaces: [], gatewayWorkloads: GATEWAYS });

/** The raw answers of both egress queries at 10^5 series, fetched once. */
async function answers(): Promise<Map<string, Buffer>> {
  const dir = process.env.BENCH_ANSWERS_DIR ?? path.join(os.tmpdir(), 'egress-lens-answers-1e5');
  const files = { [queries.http]: path.join(dir, 'http.json'), [queries.tcp]: path.join(dir, 'tcp.json') };
  if (!Object.values(files).every((f) => fs.existsSync(f))) {
    fs.mkdirSync(dir, { recursive: true });
    await withStack({ scale: { workloads: 1000, hosts: 100_000 } }, async ({ prom }) => {
      for (const [query, file] of Object.entries(files)) {
        const res = await fetch(`${prom.url}/api/v1/query`, { method: 'POST', body: new URLSearchParams({ query, time: String(END) }) });
        if (!res.ok) throw new Error(`Prometheus answered ${res.status}`);
        fs.writeFileSync(file, Buffer.from(await res.arrayBuffer()));
      }
    });
  }
  return new Map(Object.entries(files).map(([q, f]) => [q, fs.readFileSync(f)]));
}

/** A client that streams the stored answers through the server's reader. */
function storedClient(bodies: ReadonlyMap<string, Buffer>): PrometheusClient {
  return {
    async streamInstantQuery(query, _time, onSample) {
      const body = bodies.get(query);
      if (!body) throw new Error('no stored answer for this query');
      const consumer = instantAnswer(onSample);
      const reader = new AnswerReader((e) => consumer.element(e));
      for (let i = 0; i < body.length; i += CHUNK) {
        reader.write(body.subarray(i, i + CHUNK));
        // Let the other query's chunks interleave, as two sockets would.
        await new Promise((r) => setImmediate(r));
      }
      return consumer.end(reader.end());
    },
    instantQuery: () => Promise.reject(new Error('not stored')),
    rangeQuery: () => Promise.reject(new Error('not stored')),
    buildInfo: async () => null,
  };
}

const cpuMs = (since: NodeJS.CpuUsage): number => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
};

/** The accumulator alone: samples parsed beforehand, then added and finished, RUNS times after a warm-up. */
function sumOnly(bodies: ReadonlyMap<string, Buffer>, gc: () => void): void {
  const parse = (q: string) => parseInstantResponse(JSON.parse(bodies.get(q)?.toString('utf8') ?? 'null')).samples;
  const http = parse(queries.http);
  const tcp = parse(queries.tcp);
  const sum = (): FlowAccumulator => {
    const acc = new FlowAccumulator({ isGateway: gatewayMatcher(GATEWAYS) });
    for (const s of http) acc.add(s, 'requests');
    for (const s of tcp) acc.add(s, 'tcp');
    return acc;
  };
  const add: number[] = [];
  const finish: number[] = [];
  for (let i = 0; i < RUNS + 1; i++) {
    gc();
    let c = process.cpuUsage();
    const acc = sum();
    const addMs = cpuMs(c);
    c = process.cpuUsage();
    acc.finish(100);
    const finishMs = cpuMs(c);
    if (i === 0) continue;
    add.push(addMs);
    finish.push(finishMs);
  }
  // Memory: every accumulator is kept, so that each measure adds exactly one (a dead one may linger in a stack slot).
  const kept: FlowAccumulator[] = [];
  const held: number[] = [];
  for (let i = 0; i < 3; i++) {
    gc();
    const before = process.memoryUsage();
    kept.push(sum());
    gc();
    const after = process.memoryUsage();
    held.push(after.heapUsed + after.arrayBuffers - before.heapUsed - before.arrayBuffers);
  }
  printTable(
    `FlowAccumulator alone over the same ${http.length + tcp.length} samples, parsed beforehand; ${RUNS} runs after a warm-up (memory: 3)`,
    ['add CPU ms median', 'min', 'finish(100) CPU ms median', 'min', 'heap held by the summed flows MiB (median)'],
    [[ms(median(add)), ms(Math.min(...add)), ms(median(finish)), ms(Math.min(...finish)), mib(median(held))]],
  );
}

runBench(async () => {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with node --expose-gc --import tsx');
  const bodies = await answers();
  const client = storedClient(bodies);
  const deps = { client, gatewayWorkloads: GATEWAYS, topHostsPerStatus: 100, outboundMode: 'ALLOW_ANY' as const };
  const times: number[] = [];
  const cpu: number[] = [];
  const heapAfter: number[] = [];
  const heapAfterGc: number[] = [];
  let flows = 0;
  for (let i = 0; i < RUNS + 1; i++) {
    gc();
    const t = performance.now();
    const c = process.cpuUsage();
    const report = await getEgressReport(deps, { end: END, windowSeconds: WINDOW, namespaces: [] });
    const elapsed = performance.now() - t;
    const used = cpuMs(c);
    flows = report.flows.length;
    if (i === 0) continue; // warm-up
    times.push(elapsed);
    cpu.push(used);
    heapAfter.push(process.memoryUsage().heapUsed);
    gc();
    heapAfterGc.push(process.memoryUsage().heapUsed);
  }
  const answerBytes = [...bodies.values()].reduce((n, b) => n + b.length, 0);
  printTable(
    `getEgressReport in process over stored 10^5-series answers (${mib(answerBytes)} MiB), top 100 per status; ${RUNS} runs after a warm-up`,
    ['flows out', 'report ms median', 'min', 'max', 'CPU ms median', 'min', 'heap after report MiB (median, max)', 'heap after GC MiB (median)', 'process peak RSS MiB'],
    [[flows, ms(median(times)), ms(Math.min(...times)), ms(Math.max(...times)), ms(median(cpu)), ms(Math.min(...cpu)), `${mib(median(heapAfter))}, ${mib(Math.max(...heapAfter))}`, mib(median(heapAfterGc)), mib(process.resourceUsage().maxRSS * 1024)]],
  );
  sumOnly(bodies, gc);
});
