import { UNKNOWN, ATTEMPT_METRICS, catchAllMatchers, egressSourceMatchers, hostOfLabel } from '../egress/rules';
import { cachedInstantQuery, cachedRangeQuery, type CacheStore } from '../prometheus/cached';
import type { PrometheusClient } from '../prometheus/client';
import { byLabels, formatDuration, matcher, selector } from '../prometheus/promql';
import type { Sample, Series } from '../prometheus/types';
import { backendWarnings } from '../warnings';

/** One source workload's blocked attempts to one destination over the window. */
export interface BlockedAttempt {
  /** The source workload; `cluster` is the `source_cluster` label, when the series carry it (facts §9). */
  readonly source: { readonly namespace: string; readonly workload: string; readonly cluster?: string };
  /** Attempted host (HTTP Host header); null for blocked TCP, whose destination is not in the metrics. */
  readonly host: string | null;
  readonly protocol: 'http' | 'tcp';
  /** Attempts (requests or connections) over the window: increase(), not a rate. */
  readonly attempts: number;
  /** End of the first step of the trend with attempts (to the step). */
  readonly firstSeen?: string;
  /** End of the last step of the trend with attempts: `end` while attempts go on. */
  readonly lastSeen?: string;
  /** Attempts in each step of the window, oldest first: `window / step` values tiling (start, end], the last ending at `end`. */
  readonly trend: number[];
  /** No attempts from this source to this destination in the window before. */
  readonly isNew: boolean;
}

export interface BlockedReport {
  /** Start of the window: the trend covers (start, end]. */
  readonly start: string;
  readonly end: string;
  readonly window: string;
  readonly step: number;
  readonly attempts: BlockedAttempt[];
  readonly queries: { readonly current: string; readonly previous: string; readonly trend: string };
  readonly warnings: string[];
}

export interface BlockedDeps {
  readonly client: PrometheusClient;
  /** Shares the three queries' answers between requests (lib/prometheus/cached.ts); optional. */
  readonly caches?: CacheStore;
}

/** By source cluster too: the same namespace/workload in two clusters are two sources (a missing label groups as one). */
const BY = byLabels(['source_cluster', 'source_workload_namespace', 'source_workload', 'destination_service', 'request_protocol']);
/** Most points in the trend. */
export const TREND_POINTS = 48;
/** Shortest step: increase() needs two scrapes inside each step. */
const MIN_STEP = 60;

/** The trend's range query: `slots` points, `step` apart, from `start` to exactly `end`. */
export interface TrendRange {
  readonly start: number;
  readonly end: number;
  readonly step: number;
  readonly slots: number;
}

/**
 * Blocked egress (BlackHoleCluster, reporter="source"): HTTP attempts from
 * istio_requests_total, TCP attempts from istio_tcp_connections_closed_total,
 * the only counter blocked TCP increments (facts §2). HTTP and TCP series
 * never collide once names drop: request_protocol tells them apart.
 */
export function blockedQueries(windowSeconds: number, step: number): BlockedReport['queries'] {
  const sel = selector([
    matcher('__name__', '=~', ATTEMPT_METRICS.join('|')),
    ...egressSourceMatchers(),
    ...catchAllMatchers('blocked'),
  ]);
  const w = formatDuration(windowSeconds);
  return {
    current: `sum by ${BY} (increase(${sel}[${w}]))`,
    previous: `sum by ${BY} (increase(${sel}[${w}] offset ${w}))`,
    trend: `sum by ${BY} (increase(${sel}[${formatDuration(step)}]))`,
  };
}

/**
 * The step of the trend: a divisor of the window, so that the steps tile it
 * exactly, giving at most TREND_POINTS steps of at least a minute (the whole
 * window below a minute). Whole minutes when that still gives half the
 * points (1h: 30 x 2m, 6h: 45 x 8m, 1d: 48 x 30m, 7d: 48 x 3h30m).
 */
export function trendStep(windowSeconds: number): number {
  if (!Number.isInteger(windowSeconds) || windowSeconds <= 0) throw new Error(`invalid window: ${windowSeconds}`);
  const most = Math.max(1, Math.min(TREND_POINTS, Math.floor(windowSeconds / MIN_STEP)));
  for (let n = most; n >= Math.ceil(most / 2); n--) if (windowSeconds % n === 0 && (windowSeconds / n) % 60 === 0) return windowSeconds / n;
  for (let n = most; n > 1; n--) if (windowSeconds % n === 0) return windowSeconds / n;
  return windowSeconds;
}

/**
 * The range query of the trend over the window ending at `end`: point i is
 * increase() over [step] evaluated at end - window + (i + 1) * step, so the
 * points tile (end - window, end] and the last one is at `end`.
 */
export function trendRange(end: number, windowSeconds: number): TrendRange {
  const step = trendStep(windowSeconds);
  return { start: end - windowSeconds + step, end, step, slots: windowSeconds / step };
}

function keyOf(labels: Readonly<Record<string, string>>): { key: string; source: BlockedAttempt['source']; host: string | null; protocol: 'http' | 'tcp' } {
  const protocol = labels.request_protocol === 'tcp' ? 'tcp' : 'http';
  const host = hostOfLabel(labels.destination_service ?? '')?.host ?? null;
  const cluster = labels.source_cluster;
  const source = { namespace: labels.source_workload_namespace ?? UNKNOWN, workload: labels.source_workload ?? UNKNOWN, ...(cluster !== undefined ? { cluster } : {}) };
  return { key: JSON.stringify([cluster ?? null, source.namespace, source.workload, host, protocol]), source, host, protocol };
}

/** Folds the three answers into one row per source x destination x protocol (Host header ports merged). */
export function buildBlockedAttempts(current: readonly Sample[], previous: readonly Sample[], trend: readonly Series[], range: TrendRange): BlockedAttempt[] {
  const { start, step, slots } = range;
  const rows = new Map<string, { source: BlockedAttempt['source']; host: string | null; protocol: 'http' | 'tcp'; attempts: number }>();
  for (const s of current) {
    if (!(s.value > 0)) continue;
    const k = keyOf(s.labels);
    const row = rows.get(k.key) ?? { source: k.source, host: k.host, protocol: k.protocol, attempts: 0 };
    row.attempts += s.value;
    rows.set(k.key, row);
  }
  const before = new Set(previous.filter((s) => s.value > 0).map((s) => keyOf(s.labels).key));
  const trends = new Map<string, number[]>();
  for (const s of trend) {
    const k = keyOf(s.labels).key;
    const t = trends.get(k) ?? new Array<number>(slots).fill(0);
    for (const p of s.points) {
      const i = Math.round((p.t - start) / step);
      if (i >= 0 && i < slots && Number.isFinite(p.v)) t[i] = (t[i] ?? 0) + p.v;
    }
    trends.set(k, t);
  }
  return [...rows.entries()]
    .map(([key, r]): BlockedAttempt => {
      const t = trends.get(key) ?? new Array<number>(slots).fill(0);
      const firstIdx = t.findIndex((v) => v > 0);
      const lastIdx = t.length - 1 - [...t].reverse().findIndex((v) => v > 0);
      const at = (i: number) => new Date((start + i * step) * 1000).toISOString();
      return {
        ...r,
        ...(firstIdx >= 0 ? { firstSeen: at(firstIdx), lastSeen: at(lastIdx) } : {}),
        trend: t.map((v) => Math.round(v * 1000) / 1000),
        isNew: !before.has(key),
      };
    })
    .sort((a, b) => b.attempts - a.attempts);
}

/** Blocked egress attempts over a window (up to 30 days) ending at `end`: three queries, whatever the mesh size. */
export async function getBlockedReport(deps: BlockedDeps, end: number, windowSeconds: number): Promise<BlockedReport> {
  const trend = trendRange(end, windowSeconds);
  const { start, step } = trend;
  const queries = blockedQueries(windowSeconds, step);
  const [current, previous, points] = await Promise.all([
    cachedInstantQuery(deps, { query: queries.current, time: end }),
    cachedInstantQuery(deps, { query: queries.previous, time: end }),
    cachedRangeQuery(deps, { query: queries.trend, start, end, step }),
  ]);
  return {
    start: new Date((end - windowSeconds) * 1000).toISOString(),
    end: new Date(end * 1000).toISOString(),
    window: formatDuration(windowSeconds),
    step,
    attempts: buildBlockedAttempts(current.samples, previous.samples, points.series, trend),
    queries,
    warnings: backendWarnings(current, previous, points),
  };
}
