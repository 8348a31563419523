import { afterAll, beforeAll, expect, it } from 'vitest';
import { type RunningBackend } from '../../tools/backends';
import { loadConfig } from '../config/env';
import { createDemoMesh, expectedFlows, scaleHost, startDemoPrometheus } from '../../tools/demo';
import { createPrometheusClient } from '../prometheus/client';
import { flowRate } from './flow-math';
import { getEgressReport } from './report';
import type { EgressFlow } from './types';
import { describeWithBinaries } from '../../testing/needs-binaries';

// The cardinality guard against a real Prometheus: 1,200 distinct passthrough hosts.
const ORIGIN = 1767225600;
const END = ORIGIN + 12 * 60;
const SCALE = { workloads: 60, hosts: 1200 };

describeWithBinaries(['prometheus', 'promtool'], 'getEgressReport on a real Prometheus with many hosts', () => {
  let prom: RunningBackend;

  beforeAll(async () => {
    prom = await startDemoPrometheus(createDemoMesh({ origin: ORIGIN, scale: SCALE }), { start: ORIGIN, end: END + 300, step: 30 });
  }, 60_000);

  afterAll(async () => {
    await prom?.stop();
  });

  it('keeps the top K passthrough hosts and sums the others per source, preserving the total rate', async () => {
    const client = createPrometheusClient(loadConfig({ PROMETHEUS_URL: prom.url }).prometheus);
    const deps = { client, gatewayWorkloads: 'istio-egressgateway.*', topHostsPerStatus: 50 };
    const report = await getEgressReport(deps, { end: END, windowSeconds: 300, namespaces: [] });

    const passthrough = report.flows.filter((f) => f.destination.status === 'passthrough');
    const named = new Set(passthrough.filter((f) => f.destination.host !== null).map((f) => f.destination.host));
    expect(named.size).toBe(50);
    const others = passthrough.filter((f) => f.destination.otherHosts !== undefined);
    expect(others.length).toBeGreaterThan(0);
    const scaleHosts = new Set(Array.from({ length: SCALE.hosts }, (_, i) => scaleHost(i)));
    const keptScaleHosts = [...named].filter((h) => h !== null && scaleHosts.has(h)).length;
    const folded = others.reduce((n, f) => n + (f.destination.otherHosts ?? 0), 0);
    expect(folded).toBeGreaterThanOrEqual(SCALE.hosts - keptScaleHosts);
    expect(report.warnings.join('\n')).toMatch(/distinct passthrough hosts in this window: showing the top 50/);

    // Nothing is lost: the guarded total equals the oracle's total.
    const expected = expectedFlows(createDemoMesh({ origin: ORIGIN, scale: SCALE }), { end: END, window: 300 });
    const total = (flows: readonly EgressFlow[]) => flows.reduce((s, f) => s + flowRate(f), 0);
    expect(total(report.flows)).toBeCloseTo(total(expected), 3);
  }, 30_000);
});
