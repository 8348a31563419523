import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createDemoMesh, diffFlows, expectedFlows } from '../../tools/demo';
import { buildEgressGraph } from '../graph/build';
import { createCacheStore } from '../prometheus/cached';
import { streamCollected, type PrometheusClient } from '../prometheus/client';
import { parseInstantResponse } from '../prometheus/parse';
import { buildEgressQueries } from '../prometheus/queries';
import type { InstantQueryResult, Sample } from '../prometheus/types';
import { gatewayMatcher } from './classify';
import { proxyVersionsQuery } from './outbound-mode';
import { getEgressReport, type EgressDeps } from './report';
import { RECORDED } from '../../testing/testdata/egress/recorded';
import { GOLDEN_GRAPH_PATH, readTestdata } from '../../testing/testdata';

const testdata = (name: string): unknown => readTestdata(`egress/${name}`);
const queries = buildEgressQueries({ windowSeconds: RECORDED.windowSeconds, namespaces: [], gatewayWorkloads: RECORDED.gatewayWorkloads });
const recorded = new Map<string, unknown>([
  [queries.http, testdata('demo-http.json')],
  [queries.tcp, testdata('demo-tcp.json')],
  [proxyVersionsQuery(RECORDED.windowSeconds), testdata('demo-proxy-versions.json')],
]);

/** A client that answers the recorded Prometheus responses and counts calls. */
function recordedClient(extraWarnings: string[] = []): PrometheusClient & { calls: number } {
  const client = {
    calls: 0,
    async instantQuery(query: string, time: number): Promise<InstantQueryResult> {
      client.calls++;
      await new Promise((r) => setTimeout(r, 5));
      const body = recorded.get(query);
      if (!body || time !== RECORDED.end) throw new Error('no recording for this query: re-run `npx tsx scripts/record-testdata.ts`');
      const parsed = parseInstantResponse(body);
      return { ...parsed, warnings: [...parsed.warnings, ...extraWarnings] };
    },
    streamInstantQuery: (query: string, time: number, onSample: (s: Sample) => void) => streamCollected(client, query, time, onSample),
    rangeQuery: () => Promise.reject(new Error('not recorded')),
    buildInfo: async () => ({ version: 'recorded' }),
  };
  return client;
}

const deps = (client: PrometheusClient, extra: Partial<EgressDeps> = {}): EgressDeps => ({
  client,
  gatewayWorkloads: RECORDED.gatewayWorkloads,
  topHostsPerStatus: 100,
  ...extra,
});
const query = { end: RECORDED.end, windowSeconds: RECORDED.windowSeconds, namespaces: [] };

describe('getEgressReport on recorded Prometheus answers (demo mesh)', () => {
  it('classifies every demo flow as the demo declares it, rates within 0.1%', async () => {
    const report = await getEgressReport(deps(recordedClient()), query);
    const expected = expectedFlows(createDemoMesh({ origin: RECORDED.origin }), { end: RECORDED.end, window: RECORDED.windowSeconds });
    expect(diffFlows(report.flows, expected, 0.001)).toEqual([]);
    expect(report.end).toBe('2026-01-01T01:20:00.000Z');
    expect(report.window).toBe('10m');
    expect(report.warnings).toEqual([]);
    expect(report.queries).toEqual(queries);
  });

  it('issues two egress queries per refresh (and, with ISTIO_OUTBOUND_MODE=auto, one for proxy versions), and coalesces 50 concurrent identical refreshes into them', async () => {
    const client = recordedClient();
    const caches = createCacheStore({ ttlMs: 5000 });
    const reports = await Promise.all(Array.from({ length: 50 }, () => getEgressReport(deps(client, { caches }), query)));
    expect(client.calls).toBe(3);
    expect(new Set(reports.map((r) => JSON.stringify(r))).size).toBe(1);

    // A stated outbound mode needs no version query.
    const stated = recordedClient();
    const report = await getEgressReport(deps(stated, { outboundMode: 'ALLOW_ANY' }), query);
    expect(stated.calls).toBe(2);
    expect(report.outboundMode).toMatchObject({ decidedBy: 'configuration', setting: 'ALLOW_ANY', hostNamedWithoutNamespace: 'registered', hosts: 0 });
  });

  it('passes on what Prometheus warns about (partial data)', async () => {
    const report = await getEgressReport(deps(recordedClient(['partial response: store down'])), query);
    expect(report.warnings).toEqual(['Prometheus: partial response: store down']);
  });

  it('applies the cardinality guard', async () => {
    const report = await getEgressReport(deps(recordedClient(), { topHostsPerStatus: 2 }), query);
    const passthroughHosts = report.flows.filter((f) => f.destination.status === 'passthrough' && f.destination.host !== null);
    expect(new Set(passthroughHosts.map((f) => f.destination.host)).size).toBe(2);
    expect(report.flows.some((f) => f.destination.otherHosts !== undefined)).toBe(true);
    expect(report.warnings.some((w) => /distinct passthrough hosts/.test(w))).toBe(true);
  });

  it('builds the same graph as the golden model', async () => {
    const report = await getEgressReport(deps(recordedClient()), query);
    const graph = buildEgressGraph(report, { isGateway: gatewayMatcher(RECORDED.gatewayWorkloads) });
    const golden = GOLDEN_GRAPH_PATH;
    if (process.env.UPDATE_GOLDEN === '1') fs.writeFileSync(golden, `${JSON.stringify(graph, null, 1)}\n`);
    expect(JSON.parse(JSON.stringify(graph))).toEqual(JSON.parse(fs.readFileSync(golden, 'utf8')));
  });
});

describe('an empty window', () => {
  const empty = { status: 'success', data: { resultType: 'vector', result: [] } };
  function client(istio: boolean): PrometheusClient {
    const c: PrometheusClient = {
      instantQuery: async (q: string) =>
        parseInstantResponse(q.startsWith('count(') && istio ? { status: 'success', data: { resultType: 'vector', result: [{ metric: {}, value: [1, '42'] }] } } : empty),
      streamInstantQuery: (q, t, onSample) => streamCollected(c, q, t, onSample),
      rangeQuery: () => Promise.reject(new Error('unused')),
      buildInfo: async () => null,
    };
    return c;
  }

  it('says whether Prometheus has Istio metrics at all, so the UI can say why it is empty', async () => {
    expect((await getEgressReport(deps(client(true)), query)).istioMetrics).toBe('present');
    expect((await getEgressReport(deps(client(false)), query)).istioMetrics).toBe('absent');
  });

  it('does not ask when there are flows', async () => {
    expect((await getEgressReport(deps(recordedClient()), query)).istioMetrics).toBeUndefined();
  });
});
