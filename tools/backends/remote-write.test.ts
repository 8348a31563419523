import { afterAll, beforeAll, expect, it } from 'vitest';
import { startCounterExporter, type CounterExporter } from './counter-exporter';
import { describeWithBinaries } from '../../testing/needs-binaries';
import { startPrometheus } from './prometheus';
import { pidExists, queryValues } from '../../testing/backend-history';
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
    // The writer first, then the store it writes to.
    await prom?.stop();
    await Promise.all([vm?.stop(), exporter?.close()]);
  }, 30_000);

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

  it('stop() returns well before the SIGKILL fallback even when the store it writes to is gone', async () => {
    await vm.stop();
    await new Promise((resolve) => setTimeout(resolve, 1_500)); // a batch or two now fail to send
    const t0 = Date.now();
    await prom.stop();
    // STOP_TIMEOUT_MS is 10 s; without a short flush deadline Prometheus holds on to unsent samples for a minute.
    expect(Date.now() - t0).toBeLessThan(8_000);
    expect(pidExists(prom.pid)).toBe(false);
  }, 30_000);
});
