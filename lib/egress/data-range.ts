import type { PrometheusClient } from '../prometheus/client';
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
 * range query over 31 days at a 12 h step (62 points), then at a 1 min step
 * over the 12 h before the first point with data and the 12 h either side of
 * the last. So three range queries of at most 1,440 points,
 * whatever the mesh size and retention, where a scan of every sample would
 * read the whole history.
 *
 * Each point sees the samples of its lookback (5 min on Prometheus, about the
 * step on VictoriaMetrics), so the edges are right to within that; data that
 * lasted less than 12 h and ended before the last point with data can be
 * missed by the coarse pass on Prometheus.
 */
export async function findIstioDataRange(client: Pick<PrometheusClient, 'rangeQuery'>, nowSeconds: number): Promise<IstioDataRange> {
  const now = Math.floor(nowSeconds);
  const coarseStep = DATA_RANGE_HORIZON_SECONDS / COARSE_POINTS;
  const start = now - DATA_RANGE_HORIZON_SECONDS;
  const coarse = pointsOf((await client.rangeQuery(ISTIO_PRESENCE_QUERY, start, now, coarseStep)).series);
  const firstCoarse = coarse[0];
  const lastCoarse = coarse[coarse.length - 1];
  if (firstCoarse === undefined || lastCoarse === undefined) return { first: null, last: null, earlier: false };

  const earlier = firstCoarse - start < coarseStep;
  const fine = (from: number, to: number) => client.rangeQuery(ISTIO_PRESENCE_QUERY, from, to, FINE_STEP_SECONDS).then((r) => pointsOf(r.series));
  const [head, tail] = await Promise.all([
    earlier ? [firstCoarse] : fine(Math.max(start, firstCoarse - coarseStep), firstCoarse),
    // The last sample lies within a step of the last point with data: before it where a point sees a whole
    // step back (VictoriaMetrics), after it where points are aligned to the step and may stop short of now.
    fine(Math.max(start, lastCoarse - coarseStep), Math.min(now, lastCoarse + coarseStep)),
  ]);
  return {
    // The fine passes place the edges; a coarse point that sees a whole step back (VictoriaMetrics) may lie past them.
    first: head[0] ?? firstCoarse,
    last: tail[tail.length - 1] ?? lastCoarse,
    earlier,
  };
}
