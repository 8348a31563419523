import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { handleHealth, type HealthBody } from '../api/handlers';
import { recordingContext } from '../api/testing';
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
  it('finds the first and last minute with data of any span a coarse point sees, in three bounded range queries', async () => {
    await fc.assert(
      // Spans of 12 h or more, or running to now (shorter ones between two coarse points can be missed: see findIstioDataRange).
      fc.asyncProperty(fc.integer({ min: 60, max: DATA_RANGE_HORIZON_SECONDS - 60 }), fc.integer({ min: 12 * 3600, max: DATA_RANGE_HORIZON_SECONDS }), fc.boolean(), async (age, length, toNow) => {
        const from = NOW - age;
        const to = toNow ? NOW : Math.min(NOW, from + length);
        const asked: { query: string; points: number }[] = [];
        const r = await findIstioDataRange(backendWithData(from, to, asked), NOW);
        expect(r.earlier).toBe(false);
        expect(r.first! - from).toBeGreaterThanOrEqual(0);
        expect(r.first! - from).toBeLessThan(60);
        expect(r.last! - to).toBeGreaterThan(-60);
        expect(r.last! - to).toBeLessThanOrEqual(LOOKBACK + 60);
        expect(asked.length).toBeLessThanOrEqual(3);
        for (const q of asked) {
          expect(q.query).toBe(ISTIO_PRESENCE_QUERY);
          expect(q.points).toBeLessThanOrEqual(1441);
        }
      }),
      { numRuns: 50 },
    );
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
