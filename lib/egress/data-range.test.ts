import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { handleHealth, type HealthBody } from '../api/handlers/health';
import { recordingContext } from '../../testing/api';
import type { PrometheusClient } from '../prometheus/client';
import { DATA_RANGE_HORIZON_SECONDS, findIstioDataRange } from './data-range';
import { ISTIO_PRESENCE_QUERY } from './report';

const NOW = 1_800_000_000;
const LOOKBACK = 300;

/** A backend whose Istio metrics exist over [from, to], answering count() range queries with Prometheus's 5 min lookback. */
function backendWithData(from: number, to: number, asked: { query: string; points: number }[] = []): Pick<PrometheusClient, 'rangeQuery'> {
  return {
    rangeQuery: async (query, start, end, step) => {
      const points: { t: number; v: number }[] = [];
      for (let t = start; t <= end; t += step) if (t >= from && t - LOOKBACK < to) points.push({ t, v: 1 });
      asked.push({ query, points: Math.floor((end - start) / step) + 1 });
      return { series: points.length ? [{ labels: {}, points }] : [], warnings: [] };
    },
  };
}

describe('findIstioDataRange', () => {
  it('finds the first and last minute with data of any span a pass sees, in at most four bounded range queries', async () => {
    await fc.assert(
      // Spans of 12 h or more, or ending in the last 12 h (shorter, older ones between two coarse points can be missed: see findIstioDataRange).
      fc.asyncProperty(fc.integer({ min: 0, max: DATA_RANGE_HORIZON_SECONDS - 60 }), fc.integer({ min: 0, max: DATA_RANGE_HORIZON_SECONDS }), async (endAge, length) => {
        const to = NOW - endAge;
        const from = Math.max(NOW - DATA_RANGE_HORIZON_SECONDS + 60, to - length);
        fc.pre(to - from >= 12 * 3600 || endAge <= 12 * 3600 - LOOKBACK);
        const asked: { query: string; points: number }[] = [];
        const r = await findIstioDataRange(backendWithData(from, to, asked), NOW);
        expect(r.earlier).toBe(false);
        expect(r.first! - from).toBeGreaterThanOrEqual(0);
        expect(r.first! - from).toBeLessThan(60);
        expect(r.last! - to).toBeGreaterThan(-60);
        expect(r.last! - to).toBeLessThanOrEqual(LOOKBACK + 60);
        expect(asked.length).toBeLessThanOrEqual(4);
        for (const q of asked) {
          expect(q.query).toBe(ISTIO_PRESENCE_QUERY);
          expect(q.points).toBeLessThanOrEqual(1441);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('finds data younger than a coarse step however the engine aligns its points', async () => {
    // Points aligned to multiples of the step (VictoriaMetrics): the coarse pass may see nothing of the last hours.
    const aligned: Pick<PrometheusClient, 'rangeQuery'> = {
      rangeQuery: async (query, start, end, step) => {
        const inner = backendWithData(NOW - 3 * 3600, NOW);
        return inner.rangeQuery(query, Math.ceil(start / step) * step, Math.floor(end / step) * step, step);
      },
    };
    const r = await findIstioDataRange(aligned, NOW);
    expect(r.first).not.toBeNull();
    expect(Math.abs(r.first! - (NOW - 3 * 3600))).toBeLessThan(60);
    expect(NOW - r.last!).toBeLessThan(120);
  });

  it('says the data may start earlier when it was there at the start of the horizon', async () => {
    const r = await findIstioDataRange(backendWithData(NOW - 90 * 86400, NOW), NOW);
    expect(r.earlier).toBe(true);
    expect(r.first).toBe(NOW - DATA_RANGE_HORIZON_SECONDS);
    expect(r.last).toBe(NOW);
  });

  it('finds none in a backend without Istio metrics', async () => {
    expect(await findIstioDataRange(backendWithData(0, 0), NOW)).toEqual({ first: null, last: null, earlier: false });
  });
});

describe('GET /api/health', () => {
  it('says where the Istio metrics are, or that there are none', async () => {
    const res = await handleHealth('', recordingContext().ctx, NOW * 1000);
    expect(res.status).toBe(200);
    expect((res.body as HealthBody).istio).toEqual({ first: null, last: null, earlier: false });
  });

  it('stays healthy when the lookup fails, and says it does not know', async () => {
    const { ctx } = recordingContext();
    const deps = ctx.deps();
    const failing = { ...ctx, deps: () => ({ ...deps, client: { ...deps.client, rangeQuery: () => Promise.reject(new Error('too many points')) } }) };
    const res = await handleHealth('', failing, NOW * 1000);
    expect(res.status).toBe(200);
    expect((res.body as HealthBody).istio).toBeNull();
  });
});
