/**
 * Shared by the benchmarks (npm run bench): statistics, timing, a real
 * Prometheus backfilled with the demo mesh plus the built app (both stopped
 * by PID, also on errors and Ctrl-C), Prometheus HTTP helpers, process
 * memory, and markdown tables.
 */
import fs from 'node:fs';
import path from 'node:path';
import { exitOnSignals, startNextApp, type RunningApp } from '../tools/backends';
import { createDemoMesh, startDemoPrometheus, type DemoPrometheus, type DemoScale, type HistoryRange } from '../tools/demo';

export const ROOT = path.resolve(__dirname, '..');
/** Start of the fixed-time history, 2026-01-01T00:00:00Z. */
export const ORIGIN = 1767225600;
/** Evaluation time of the fixed-time benches: 30 minutes into the history, so 5-minute windows are full. */
export const END = ORIGIN + 30 * 60;
/** ~35 minutes of history at 1-minute steps around END. */
export const HISTORY: HistoryRange = { start: ORIGIN, end: END + 300, step: 60 };

/** Median (upper median for even lengths); NaN when empty. */
export function median(xs: readonly number[]): number {
  return percentile(xs, 50);
}

/** Nearest-rank percentile (p in 0..100); NaN when empty. */
export function percentile(xs: readonly number[], p: number): number {
  if (xs.length === 0) return NaN;
  const sorted = [...xs].sort((a, b) => a - b);
  if (p === 50) return sorted[Math.floor(sorted.length / 2)] ?? NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] ?? NaN;
}

/** Wall time of `fn` in milliseconds. */
export async function time(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

/** `fn` run `runs` times one after another: the wall times in milliseconds. */
export async function repeat(runs: number, fn: () => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) out.push(await time(fn));
  return out;
}

/** Deterministic pseudo-random numbers (mulberry32): every run of a bench sees the same data and sends the same requests. */
export function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const ms = (x: number): string => (x >= 100 ? x.toFixed(0) : x.toFixed(1));
export const ratio = (x: number): string => `${x >= 10 ? x.toFixed(1) : x.toFixed(2)}x`;
export const kib = (bytes: number): string => (bytes / 1024).toFixed(1);
export const mib = (bytes: number): string => (bytes / 1024 / 1024).toFixed(1);

/** Prints a markdown table with a title line, ready to paste into docs/PERFORMANCE.md. */
export function printTable(title: string, header: readonly string[], rows: readonly (readonly (string | number)[])[]): void {
  console.log(`\n${title}`);
  console.log(`| ${header.join(' | ')} |`);
  console.log(`|${header.map(() => '---').join('|')}|`);
  for (const row of rows) console.log(`| ${row.join(' | ')} |`);
}

/** Resident and peak resident memory of a process (Linux /proc/<pid>/status), in bytes. */
export function readProcessMemory(pid: number): { rss: number; hwm: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const field = (name: string): number => {
    const m = new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status);
    if (!m?.[1]) throw new Error(`no ${name} in /proc/${pid}/status`);
    return Number(m[1]) * 1024;
  };
  return { rss: field('VmRSS'), hwm: field('VmHWM') };
}

/** History of HISTORY's length at 1-minute steps around now: starts 35 minutes ago, reaches `aheadSeconds` into the future. */
export function historyAroundNow(aheadSeconds: number): HistoryRange {
  const now = Math.floor(Date.now() / 1000);
  const start = now - (now % 60) - 35 * 60;
  return { start, end: now + aheadSeconds, step: 60 };
}

/**
 * With BENCH_CPU_PROF=<dir>, the app server writes a V8 CPU profile there
 * when stopped (open it in Chrome DevTools or speedscope).
 */
function profilerArgs(): string[] {
  const dir = process.env.BENCH_CPU_PROF;
  const extra = process.env.BENCH_NODE_ARGS?.split(/\s+/).filter(Boolean) ?? [];
  return [...(dir ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(dir)}`] : []), ...extra];
}

/** A real Prometheus with demo history, and optionally the built app reading it. */
export interface Stack {
  readonly prom: DemoPrometheus;
  /** Present when the stack was started with `app`. */
  readonly app?: RunningApp;
}

export interface StackOptions {
  readonly scale?: DemoScale;
  /** Default HISTORY; the demo mesh starts at `history.start` (on the 15 s grid). */
  readonly history?: HistoryRange;
  /** Start the app with this environment (PROMETHEUS_URL is added). */
  readonly app?: Readonly<Record<string, string>>;
}

/**
 * Backfills a Prometheus with the demo mesh (scale mode when `scale` is set),
 * optionally starts the app on it, runs `fn`, and stops both by PID whatever
 * happens.
 */
export async function withStack<T>(opts: StackOptions, fn: (stack: Stack) => Promise<T>): Promise<T> {
  const history = opts.history ?? HISTORY;
  const prom = await startDemoPrometheus(createDemoMesh({ origin: history.start, scale: opts.scale }), history);
  let app: RunningApp | undefined;
  try {
    if (opts.app) app = await startNextApp({ root: ROOT, env: { PROMETHEUS_URL: prom.url, ...opts.app }, nodeArgs: profilerArgs() });
    return await fn(app ? { prom, app } : { prom });
  } finally {
    await app?.stop();
    await prom.stop();
  }
}

/** What one instant query cost Prometheus. */
export interface QueryCost {
  readonly ms: number;
  /** data.stats.samples.totalQueryableSamples (stats=all), or NaN without stats. */
  readonly samples: number;
  /** Series in the answer. */
  readonly series: number;
  /** Size of the JSON answer. */
  readonly bytes: number;
}

interface PromQueryBody {
  status?: string;
  error?: string;
  data?: { result?: unknown[]; stats?: { samples?: { totalQueryableSamples?: number } } };
}

/** POST /api/v1/query at `at` (unix seconds), parsed as JSON like any client would; with `stats`, asks for stats=all. */
export async function instantQuery(promUrl: string, query: string, at: number, opts: { stats?: boolean } = {}): Promise<QueryCost> {
  const body = new URLSearchParams({ query, time: String(at) });
  if (opts.stats) body.set('stats', 'all');
  const t = performance.now();
  const res = await fetch(`${promUrl}/api/v1/query`, { method: 'POST', body });
  const text = await res.text();
  const json = JSON.parse(text) as PromQueryBody;
  const elapsed = performance.now() - t;
  if (!res.ok || json.status !== 'success') throw new Error(`Prometheus answered ${res.status}: ${json.error ?? 'no error text'}\n${query}`);
  return { ms: elapsed, samples: json.data?.stats?.samples?.totalQueryableSamples ?? NaN, series: json.data?.result?.length ?? 0, bytes: Buffer.byteLength(text) };
}

/** Sum of a counter's samples in Prometheus's own /metrics whose labels contain every `labels` pair. */
export async function selfCounter(promUrl: string, name: string, labels: Readonly<Record<string, string>> = {}): Promise<number> {
  const text = await (await fetch(`${promUrl}/metrics`)).text();
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  let sum = 0;
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    const brace = line.indexOf('}');
    const labelText = brace < 0 ? '' : line.slice(name.length + 1, brace);
    if (!wanted.every((w) => labelText.split(',').includes(w))) continue;
    sum += Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return sum;
}

/** GET an app URL; throws on a non-200 answer. Returns the body size in bytes. */
export async function getOk(url: string): Promise<number> {
  const res = await fetch(url);
  const body = await res.arrayBuffer();
  if (!res.ok) throw new Error(`${url} answered ${res.status}: ${Buffer.from(body).toString('utf8', 0, 500)}`);
  // A 200 whose body a client cannot read is an error too.
  try {
    JSON.parse(Buffer.from(body).toString('utf8'));
  } catch {
    throw new Error(`${url} answered 200 with a body that is not JSON (${res.headers.get('content-type')}, ${body.byteLength} bytes)`);
  }
  return body.byteLength;
}

/** Runs a bench's main: Ctrl-C and errors still stop every process it started (exit hook of tools/backends). */
export function runBench(main: () => Promise<void>): void {
  exitOnSignals();
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
