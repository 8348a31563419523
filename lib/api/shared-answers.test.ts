import { describe, expect, it } from 'vitest';
import { createCacheStore } from '../prometheus/cached';
import type { Sample } from '../prometheus/types';
import { handleBlocked } from './handlers/blocked';
import { handleEgress } from './handlers/egress';
import { handleGraph } from './handlers/graph';
import { handleHealth } from './handlers/health';
import { handleHosts } from './handlers/hosts';
import { handleReadiness } from './handlers/readiness';
import { handleTimeseries } from './handlers/timeseries';
import type { ApiAnswer } from './answer';
import { recordingContext } from '../../testing/api';

const passthrough = (host: string): Sample => ({
  labels: { reporter: 'source', source_workload: 'web', source_workload_namespace: 'shop', destination_service: host, destination_service_name: 'PassthroughCluster', destination_workload: 'unknown', response_code: '200', response_flags: '-' },
  value: 1,
});

describe('shared answers', () => {
  it('fifty concurrent /api/graph and /api/egress requests for the same view build one report and one graph, and return the same objects', async () => {
    const rec = recordingContext((q) => (q.includes('istio_requests_total') ? [passthrough('httpbin.org')] : []));
    const deps = { ...rec.ctx.deps(), caches: createCacheStore({ ttlMs: 5000 }) };
    const ctx = { ...rec.ctx, deps: () => deps };
    const now = Date.UTC(2026, 10, 21, 12, 0, 0);
    const answers = await Promise.all([
      ...Array.from({ length: 50 }, () => handleGraph('window=5m', now, ctx)),
      ...Array.from({ length: 10 }, () => handleEgress('window=5m', now, ctx)),
    ]);
    expect(answers.every((a) => a.status === 200)).toBe(true);
    // The two egress queries and the proxy versions (ISTIO_OUTBOUND_MODE=auto), once.
    expect(rec.queries).toHaveLength(3);
    expect(new Set(answers.slice(0, 50).map((a) => a.body)).size).toBe(1);
    expect(new Set(answers.slice(50).map((a) => a.body)).size).toBe(1);
  });

  it('builds separately for different views, and on every request without a cache', async () => {
    const rec = recordingContext();
    const now = Date.UTC(2026, 10, 21, 12, 0, 0);
    await Promise.all([handleGraph('window=5m', now, rec.ctx), handleGraph('window=5m', now, rec.ctx), handleGraph('window=1h', now, rec.ctx)]);
    // No answer, report or query cache in this context: 3 requests x (2 queries + the proxy versions), +1 presence query each, as there are no flows.
    expect(rec.queries.filter((q) => !q.query.startsWith('count(')).length).toBe(9);
  });

  it('every route that caches runs each of its queries once for concurrent requests for the same view', async () => {
    const now = Date.UTC(2026, 10, 21, 12, 0, 0);
    const routes: [string, (ctx: ReturnType<typeof recordingContext>['ctx']) => Promise<ApiAnswer<unknown>>][] = [
      ['/api/blocked', (ctx) => handleBlocked('window=1d', now, ctx)],
      ['/api/hosts', (ctx) => handleHosts('window=1d', now, ctx)],
      ['/api/readiness', (ctx) => handleReadiness('window=1h', now, ctx)],
      ['/api/timeseries', (ctx) => handleTimeseries('kind=host&status=blocked&window=1h', now, ctx)],
      ['/api/health', (ctx) => handleHealth('', ctx, now)],
    ];
    const sorted = (qs: readonly { kind: string; query: string }[]) => qs.map((q) => `${q.kind} ${q.query}`).sort();
    for (const [route, handle] of routes) {
      const one = recordingContext();
      expect((await handle(one.ctx)).status, route).toBe(200);
      const rec = recordingContext();
      const deps = { ...rec.ctx.deps(), caches: createCacheStore({ ttlMs: 5000 }) };
      const answers = await Promise.all(Array.from({ length: 20 }, () => handle({ ...rec.ctx, deps: () => deps })));
      expect(answers.every((a) => a.status === 200), route).toBe(true);
      // /api/health asks `vector(1)` on every call: it measures whether Prometheus answers now.
      const perCall = (qs: string[]) => qs.filter((q) => q !== 'instant vector(1)');
      expect(perCall(sorted(rec.queries)), route).toEqual(perCall(sorted(one.queries)));
    }
  });
});
