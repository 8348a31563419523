import { describe, expect, it } from 'vitest';
import { createDemoMesh, DEMO_HOSTILE_HOST, DEMO_HOSTILE_PASSTHROUGH, expectedFlows } from '../../tools/demo';
import { getEgressReport } from '../egress/report';
import { RECORDED } from '../../testing/testdata/egress/recorded';
import type { EgressFlow } from '../egress/types';
import { streamCollected, type PrometheusClient } from '../prometheus/client';
import { parseInstantResponse } from '../prometheus/parse';
import { proxyVersionsQuery } from '../egress/outbound-mode';
import { buildEgressQueries } from '../prometheus/queries';
import { computeReadiness } from './compute';
import type { NamespaceReadiness, ReadinessReport } from './types';
import { readTestdata } from '../../testing/testdata';

const testdata = (name: string): unknown => readTestdata(`egress/${name}`);
const queries = buildEgressQueries({ windowSeconds: RECORDED.windowSeconds, namespaces: [], gatewayWorkloads: RECORDED.gatewayWorkloads });
const recorded = new Map<string, unknown>([
  [queries.http, testdata('demo-http.json')],
  [queries.tcp, testdata('demo-tcp.json')],
  [proxyVersionsQuery(RECORDED.windowSeconds), testdata('demo-proxy-versions.json')],
]);

/** Answers the recorded Prometheus responses (as lib/egress/report.test.ts does). */
const client: PrometheusClient = {
  async instantQuery(query: string, time: number) {
    const body = recorded.get(query);
    if (!body || time !== RECORDED.end) throw new Error('no recording for this query: re-run `npx tsx scripts/record-testdata.ts`');
    return parseInstantResponse(body);
  },
  streamInstantQuery: (query, time, onSample) => streamCollected(client, query, time, onSample),
  rangeQuery: () => Promise.reject(new Error('not recorded')),
  buildInfo: async () => ({ version: 'recorded' }),
};

async function recordedReadiness(): Promise<ReadinessReport> {
  const report = await getEgressReport(
    { client, gatewayWorkloads: RECORDED.gatewayWorkloads, topHostsPerStatus: 100 },
    { end: RECORDED.end, windowSeconds: RECORDED.windowSeconds, namespaces: [] },
  );
  return computeReadiness(report);
}

/** What the demo declares: its flows at the recorded time (tools/demo oracle). */
const oracle: EgressFlow[] = expectedFlows(createDemoMesh({ origin: RECORDED.origin }), { end: RECORDED.end, window: RECORDED.windowSeconds });

/** The card of a namespace in a cluster (the demo has two: one card per cluster and namespace). */
const cardKey = (n: { readonly namespace: string; readonly cluster?: string }) => `${n.cluster ?? ''}/${n.namespace}`;

/** Per source cluster and namespace: each named passthrough host and its callers, from the oracle. */
function expectedToRegister(): Map<string, Map<string, Set<string>>> {
  const out = new Map<string, Map<string, Set<string>>>();
  for (const f of oracle) {
    if (f.destination.status !== 'passthrough' || f.destination.host === null || f.via) continue;
    const key = cardKey({ namespace: f.source.namespace, cluster: f.source.cluster });
    const hosts = out.get(key) ?? new Map<string, Set<string>>();
    out.set(key, hosts);
    const callers = hosts.get(f.destination.host) ?? new Set<string>();
    hosts.set(f.destination.host, callers);
    callers.add(`${f.source.namespace}/${f.source.workload}`);
  }
  return out;
}

const hostsAndCallers = (n: Pick<NamespaceReadiness, 'toRegister'> | undefined) => Object.fromEntries((n?.toRegister ?? []).map((h) => [h.host, h.callers]));
const sortedObject = (m: Map<string, Set<string>> | undefined) => Object.fromEntries([...(m ?? new Map<string, Set<string>>())].map(([h, c]) => [h, [...c].sort()]));

describe('computeReadiness on recorded Prometheus answers (demo mesh, before the switch)', () => {
  it('lists, per namespace, exactly the demo’s unregistered passthrough hosts with their callers', async () => {
    const r = await recordedReadiness();
    const expected = expectedToRegister();
    expect(r.namespaces.map(cardKey).sort()).toEqual([...new Set(oracle.map((f) => cardKey({ namespace: f.source.namespace, cluster: f.source.cluster })))].sort());
    for (const n of r.namespaces) {
      expect(hostsAndCallers(n), cardKey(n)).toEqual(sortedObject(expected.get(cardKey(n))));
    }
    // The oracle agrees with the list (api.ipify.org is still passthrough before the switch).
    const all = [...new Set(r.namespaces.flatMap((n) => n.toRegister.map((h) => h.host)))].sort();
    // Hostile Host headers are hosts to register like any other (the promote page refuses them).
    const hostile = [DEMO_HOSTILE_HOST, ...DEMO_HOSTILE_PASSTHROUGH.map((h) => h.host)];
    expect(all).toEqual(['203.0.113.10', ...hostile, 'api.ipify.org', 'api.open-meteo.com', 'api.postcodes.io', 'httpbin.org', 'legacy-partner.example.net'].sort());
    expect(r.warnings).toEqual([]);
  });

  it('gives the rates the demo declares, within 0.1%', async () => {
    const r = await recordedReadiness();
    const fromOracle = computeReadiness({ end: r.end, window: r.window, flows: oracle, warnings: [] });
    const numbers = (x: ReadinessReport): number[] =>
      [...x.namespaces, x.mesh].flatMap((n: Omit<NamespaceReadiness, 'namespace'>) => [
        ...Object.values(n.requests),
        ...Object.values(n.connections),
        n.readiness ?? -1,
        n.viaGateway,
        n.unattributed?.connectionsPerSecond ?? -1,
        n.unattributed?.share ?? -1,
        ...n.toRegister.map((h) => h.ratePerSecond),
      ]);
    const got = numbers(r);
    const want = numbers(fromOracle);
    expect(got).toHaveLength(want.length);
    got.forEach((v, i) => expect(Math.abs(v - (want[i] ?? NaN))).toBeLessThanOrEqual(Math.abs(want[i] ?? 0) * 0.001 + 1e-9));
    expect(r.mesh.toRegister.map((h) => h.host)).toEqual(fromOracle.mesh.toRegister.map((h) => h.host));
  });

  it('shows unattributed TLS/TCP passthrough, gateway traffic and namespaces that are ready', async () => {
    const r = await recordedReadiness();
    const ns = (name: string) => r.namespaces.find((n) => n.namespace === name);
    const unattributedCallers = oracle.filter((f) => f.destination.status === 'passthrough' && f.destination.host === null).map((f) => `${f.source.namespace}/${f.source.workload}`);
    expect(r.mesh.unattributed?.callers).toEqual([...unattributedCallers].sort());
    expect(ns('ml')?.unattributed?.callers).toEqual(['ml/model-server-v3']);
    expect(ns('shop')?.unattributed?.callers).toEqual(['shop/cart-v1']);
    expect(ns('ml')?.unattributed?.share).toBeGreaterThan(0);
    // Registered only (plus already-blocked traffic): nothing breaks.
    expect(ns('payments')?.readiness).toBe(1);
    expect(ns('data')?.readiness).toBe(1);
    expect(ns('data')?.requests.blocked).toBeGreaterThan(0);
    expect(ns('legacy')?.readiness).toBe(0);
    expect(ns('istio-system')).toMatchObject({ readiness: 1, toRegister: [], viaGateway: 0 });
    // First hops to an egress gateway; ztunnel's hop to the waypoint repeats the waypoint's own flows (compute.ts).
    const viaOracle = oracle.filter((f) => f.via && f.destination.host === null && f.dataPlane === 'sidecar').reduce((s, f) => s + (f.requestsPerSecond ?? 0) + (f.connectionsPerSecond ?? 0), 0);
    expect(r.mesh.viaGateway).toBeCloseTo(viaOracle, 3);
    expect(ns('shop')?.viaGateway).toBeGreaterThan(0);
    const meshReadiness = r.mesh.readiness ?? NaN;
    expect(meshReadiness).toBeGreaterThan(0);
    expect(meshReadiness).toBeLessThan(1);
  });
});
