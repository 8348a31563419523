import { afterAll, beforeAll, expect, it } from 'vitest';
import type { RunningBackend } from '../../tools/backends';
import { describeWithBinaries } from '../../testing/needs-binaries';
import { loadConfig } from '../config/env';
import { createDemoMesh, DEMO_STEP, demoSeries, startDemoPrometheus, type DemoMesh } from '../../tools/demo';
import { createPrometheusClient, type PrometheusClient } from '../prometheus/client';
import { getBlockedReport, type BlockedAttempt, type BlockedReport } from './blocked';

// The blocked-egress trend against a real Prometheus over a week of backfilled
// blocked attempts that go on up to `end`: the trend must cover exactly the
// window, end at `end`, and read what Prometheus reads at each step.
const MIN = 60;
const HOUR = 3600;
const DAY = 86400;
const ORIGIN = 1767225600;
const full = createDemoMesh({ origin: ORIGIN });
/** Only the blocked traffic of the demo (HTTP to pastebin.com, to api.ipify.org from +2h, TCP), so a week of history stays small. */
const BLOCKED_IDS = new Set(['etl-pastebin', 'report-ipify-blocked', 'cdc-blocked-tcp']);
const mesh: DemoMesh = { ...full, traffic: [...full.traffic].filter((t) => BLOCKED_IDS.has(t.id)) };
const HISTORY_END = ORIGIN + 7 * DAY + 4 * HOUR;
/** Off every step and off the 15 s scrape grid. */
const END = ORIGIN + 7 * DAY + 3 * HOUR + 17 * MIN + 37;
const SWITCH = mesh.events.switchToBlockedAt;

/** What the counters of a blocked destination really grew by over (a, b]. */
function oracle(match: (labels: Readonly<Record<string, string>>) => boolean, a: number, b: number): number {
  let sum = 0;
  for (const s of demoSeries(mesh)) if (match(s.labels)) sum += s.valueAt(b) - s.valueAt(a);
  return sum;
}

const ROWS: { name: string; pick: (a: BlockedAttempt) => boolean; match: (l: Readonly<Record<string, string>>) => boolean }[] = [
  { name: 'HTTP to pastebin.com', pick: (a) => a.host === 'pastebin.com', match: (l) => l.destination_service === 'pastebin.com' },
  { name: 'HTTP to api.ipify.org', pick: (a) => a.host === 'api.ipify.org', match: (l) => l.destination_service === 'api.ipify.org' && l.destination_service_name === 'BlackHoleCluster' },
  { name: 'TCP from cdc-connector', pick: (a) => a.protocol === 'tcp', match: (l) => l.source_workload === 'cdc-connector' && l.destination_service_name === 'BlackHoleCluster' },
];

// Under CI a missing binary fails the suite (startPrometheus throws the install hint) instead of skipping it.
describeWithBinaries(['prometheus', 'promtool'], 'blocked-egress trend on a real Prometheus (a week of attempts up to end)', () => {
  let prom: RunningBackend;
  let client: PrometheusClient;

  beforeAll(async () => {
    prom = await startDemoPrometheus(mesh, { start: ORIGIN, end: HISTORY_END, step: DEMO_STEP }, { backfillMaxBlockDuration: '192h' });
    client = createPrometheusClient(loadConfig({ PROMETHEUS_URL: prom.url }).prometheus);
  }, 120_000);

  afterAll(async () => {
    await prom?.stop();
  });

  it.each([
    ['1h', HOUR],
    ['6h', 6 * HOUR],
    ['1d', DAY],
    ['7d', 7 * DAY],
  ])('%s: the trend covers exactly the window, its last points are non-zero, each step is what Prometheus reads there', async (_name, window) => {
    const report: BlockedReport = await getBlockedReport({ client }, END, window);
    const slots = window / report.step;
    expect(Number.isInteger(slots)).toBe(true);
    expect(Date.parse(report.start) / 1000).toBe(END - window);
    expect(Date.parse(report.end) / 1000).toBe(END);
    const slotEnd = (i: number) => END - window + (i + 1) * report.step;
    for (const row of ROWS) {
      const a = report.attempts.find(row.pick);
      expect(a, row.name).toBeDefined();
      if (!a) continue;
      expect(a.trend, row.name).toHaveLength(slots);
      // Attempts go on up to end: so does the line, and lastSeen is end.
      for (const v of a.trend.slice(-3)) expect(v, `${row.name}: last points ${a.trend.slice(-3).join(', ')}`).toBeGreaterThan(0);
      expect(Date.parse(a.lastSeen ?? '') / 1000, row.name).toBe(END);
      // The steps add up to the window's increase() and follow the counters step by step.
      const sum = a.trend.reduce((x, y) => x + y, 0);
      expect(Math.abs(sum / a.attempts - 1), `${row.name}: trend sum ${sum} vs ${a.attempts}`).toBeLessThan(0.02);
      a.trend.forEach((v, i) => {
        const want = oracle(row.match, slotEnd(i) - report.step, slotEnd(i));
        if (want > 0) expect(Math.abs(v / want - 1), `${row.name}: step ${i} reads ${v}, counters grew by ${want}`).toBeLessThan(0.03);
      });
    }
    // Each slot holds the point Prometheus evaluates at its end: the first and the last, by instant queries.
    for (const i of [0, slots - 1]) {
      const answer = await client.instantQuery(report.queries.trend, slotEnd(i));
      const pastebin = answer.samples.filter((s) => s.labels.destination_service === 'pastebin.com').reduce((x, s) => x + s.value, 0);
      expect(report.attempts.find((x) => x.host === 'pastebin.com')?.trend[i]).toBeCloseTo(pastebin, 2);
    }
  }, 30_000);

  it('first seen is the first step with attempts: api.ipify.org, blocked from +2h, in a 6h window ending at +5h07m37s', async () => {
    const end = ORIGIN + 5 * HOUR + 7 * MIN + 37;
    const report = await getBlockedReport({ client }, end, 6 * HOUR);
    const ipify = report.attempts.find((a) => a.host === 'api.ipify.org');
    const first = Date.parse(ipify?.firstSeen ?? '') / 1000;
    expect(first).toBeGreaterThan(SWITCH);
    expect(first - SWITCH).toBeLessThanOrEqual(report.step);
    expect(Date.parse(ipify?.lastSeen ?? '') / 1000).toBe(end);
    // Before the switch its steps are empty, from the first one on they are not.
    const firstIdx = ipify?.trend.findIndex((v) => v > 0) ?? -1;
    expect(ipify?.trend.slice(0, firstIdx).every((v) => v === 0)).toBe(true);
    expect(ipify?.trend.slice(firstIdx).every((v) => v > 0)).toBe(true);
  }, 30_000);
});
