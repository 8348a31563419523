import { afterAll, beforeAll, expect, it } from 'vitest';
import { startCounterExporter, type CounterExporter } from './counter-exporter';
import { describeWithBinaries } from './needs-binaries';
import { startPrometheus } from './prometheus';
import { queryValues } from './test-fixtures';
import type { RunningBackend } from './types';
import { forceFlush, remoteWriteUrlOf, startVictoriaMetrics } from './victoria-metrics';

// A per-cluster Prometheus scraping an exporter and remote-writing into one VictoriaMetrics.
describeWithBinaries(['prometheus', 'victoria-metrics'], 'startPrometheus remote-writes what it scrapes into startVictoriaMetrics (real processes)', () => {
  let vm: RunningBackend;
  let prom: RunningBackend;
  let exporter: CounterExporter;

  beforeAll(async () => {
    vm = await startVictoriaMetrics({});
    exporter = await startCounterExporter([{ name: 'rw_requests_total', labels: { source_workload: 'a' }, perSecond: 3 }]);
    prom = await startPrometheus({ scrapeTargets: [exporter.target], scrapeIntervalSeconds: 1, remoteWriteUrl: remoteWriteUrlOf(vm.url), externalLabels: { cluster: 'east' } });
  }, 60_000);

  afterAll(async () => {
    await Promise.all([prom?.stop(), vm?.stop(), exporter?.close()]);
  });

  it('the series arrive in VictoriaMetrics with the external label, and rate() there is the exporter rate', async () => {
    const deadline = Date.now() + 30_000;
    let values: number[] = [];
    // Enough samples for a 5 s rate: poll, flushing each time, until the window is covered.
    while (Date.now() < deadline) {
      await forceFlush(vm.url);
      values = await queryValues(vm.url, 'count_over_time(rw_requests_total{cluster="east",source_workload="a",job="istio-demo"}[10s])');
      if ((values[0] ?? 0) >= 6) break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    expect(values[0], 'samples of rw_requests_total{cluster="east"} in VictoriaMetrics over the last 10 s').toBeGreaterThanOrEqual(6);
    const [rate] = await queryValues(vm.url, 'rate(rw_requests_total{cluster="east"}[5s])');
    expect(rate).toBeGreaterThan(3 * 0.8);
    expect(rate).toBeLessThan(3 * 1.2);
  }, 40_000);
});
