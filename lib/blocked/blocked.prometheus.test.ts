import { afterAll, beforeAll, expect, it } from 'vitest';
import { type RunningBackend } from '../../tools/backends';
import { loadConfig } from '../config/env';
import { createDemoMesh, DEMO_STEP, expectedFlows, startDemoPrometheus } from '../../tools/demo';
import { createPrometheusClient } from '../prometheus/client';
import { getBlockedReport } from './blocked';
import { describeWithBinaries } from '../../testing/needs-binaries';

const ORIGIN = 1767225600;
const MIN = 60;

describeWithBinaries(['prometheus', 'promtool'], 'getBlockedReport on a real Prometheus (demo mesh)', () => {
  let prom: RunningBackend;
  const mesh = createDemoMesh({ origin: ORIGIN });

  beforeAll(async () => {
    prom = await startDemoPrometheus(mesh, { start: ORIGIN, end: ORIGIN + 180 * MIN, step: DEMO_STEP });
  }, 60_000);

  afterAll(async () => {
    await prom?.stop();
  });

  it('counts every blocked attempt of the window (increase), with first/last seen and what is new', async () => {
    const end = ORIGIN + 150 * MIN;
    const window = 60 * MIN;
    const client = createPrometheusClient(loadConfig({ PROMETHEUS_URL: prom.url }).prometheus);
    const report = await getBlockedReport({ client }, end, window);

    const expected = expectedFlows(mesh, { end, window }).filter((f) => f.destination.status === 'blocked');
    expect(report.attempts.map((a) => [a.source.workload, a.host, a.protocol]).sort()).toEqual(
      expected.map((f) => [f.source.workload, f.destination.host, f.protocol]).sort(),
    );
    for (const f of expected) {
      const a = report.attempts.find((x) => x.source.workload === f.source.workload && x.host === f.destination.host)!;
      const count = ((f.requestsPerSecond ?? 0) + (f.connectionsPerSecond ?? 0)) * window;
      expect(a.attempts).toBeGreaterThan(count * 0.98);
      expect(a.attempts).toBeLessThan(count * 1.02);
      expect(a.trend.some((v) => v > 0)).toBe(true);
    }
    // api.ipify.org switched to blocked at +2h: new in this window, first seen at the switch.
    const ipify = report.attempts.find((a) => a.host === 'api.ipify.org')!;
    expect(ipify.isNew).toBe(true);
    expect(Date.parse(ipify.firstSeen!) / 1000 - mesh.events.switchToBlockedAt).toBeLessThanOrEqual(report.step);
    expect(Date.parse(ipify.firstSeen!) / 1000).toBeGreaterThanOrEqual(mesh.events.switchToBlockedAt);
    // pastebin.com was already blocked in the hour before.
    expect(report.attempts.find((a) => a.host === 'pastebin.com')?.isNew).toBe(false);
    // Blocked TCP has no host in the metrics.
    expect(report.attempts.find((a) => a.protocol === 'tcp')).toMatchObject({ host: null, source: { workload: 'cdc-connector' } });
  }, 30_000);
});
