import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Test-only helpers: tiny hand-written histories and a PromQL instant query. */

export const STEP_SECONDS = 15;
/** The counter grows by this much per sample, so rate() is INCREMENT / STEP_SECONDS = 2/s. */
export const INCREMENT = 30;

export interface History {
  readonly start: number;
  readonly end: number;
  /** Unix seconds, every STEP_SECONDS from start to end inclusive. */
  readonly timestamps: readonly number[];
}

/** One hour of samples ending `futureSeconds` after now. */
export function buildHistory(nowSeconds: number, futureSeconds = 1800, spanSeconds = 3600): History {
  const end = Math.floor(nowSeconds) + futureSeconds;
  const start = end - spanSeconds;
  const timestamps: number[] = [];
  for (let t = start; t <= end; t += STEP_SECONDS) timestamps.push(t);
  return { start, end, timestamps };
}

export function makeTempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `egress-lens-test-${prefix}-`));
}

/** OpenMetrics text for promtool: `demo_requests_total{a="x"}` (timestamps in seconds). */
export function writeOpenMetrics(dir: string, history: History): string {
  const lines = ['# TYPE demo_requests counter'];
  history.timestamps.forEach((t, i) => lines.push(`demo_requests_total{a="x"} ${i * INCREMENT} ${t}`));
  lines.push('# EOF');
  const file = path.join(dir, 'history.om');
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

/** VictoriaMetrics /api/v1/import JSON lines (timestamps in ms), one line per series. */
export function writeJsonLines(dir: string, series: readonly { labels: Record<string, string>; history: History }[]): string {
  const lines = series.map(({ labels, history }) =>
    JSON.stringify({
      metric: labels,
      values: history.timestamps.map((_, i) => i * INCREMENT),
      timestamps: history.timestamps.map((t) => t * 1000),
    }),
  );
  const file = path.join(dir, 'history.jsonl');
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

/** Values of an instant query at `timeSeconds` via GET /api/v1/query. */
export async function queryValues(baseUrl: string, promql: string, timeSeconds?: number): Promise<number[]> {
  const url = new URL('/api/v1/query', baseUrl);
  url.searchParams.set('query', promql);
  if (timeSeconds !== undefined) url.searchParams.set('time', String(timeSeconds));
  const res = await fetch(url, { signal: AbortSignal.timeout(5_000) });
  const body: unknown = await res.json();
  if (!res.ok) throw new Error(`query ${promql} failed: HTTP ${res.status} ${JSON.stringify(body)}`);
  const result = (body as { data?: { result?: { value?: [number, string] }[] } }).data?.result ?? [];
  return result.map((r) => Number(r.value?.[1]));
}

/**
 * True while a process with this PID is alive. A zombie counts as dead: a child
 * orphaned to a container PID 1 that never reaps stays a zombie.
 */
export function pidExists(pid: number): boolean {
  if (fs.existsSync('/proc/self')) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const state = stat.slice(stat.lastIndexOf(')') + 2).charAt(0);
      return state !== 'Z';
    } catch {
      return false;
    }
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
