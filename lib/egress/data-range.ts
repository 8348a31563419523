import type { PrometheusClient } from '../prometheus/client';
import { cached, type QueryDeps } from '../prometheus/cached';
import type { Series } from '../prometheus/types';
import { ISTIO_PRESENCE_QUERY } from './report';

/** Where the Istio metrics are in the backend (unix seconds). */
export interface IstioDataRange {
  /** First moment with Istio metrics in the searched horizon, or null when there are none. */
  readonly first: number | null;
  /** Last moment with Istio metrics (about now while they keep coming), or null. */
  readonly last: number | null;
  /** Istio metrics were there already at the start of the horizon: they may start earlier than `first`. */
  readonly earlier: boolean;
}

/** How far back the search looks: the longest window (30d) and a day more. */
export const DATA_RANGE_HORIZON_SECONDS = 31 * 86400;
/** Points of the coarse pass over the horizon (a 12 h step). */
const COARSE_POINTS = 62;
/** Step of the fine passes, which place the edges to the minute. */
const FINE_STEP_SECONDS = 60;

function pointsOf(series: readonly Series[]): number[] {
  return (series[0]?.points ?? []).filter((p) => p.v > 0).map((p) => p.t);
}

/**
 * When the Istio metrics start and end, found cheaply on any engine that
 * speaks the Prometheus API: `count()` of the Istio standard metrics as a
 * range query over 31 days at a 12 h step (62 points) and, beside it, over the
 * last 12 h at a 1 min step; then at a 1 min step over the 12 h before the
 * first coarse point with data and, when the data stopped more than 12 h ago,
 * around the last. So at most four range queries of at most 1,440 points,
 * whatever the mesh size and retention, where a scan of every sample would
 * read the whole history.
 *
 * Each point sees the samples of its lookback (5 min on Prometheus, about a
 * scrape interval on VictoriaMetrics), so the edges are right to within that.
 * The pass over the last 12 h finds data of any length there, however the
 * engine aligns its points (VictoriaMetrics rounds them to the step, so its
 * coarse pass can end up to 12 h before now); older data that lasted less
 * than 12 h between two coarse points can be missed.
 */
export async function findIstioDataRange(client: Pick<PrometheusClient, 'rangeQuery'>, nowSeconds: number): Promise<IstioDataRange> {
  const now = Math.floor(nowSeconds);
  const coarseStep = DATA_RANGE_HORIZON_SECONDS / COARSE_POINTS;
  const start = now - DATA_RANGE_HORIZON_SECONDS;
  const fine = (from: number, to: number) => client.rangeQuery(ISTIO_PRESENCE_QUERY, from, to, FINE_STEP_SECONDS).then((r) => pointsOf(r.series));
  const [coarse, recent] = await Promise.all([
    client.rangeQuery(ISTIO_PRESENCE_QUERY, start, now, coarseStep).then((r) => pointsOf(r.series)),
    fine(now - coarseStep, now),
  ]);
  const firstCoarse = coarse[0];
  const lastCoarse = coarse[coarse.length - 1];
  const lastRecent = recent[recent.length - 1];
  if (firstCoarse === undefined || lastCoarse === undefined) {
    return lastRecent === undefined ? { first: null, last: null, earlier: false } : { first: recent[0] ?? lastRecent, last: lastRecent, earlier: false };
  }

  const earlier = firstCoarse - start < coarseStep;
  const [head, tail] = await Promise.all([
    earlier ? [firstCoarse] : fine(Math.max(start, firstCoarse - coarseStep), firstCoarse),
    // Data in the last 12 h ends where the recent pass says; older data within a step either side of its last coarse
    // point: before it where a point sees a whole step back, after it where points are aligned to the step.
    lastRecent !== undefined ? recent : fine(Math.max(start, lastCoarse - coarseStep), Math.min(now, lastCoarse + coarseStep)),
  ]);
  // The fine passes place the edges; a coarse point that sees a whole step back may lie past them.
  const first = Math.min(head[0] ?? firstCoarse, recent[0] ?? Number.POSITIVE_INFINITY);
  return { first, last: tail[tail.length - 1] ?? lastCoarse, earlier };
}

/** Where the Istio metrics are moves by the minute: one lookup a minute per server, whatever the number of dashboards. */
export const DATA_RANGE_TTL_MS = 60_000;

/**
 * findIstioDataRange as /api/health shares it: it takes no parameters (the
 * query is empty), and the range found at `nowSeconds` serves every request
 * for DATA_RANGE_TTL_MS.
 */
export const sharedIstioDataRange = cached(
  'istio data range',
  (deps: QueryDeps & { readonly nowSeconds: number }, _query: Record<string, never>) => findIstioDataRange(deps.client, deps.nowSeconds),
  { ttlMs: DATA_RANGE_TTL_MS, maxEntries: 1 },
);
