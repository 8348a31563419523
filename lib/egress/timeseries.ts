import { cachedRangeQuery, type CacheStore } from '../prometheus/cached';
import type { PrometheusClient } from '../prometheus/client';
import { byLabels, formatDuration, matcher, overAny } from '../prometheus/promql';
import type { RangeQueryResult } from '../prometheus/types';
import { backendWarnings } from '../warnings';
import { observedHostPattern } from './host';
import { UNKNOWN, DEFAULT_RULE_CONTEXT, egressSourceMatchers, REQUESTS_METRIC, statusRules, TCP_METRICS, type RuleContext } from './rules';
import type { EgressProtocol, UnregisteredStatus, WorkloadRef } from './types';

/**
 * Rates over time behind one graph node (a destination and all its callers)
 * or one edge (one source to one destination): at most two range queries,
 * both on `reporter="source"` series only (istio-egress-facts §2).
 */

/** Where the charted traffic goes: an external destination, or the first hop to an egress gateway. */
export type TimeseriesDestination =
  /** `host` null: the unattributed destination (destination_service "unknown": TLS/TCP passthrough, blocked TCP). */
  | { readonly to: 'external'; readonly status: UnregisteredStatus; readonly host: string | null }
  /** A ServiceEntry host as written (wildcards are literal). */
  | { readonly to: 'external'; readonly status: 'registered'; readonly host: string }
  | { readonly to: 'gateway'; readonly gateway: WorkloadRef };

/** What a chart is of (not a graph edge's target node): a host, with every caller, or one edge. */
export type ChartSubject =
  /** Every caller of a destination; without a protocol, requests if there are any, else TCP connections. */
  | { readonly kind: 'host'; readonly destination: TimeseriesDestination; readonly protocol?: EgressProtocol }
  | { readonly kind: 'edge'; readonly source: WorkloadRef; readonly destination: TimeseriesDestination; readonly protocol: EgressProtocol };

export interface TimeseriesQuery {
  readonly subject: ChartSubject;
  /** Unix seconds; aligned down to the step. */
  readonly end: number;
  readonly windowSeconds: number;
}

export type TimeseriesUnit = 'requests/s' | 'connections/s';

export interface TimeseriesSeries {
  readonly name: string;
  /** [unix seconds, value], ascending. */
  readonly points: [number, number][];
}

/** What GET /api/timeseries answers. */
export interface TimeseriesReport {
  /** RFC 3339. */
  readonly start: string;
  readonly end: string;
  /** Seconds between points. */
  readonly step: number;
  readonly unit: TimeseriesUnit;
  readonly series: TimeseriesSeries[];
  /** The PromQL behind the series. */
  readonly queries: string[];
  readonly warnings: string[];
}

export interface TimeseriesDeps {
  readonly client: PrometheusClient;
  /** What a host named without a namespace is (lib/egress/outbound-mode.ts); default: an older ServiceEntry. */
  readonly ruleContext?: RuleContext;
  /** Shares range query answers between requests (lib/prometheus/cached.ts); optional. */
  readonly caches?: CacheStore;
}

/** Which metrics a query reads: istio_requests_total, or the TCP connection counters. */
export type MetricFamily = 'requests' | 'tcp';

export interface TimeseriesPlan {
  readonly family: MetricFamily;
  readonly query: string;
}

/** Points per chart the step aims at. */
export const TARGET_POINTS = 240;
const NICE_STEPS = [15, 30, 60, 120, 300, 600, 900, 1200, 1800, 3600, 7200, 10800, 21600, 43200, 86400];
/** More callers than this are folded into one "other callers" series. */
export const MAX_SERIES = 20;

/** Step of a chart: max(15 s, window / 240), rounded up to a nice value. */
export function chooseStep(windowSeconds: number): number {
  const raw = Math.max(15, Math.ceil(windowSeconds / TARGET_POINTS));
  return NICE_STEPS.find((s) => s >= raw) ?? Math.ceil(raw / 86400) * 86400;
}

/** The rate() range: at least one step (so every sample counts) and 60 s (so every point has samples at a 15 s scrape interval). */
export function rateRange(step: number): number {
  return Math.max(step, 60);
}

/** [start, end] aligned to the step, so refetches and concurrent charts ask the same question. */
export function alignRange(end: number, windowSeconds: number, step: number): { start: number; end: number } {
  const alignedEnd = Math.floor(end / step) * step;
  return { start: alignedEnd - Math.ceil(windowSeconds / step) * step, end: alignedEnd };
}

/**
 * Destination selectors per status, a union (the rulebook's statusRules); a
 * host matches every raw value reported as it (observedHostPattern).
 */
export function destinationSelectors(d: TimeseriesDestination, ctx: RuleContext = DEFAULT_RULE_CONTEXT): string[][] {
  if (d.to === 'gateway') {
    return [[matcher('destination_workload', '=', d.gateway.workload), matcher('destination_workload_namespace', '=', d.gateway.namespace)]];
  }
  return statusRules(ctx, d.host === null ? null : observedHostPattern(d.host))[d.status].map((s) => s.matchers);
}

/** The metric families a subject reads: a protocol says it; otherwise what the destination can carry. */
export function familiesOf(subject: ChartSubject): MetricFamily[] {
  if (subject.protocol !== undefined) return [subject.protocol === 'tcp' ? 'tcp' : 'requests'];
  const d = subject.destination;
  // Only HTTP carries a Host header: the unattributed destination is TCP, a passthrough/blocked host is HTTP.
  if (d.to === 'external' && d.status !== 'registered') return [d.host === null ? 'tcp' : 'requests'];
  return ['requests', 'tcp'];
}

/** Builds the range queries of a subject (one per metric family, at most two). */
export function buildTimeseriesQueries(subject: ChartSubject, rangeSeconds: number, ctx: RuleContext = DEFAULT_RULE_CONTEXT): TimeseriesPlan[] {
  const m = egressSourceMatchers();
  if (subject.kind === 'edge') {
    m.push(matcher('source_workload_namespace', '=', subject.source.namespace), matcher('source_workload', '=', subject.source.workload));
    if (subject.source.cluster !== undefined) m.push(matcher('source_cluster', '=', subject.source.cluster));
  }
  const sels = destinationSelectors(subject.destination, ctx).map((d) => [...m, ...d]);
  const range = formatDuration(rangeSeconds);
  const sum = (by: readonly string[], expr: string) => (by.length === 0 ? `sum(${expr})` : `sum by ${byLabels(by)} (${expr})`);
  const callers = ['source_workload_namespace', 'source_workload'];

  return familiesOf(subject).map((family): TimeseriesPlan => {
    if (family === 'requests') {
      const protocol = subject.protocol === undefined ? [] : [matcher('request_protocol', '=', subject.protocol)];
      const by = subject.kind === 'host' ? callers : ['response_code'];
      return { family, query: sum(by, overAny('rate', REQUESTS_METRIC, sels.map((x) => [...x, ...protocol]), range)) };
    }
    // Opened connections, or closed ones where nothing was opened: older proxies
    // counted blocked TCP (BlackHoleCluster) as closed only (facts §9).
    const by = subject.kind === 'host' ? callers : [];
    const rate = (metric: string) => sum(by, overAny('rate', metric, sels, range));
    return { family, query: `${rate(TCP_METRICS.opened)} or ${rate(TCP_METRICS.closed)}` };
  });
}

function seriesName(labels: Readonly<Record<string, string>>, subject: ChartSubject, family: MetricFamily): string {
  if (subject.kind === 'host') return `${labels.source_workload_namespace ?? UNKNOWN}/${labels.source_workload ?? UNKNOWN}`;
  if (family === 'tcp') return 'connections/s';
  return labels.response_code ?? UNKNOWN;
}

function toSeries(result: RangeQueryResult, subject: ChartSubject, family: MetricFamily): TimeseriesSeries[] {
  return result.series
    .map((s) => ({
      name: seriesName(s.labels, subject, family),
      points: s.points.filter((p) => Number.isFinite(p.v)).map((p): [number, number] => [p.t, p.v]),
    }))
    .filter((s) => s.points.length > 0);
}

const byName = (a: TimeseriesSeries, b: TimeseriesSeries) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/** Keeps the `max` busiest series and sums the rest into one, so a chart stays readable. */
export function limitSeries(series: readonly TimeseriesSeries[], max: number, otherName: (n: number) => string): { series: TimeseriesSeries[]; folded: number } {
  if (series.length <= max) return { series: [...series].sort(byName), folded: 0 };
  const total = (s: TimeseriesSeries) => s.points.reduce((acc, [, v]) => acc + v, 0);
  const ranked = [...series].sort((a, b) => total(b) - total(a) || byName(a, b));
  const rest = ranked.slice(max);
  const sums = new Map<number, number>();
  for (const s of rest) for (const [t, v] of s.points) sums.set(t, (sums.get(t) ?? 0) + v);
  const other: TimeseriesSeries = { name: otherName(rest.length), points: [...sums].sort(([a], [b]) => a - b) };
  return { series: [...ranked.slice(0, max).sort(byName), other], folded: rest.length };
}

/** The rate over time of a graph node or edge, from istio_requests_total or the TCP connection counters. */
export async function getTimeseries(deps: TimeseriesDeps, q: TimeseriesQuery): Promise<TimeseriesReport> {
  const step = chooseStep(q.windowSeconds);
  const { start, end } = alignRange(q.end, q.windowSeconds, step);
  const plans = buildTimeseriesQueries(q.subject, rateRange(step), deps.ruleContext);
  const results = await Promise.all(plans.map((p) => cachedRangeQuery(deps, { query: p.query, start, end, step })));
  const warnings = backendWarnings(...results);

  const candidates = plans.map((p, i) => ({ family: p.family, series: toSeries(results[i] ?? { series: [], warnings: [] }, q.subject, p.family) }));
  const withData = candidates.filter((c) => c.series.length > 0);
  const chosen = withData[0] ?? candidates[0];
  if (!chosen) throw new Error('no query planned');
  if (withData.length > 1) {
    warnings.push('This destination has both HTTP/gRPC and TCP traffic: showing requests/s; ask for protocol=tcp to see connections/s.');
  }

  const noun = q.subject.kind === 'host' ? 'callers' : 'series';
  const limited = limitSeries(chosen.series, MAX_SERIES, (n) => `${n} other ${noun}`);
  if (limited.folded > 0) warnings.push(`${limited.folded} ${noun} beyond the busiest ${MAX_SERIES} are summed into one series.`);

  return {
    start: new Date(start * 1000).toISOString(),
    end: new Date(end * 1000).toISOString(),
    step,
    unit: chosen.family === 'requests' ? 'requests/s' : 'connections/s',
    series: limited.series,
    queries: plans.map((p) => p.query),
    warnings,
  };
}
