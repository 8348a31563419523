import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startPrometheus, type RunningBackend } from '../../tools/backends';
import { loadConfig } from '../config/env';
import { formatLabels } from '../../tools/demo/format';
import { createPrometheusClient, type PrometheusClient } from '../prometheus/client';
import { matcher, selector } from '../prometheus/promql';
import { observedHostPattern, parseObservedHost } from './host';
import { getEgressReport } from './report';
import { getTimeseries } from './timeseries';
import { describeWithBinaries } from '../../testing/needs-binaries';

// The one host normalisation against Prometheus's own RE2: for every raw
// Host header below, the chart of the host the flows report selects exactly
// the raw values reported as that host.
const START = 1767225600;
const RAW = [
  '\t=1+1',
  '=1+1',
  '=1+1.:8080',
  'HTTPBIN.org.',
  'httpbin.org:80',
  ' httpbin.org\r\n',
  'httpbin.org..',
  'kiosk.test',
  'KIOSK.TEST',
  '\u212aiosk.test',
  'stripe.com',
  '\u017ftripe.com',
  '[2001:DB8::1]:443',
  '2001:db8::1',
  'x:80:80',
  'x:80.',
  'x:80',
  'ÉTÉ.test',
  'été.test',
  '\u00a0nbsp.test',
  'a|b',
  'a',
  'a.b*c',
  'aXbbbc',
];

function history(): string {
  const lines = ['# TYPE istio_requests counter'];
  RAW.forEach((raw, i) => {
    const labels = {
      reporter: 'source',
      source_workload: `w${i}`,
      source_workload_namespace: 'forged',
      destination_workload: 'unknown',
      destination_service: raw,
      destination_service_name: 'PassthroughCluster',
      request_protocol: 'http',
      response_code: '200',
      response_flags: '-',
    };
    for (let t = START; t <= START + 1800; t += 15) lines.push(`istio_requests_total${formatLabels(labels)} ${t - START} ${t}`);
  });
  return `${lines.join('\n')}\n# EOF\n`;
}

describeWithBinaries(['prometheus', 'promtool'], 'host normalisation and chart selectors on a real Prometheus', () => {
  let prom: RunningBackend;
  let client: PrometheusClient;
  let dir: string;

  beforeAll(async () => {
    dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'egress-lens-hosts-'));
    fs.writeFileSync(path.join(dir, 'history.om'), history());
    prom = await startPrometheus({ openMetricsFile: path.join(dir, 'history.om') });
    client = createPrometheusClient(loadConfig({ PROMETHEUS_URL: prom.url }).prometheus);
  }, 60_000);

  afterAll(async () => {
    await prom?.stop();
    if (dir) await fs.promises.rm(dir, { recursive: true, force: true });
  });

  it('selects, for every reported host, exactly the raw values reported as it', async () => {
    const hosts = new Set(RAW.map((r) => parseObservedHost(r)?.host).filter((h): h is string => h !== undefined));
    expect(hosts).toContain('=1+1');
    for (const host of hosts) {
      const q = `istio_requests_total${selector([matcher('destination_service', '=~', observedHostPattern(host))])}`;
      const { samples } = await client.instantQuery(q, START + 600);
      const selected = samples.map((s) => s.labels.destination_service).sort();
      expect(selected, JSON.stringify(host)).toEqual(RAW.filter((r) => parseObservedHost(r)?.host === host).sort());
    }
  }, 30_000);

  it('charts the host a tab-prefixed Host header is reported as, with every caller', async () => {
    const deps = { client, gatewayWorkloads: 'istio-egressgateway', topHostsPerStatus: 100 };
    const report = await getEgressReport(deps, { end: START + 600, windowSeconds: 300, namespaces: [] });
    const callers = report.flows.filter((f) => f.destination.host === '=1+1').map((f) => f.source.workload);
    expect(callers.sort()).toEqual(['w0', 'w1', 'w2']);
    const chart = await getTimeseries({ client }, { subject: { kind: 'host', destination: { to: 'external', status: 'passthrough', host: '=1+1' } }, end: START + 600, windowSeconds: 300 });
    expect(chart.series.map((s) => s.name)).toEqual(['forged/w0', 'forged/w1', 'forged/w2']);
    for (const s of chart.series) expect(s.points.every(([, v]) => Math.abs(v - 1) < 1e-9)).toBe(true);
  }, 30_000);
});
