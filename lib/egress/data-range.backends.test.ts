import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startPrometheus, startVictoriaMetrics, type RunningBackend } from '../../tools/backends';
import { describeWithBinaries } from '../../testing/needs-binaries';
import { buildHistory, makeTempDir, writeJsonLines, type History } from '../../testing/backend-history';
import { loadConfig } from '../config/env';
import { createPrometheusClient } from '../prometheus/client';
import { findIstioDataRange } from './data-range';

const H = 3600;
const LABELS = { __name__: 'istio_requests_total', reporter: 'source', source_workload: 'checkout', destination_service: 'pastebin.com' };

/** OpenMetrics of one Istio request counter over `history` (for promtool). */
function writeIstioOpenMetrics(dir: string, history: History, name: string): string {
  const labels = Object.entries(LABELS)
    .filter(([k]) => k !== '__name__')
    .map(([k, v]) => `${k}="${v}"`)
    .join(',');
  const lines = ['# TYPE istio_requests counter', ...history.timestamps.map((t, i) => `istio_requests_total{${labels}} ${i} ${t}`), '# EOF'];
  const file = path.join(dir, `${name}.om`);
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

// Under CI a missing binary fails these tests (the launchers say what to install) instead of skipping them.

describeWithBinaries(['prometheus', 'promtool', 'victoria-metrics'], 'findIstioDataRange on real Prometheus and VictoriaMetrics', () => {
  const now = Math.floor(Date.now() / 1000);
  // Istio metrics from 20 h ago until 6 h ago, then nothing.
  const history = buildHistory(now, -6 * H, 14 * H);
  // Istio metrics from 3 h ago, backfilled an hour ahead (as the e2e demo is): younger than a coarse step.
  const recent = buildHistory(now, H, 4 * H);
  const tmp = makeTempDir('data-range');
  const backends: { name: string; data: 'ended' | 'recent'; backend: RunningBackend }[] = [];
  const empty: RunningBackend[] = [];

  beforeAll(async () => {
    const jsonLines = (h: History, name: string) => {
      const dir = path.join(tmp, name);
      fs.mkdirSync(dir);
      return writeJsonLines(dir, [{ labels: LABELS, history: h }]);
    };
    const [prom, vm, promRecent, vmRecent, vmEmpty] = await Promise.all([
      startPrometheus({ openMetricsFile: writeIstioOpenMetrics(tmp, history, 'ended') }),
      startVictoriaMetrics({ jsonLinesFile: jsonLines(history, 'ended') }),
      startPrometheus({ openMetricsFile: writeIstioOpenMetrics(tmp, recent, 'recent') }),
      startVictoriaMetrics({ jsonLinesFile: jsonLines(recent, 'recent') }),
      startVictoriaMetrics({}),
    ]);
    backends.push(
      { name: 'prometheus', data: 'ended', backend: prom },
      { name: 'victoria-metrics', data: 'ended', backend: vm },
      { name: 'prometheus', data: 'recent', backend: promRecent },
      { name: 'victoria-metrics', data: 'recent', backend: vmRecent },
    );
    empty.push(vmEmpty);
  }, 90_000);

  afterAll(async () => {
    await Promise.all([...backends.map((b) => b.backend.stop()), ...empty.map((b) => b.stop())]);
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  for (const name of ['prometheus', 'victoria-metrics']) {
    it(`${name}: finds where the Istio metrics start and end, to within the lookback`, async () => {
      const { backend } = backends.find((b) => b.name === name && b.data === 'ended')!;
      const client = createPrometheusClient(loadConfig({ PROMETHEUS_URL: backend.url }).prometheus);
      const range = await findIstioDataRange(client, now);
      expect(range.earlier).toBe(false);
      expect(range.first).not.toBeNull();
      expect(range.last).not.toBeNull();
      // The first point with data is at or just after the first sample (one fine step).
      expect(range.first! - history.start).toBeGreaterThanOrEqual(-60);
      expect(range.first! - history.start).toBeLessThanOrEqual(120);
      // The last is the last sample plus at most the lookback (5 min on Prometheus) and a step.
      expect(range.last! - history.end).toBeGreaterThanOrEqual(-60);
      expect(range.last! - history.end).toBeLessThanOrEqual(6 * 60);
    }, 30_000);

    it(`${name}: finds Istio metrics younger than a coarse step, running to now`, async () => {
      const { backend } = backends.find((b) => b.name === name && b.data === 'recent')!;
      const client = createPrometheusClient(loadConfig({ PROMETHEUS_URL: backend.url }).prometheus);
      const range = await findIstioDataRange(client, now);
      expect(range.first! - recent.start).toBeGreaterThanOrEqual(-60);
      expect(range.first! - recent.start).toBeLessThanOrEqual(120);
      expect(now - range.last!).toBeLessThanOrEqual(120);
    }, 30_000);
  }

  it('says there are none in a backend without Istio metrics', async () => {
    const client = createPrometheusClient(loadConfig({ PROMETHEUS_URL: empty[0]!.url }).prometheus);
    expect(await findIstioDataRange(client, now)).toEqual({ first: null, last: null, earlier: false });
  });
});
