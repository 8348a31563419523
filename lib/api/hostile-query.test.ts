import { describe, expect, it } from 'vitest';
import type { ApiContext } from './context';
import type { ApiErrorBody } from './errors';
import { handleBlocked } from './handlers/blocked';
import { handleEgress } from './handlers/egress';
import { handleGraph } from './handlers/graph';
import { handleHealth } from './handlers/health';
import { handleHosts } from './handlers/hosts';
import { handleReadiness } from './handlers/readiness';
import { handleTimeseries } from './handlers/timeseries';
import { type ApiAnswer } from './answer';
import { benignQuery, GET_ROUTES, hostileQueryCases, namesParameter } from '../../testing/hostile-query';
import { expectOnlyInLiterals, recordingContext } from '../../testing/api';

// Every GET route against every hostile query string (testing/hostile-query.ts), in
// process, with a Prometheus that records what it is asked: a 400 naming the
// parameter before any query, or, for values a route takes as data, PromQL
// whose shape the value does not change.

const NOW_MS = 1_800_000_000_000;

type GetHandler = (query: string, nowMs: number, ctx: ApiContext) => Promise<ApiAnswer<unknown>>;
const HANDLERS: Readonly<Record<string, GetHandler>> = {
  '/api/egress': handleEgress,
  '/api/graph': handleGraph,
  '/api/readiness': handleReadiness,
  '/api/hosts': handleHosts,
  '/api/blocked': handleBlocked,
  '/api/timeseries': handleTimeseries,
  '/api/health': (query, _nowMs, ctx) => handleHealth(query, ctx),
};

// No wall-clock bound here: a value that made a handler hang (a regex
// backtracking on a 100 kB parameter) fails on the test timeout, and time
// under hostile load is measured by bench/fuzz-then-load.ts.
async function run(path: string, query: string) {
  const handler = HANDLERS[path];
  if (!handler) throw new Error(`no handler for ${path}`);
  const rec = recordingContext();
  const res = await handler(query, NOW_MS, rec.ctx);
  return { res, queries: rec.queries.map((q) => q.query) };
}

for (const route of GET_ROUTES) {
  describe(`GET ${route.path} with hostile parameters`, () => {
    it('answers the valid base query', async () => {
      expect((await run(route.path, new URLSearchParams(route.base).toString())).res.status).toBe(200);
    });

    it.each(hostileQueryCases(route))('$name', async (c) => {
      const { res, queries } = await run(route.path, c.query);
      if (c.expect.status === 400) {
        expect(res.status).toBe(400);
        const { error } = res.body as ApiErrorBody;
        expect(error.code).toBe('bad-parameter');
        expect(namesParameter(error.message, c.expect.names), error.message).toBe(true);
        expect(error.message.length).toBeLessThan(300);
        // Refused before anything reached Prometheus.
        expect(queries).toEqual([]);
      } else {
        expect(res.status, JSON.stringify(res.body)).toBe(200);
        const benign = await run(route.path, benignQuery(route, c.expect.param));
        expect(benign.res.status).toBe(200);
        expectOnlyInLiterals(queries, benign.queries, c.expect.value);
      }
    });
  });
}
