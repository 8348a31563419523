import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { handleTimeseries } from '../api/handlers/timeseries';
import { type RunningBackend } from '../../tools/backends';
import { loadConfig } from '../config/env';
import { createDemoMesh, DEMO_HOSTILE_BLOCKED, DEMO_HOSTILE_HOST, DEMO_HOSTILE_PASSTHROUGH, DEMO_STEP, expectedFlows, startDemoPrometheus } from '../../tools/demo';
import { createPrometheusClient, type PrometheusClient } from '../prometheus/client';
import { getTimeseries, rateRange, type TimeseriesReport, type ChartSubject } from './timeseries';
import type { EgressFlow } from './types';
import { describeWithBinaries } from '../../testing/needs-binaries';

// Range queries against a real Prometheus over the backfilled demo mesh,
// checked against the demo oracle.
const ORIGIN = 1767225600;
const mesh = createDemoMesh({ origin: ORIGIN });
const SWITCH = mesh.events.switchToBlockedAt;
const HISTORY_END = SWITCH + 40 * 60;
const HOUR = 3600;

type FlowMatch = (f: EgressFlow) => boolean;

/** The oracle's rate of the matching flows over [end - window, end]. */
function oracleRate(match: FlowMatch, end: number, window: number): number {
  return expectedFlows(mesh, { end, window })
    .filter(match)
    .reduce((s, f) => s + (f.requestsPerSecond ?? f.connectionsPerSecond ?? 0), 0);
}

function seriesNamed(r: TimeseriesReport, name: string): [number, number][] {
  const s = r.series.find((x) => x.name === name);
  expect(s, `series ${name} in ${JSON.stringify(r.series.map((x) => x.name))}`).toBeDefined();
  return s?.points ?? [];
}

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

describeWithBinaries(['prometheus', 'promtool'], 'getTimeseries on a real Prometheus with the demo mesh', () => {
  let prom: RunningBackend;
  let client: PrometheusClient;

  beforeAll(async () => {
    prom = await startDemoPrometheus(mesh, { start: ORIGIN, end: HISTORY_END, step: DEMO_STEP });
    client = createPrometheusClient(loadConfig({ PROMETHEUS_URL: prom.url }).prometheus);
  }, 120_000);

  afterAll(async () => {
    vi.unstubAllEnvs();
    await prom?.stop();
  });

  it('charts every caller of a passthrough host: httpbin.org from shop/frontend-v2 matches the oracle within 2%', async () => {
    const end = ORIGIN + 80 * 60;
    const subject: ChartSubject = { kind: 'host', destination: { to: 'external', status: 'passthrough', host: 'httpbin.org' } };
    const r = await getTimeseries({ client }, { subject, end, windowSeconds: HOUR });
    expect(r).toMatchObject({ step: 15, unit: 'requests/s', warnings: [] });
    expect(r.series.map((s) => s.name)).toEqual(['shop/frontend-v2']);
    const points = seriesNamed(r, 'shop/frontend-v2');
    expect(points).toHaveLength(241);

    // Both Host headers count: "httpbin.org" and "httpbin.org:8080".
    const match: FlowMatch = (f) => f.source.workload === 'frontend-v2' && f.destination.host === 'httpbin.org' && f.destination.status === 'passthrough';
    const range = rateRange(r.step);
    for (const [t, v] of points) expect(Math.abs(v / oracleRate(match, t, range) - 1)).toBeLessThan(0.02);
    const first = points[0]?.[0] ?? 0;
    const expected = oracleRate(match, end, end - first + range);
    expect(Math.abs(mean(points.map(([, v]) => v)) / expected - 1)).toBeLessThan(0.02);
  }, 30_000);

  it('charts the blocked TCP edge of data/cdc-connector from connections_closed', async () => {
    const end = ORIGIN + 60 * 60;
    const subject: ChartSubject = {
      kind: 'edge',
      source: { namespace: 'data', workload: 'cdc-connector' },
      protocol: 'tcp',
      destination: { to: 'external', status: 'blocked', host: null },
    };
    const r = await getTimeseries({ client }, { subject, end, windowSeconds: HOUR });
    expect(r.unit).toBe('connections/s');
    expect(r.series.map((s) => s.name)).toEqual(['connections/s']);
    const points = seriesNamed(r, 'connections/s');
    expect(points.length).toBeGreaterThan(200);
    const match: FlowMatch = (f) => f.source.workload === 'cdc-connector' && f.destination.status === 'blocked' && f.protocol === 'tcp';
    for (const [t, v] of points) expect(Math.abs(v / oracleRate(match, t, 60) - 1)).toBeLessThan(0.02);
  }, 30_000);

  it('shows api.ipify.org passthrough ending and blocked starting at the switch to REGISTRY_ONLY', async () => {
    const end = SWITCH + 30 * 60;
    const at = (status: 'passthrough' | 'blocked') =>
      getTimeseries({ client }, { subject: { kind: 'host', destination: { to: 'external', status, host: 'api.ipify.org' } }, end, windowSeconds: HOUR });
    const [passthrough, blocked] = await Promise.all([at('passthrough'), at('blocked')]);
    const range = rateRange(passthrough.step);
    const before = seriesNamed(passthrough, 'legacy/report-builder');
    const after = seriesNamed(blocked, 'legacy/report-builder');

    const lastBefore = before.at(-1)?.[0] ?? 0;
    const firstAfter = after[0]?.[0] ?? 0;
    expect(lastBefore).toBeGreaterThanOrEqual(SWITCH);
    expect(lastBefore).toBeLessThan(SWITCH + range);
    expect(firstAfter).toBeGreaterThan(SWITCH);
    expect(firstAfter).toBeLessThanOrEqual(SWITCH + range);
    expect(before[0]?.[0]).toBe(end - HOUR);
    expect(after.at(-1)?.[0]).toBe(end);
    // Steady 0.4/s on either side, away from the switch.
    for (const [t, v] of before) if (t <= SWITCH) expect(v).toBeCloseTo(0.4, 3);
    for (const [t, v] of after) if (t >= SWITCH + range) expect(v).toBeCloseTo(0.4, 3);
  }, 30_000);

  it('matches a hostile Host header literally, and a wildcard ServiceEntry host exactly', async () => {
    const end = ORIGIN + 60 * 60;
    const hostile = await getTimeseries({ client }, { subject: { kind: 'host', destination: { to: 'external', status: 'passthrough', host: DEMO_HOSTILE_HOST } }, end, windowSeconds: 600 });
    expect(hostile.series.map((s) => s.name)).toEqual(['legacy/cms-v1']);
    for (const [, v] of seriesNamed(hostile, 'legacy/cms-v1')) expect(v).toBeCloseTo(0.1, 4);

    // No protocol: the requests query is empty, so the TCP connections are shown.
    const wildcard = await getTimeseries({ client }, { subject: { kind: 'host', destination: { to: 'external', status: 'registered', host: '*.googleapis.com' } }, end, windowSeconds: 600 });
    expect(wildcard).toMatchObject({ unit: 'connections/s', warnings: [] });
    expect(wildcard.queries).toHaveLength(2);
    expect(wildcard.series.map((s) => s.name)).toEqual(['data/warehouse-loader', 'ml/model-trainer']);
    for (const [, v] of seriesNamed(wildcard, 'data/warehouse-loader')) expect(v).toBeCloseTo(0.4, 4);

    // A wildcard is not a regex: nothing else matches it.
    const literal = await getTimeseries({ client }, { subject: { kind: 'host', destination: { to: 'external', status: 'registered', host: '.*' } }, end, windowSeconds: 600 });
    expect(literal.series).toEqual([]);
  }, 30_000);

  it('charts every hostile demo host (control and bidi characters, 10 kB, upper-case Host headers) on a real Prometheus', async () => {
    const end = ORIGIN + 60 * 60;
    const cases = [
      ...DEMO_HOSTILE_PASSTHROUGH.map((h) => ({ h, status: 'passthrough' as const, caller: 'legacy/cms-v1' })),
      ...DEMO_HOSTILE_BLOCKED.map((h) => ({ h, status: 'blocked' as const, caller: 'data/etl-worker' })),
    ];
    for (const { h, status, caller } of cases) {
      const ts = await getTimeseries({ client }, { subject: { kind: 'host', destination: { to: 'external', status, host: h.host } }, end, windowSeconds: 600 });
      expect(ts.series.map((s) => s.name), `${status} ${h.key}`).toEqual([caller]);
      for (const [, v] of seriesNamed(ts, caller)) expect(v).toBeCloseTo(0.05, 4);
    }
  }, 60_000);

  it('charts the first hop to the egress gateway per response code', async () => {
    const end = ORIGIN + 60 * 60;
    const subject: ChartSubject = {
      kind: 'edge',
      source: { namespace: 'shop', workload: 'checkout-v1' },
      protocol: 'http',
      destination: { to: 'gateway', gateway: { namespace: 'istio-system', workload: 'istio-egressgateway' } },
    };
    const r = await getTimeseries({ client }, { subject, end, windowSeconds: 600 });
    expect(r.series.map((s) => s.name)).toEqual(['200']);
    const match: FlowMatch = (f) => f.source.workload === 'checkout-v1' && f.via?.workload === 'istio-egressgateway';
    for (const [t, v] of seriesNamed(r, '200')) expect(Math.abs(v / oracleRate(match, t, 60) - 1)).toBeLessThan(0.02);
  }, 30_000);

  it('answers GET /api/timeseries through the handler, and 400 on a bad parameter', async () => {
    vi.stubEnv('PROMETHEUS_URL', prom.url);
    const nowMs = (HISTORY_END + 60) * 1000;
    const ok = await handleTimeseries(new URLSearchParams({ kind: 'edge', status: 'passthrough', host: 'httpbin.org', protocol: 'http', source: 'shop/frontend-v2', end: String(ORIGIN + HOUR) }), nowMs);
    expect(ok.status).toBe(200);
    const body = ok.body as TimeseriesReport;
    expect(body).toMatchObject({ start: '2026-01-01T00:00:00.000Z', end: '2026-01-01T01:00:00.000Z', step: 15, unit: 'requests/s' });
    expect(body.series.map((s) => s.name)).toEqual(['200', '404']);
    expect(JSON.parse(JSON.stringify(body))).toEqual(body);

    // A malformed value is named before a missing parameter.
    const bad = await handleTimeseries(new URLSearchParams({ kind: 'edge', source: 'shop' }), nowMs);
    expect(bad).toEqual({ status: 400, body: { error: { code: 'bad-parameter', message: expect.stringMatching(/^source: "shop" is not namespace\/workload/) } } });
    const missing = await handleTimeseries(new URLSearchParams({ kind: 'edge', source: 'shop/web' }), nowMs);
    expect(missing).toEqual({ status: 400, body: { error: { code: 'bad-parameter', message: expect.stringMatching(/^status: required/) } } });
  }, 30_000);
});
