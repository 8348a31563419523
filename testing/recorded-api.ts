/** A handler context on the demo's recorded Prometheus answers (testing/testdata/egress), for tests of whole API answers. */
import type { ApiContext } from '../lib/api/context';
import { proxyVersionsQuery } from '../lib/egress/outbound-mode';
import { streamCollected, type PrometheusClient } from '../lib/prometheus/client';
import { parseInstantResponse } from '../lib/prometheus/parse';
import { buildEgressQueries } from '../lib/prometheus/queries';
import { readTestdata } from './testdata';
import { RECORDED } from './testdata/egress/recorded';

/**
 * Answers the two egress queries and the proxy versions as recorded at
 * RECORDED.end; any other query (in-mesh calls, blocked attempts, charts,
 * first and last seen) with no data, as a Prometheus without those series would.
 */
export function recordedApiContext(): ApiContext {
  const queries = buildEgressQueries({ windowSeconds: RECORDED.windowSeconds, namespaces: [], gatewayWorkloads: RECORDED.gatewayWorkloads });
  const recorded = new Map<string, unknown>([
    [queries.http, readTestdata('egress/demo-http.json')],
    [queries.tcp, readTestdata('egress/demo-tcp.json')],
    [proxyVersionsQuery(RECORDED.windowSeconds), readTestdata('egress/demo-proxy-versions.json')],
  ]);
  const client: PrometheusClient = {
    instantQuery: async (query, time) => {
      const body = recorded.get(query);
      if (body === undefined) return { samples: [], warnings: [] };
      if (time !== RECORDED.end) throw new Error(`recorded at ${RECORDED.end} only, asked at ${time}`);
      return parseInstantResponse(body);
    },
    streamInstantQuery: (query, time, onSample) => streamCollected(client, query, time, onSample),
    rangeQuery: async () => ({ series: [], warnings: [] }),
    buildInfo: async () => ({ version: 'recorded' }),
  };
  const deps = { client, gatewayWorkloads: RECORDED.gatewayWorkloads, topHostsPerStatus: 100 };
  return { config: () => ({ cacheTtlMs: 5000, egressGatewayWorkloads: RECORDED.gatewayWorkloads }), deps: () => deps };
}
