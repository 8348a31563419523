import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startPrometheus, type RunningBackend } from '../../tools/backends';
import { describeWithBinaries } from '../../testing/needs-binaries';
import { loadConfig } from '../config/env';
import { createPrometheusClient } from '../prometheus/client';
import { getEgressReport, type EgressDeps } from './report';

// ALLOW_ANY_DYNAMIC_DNS against a real Prometheus: a host named in both service labels without a namespace is passthrough
// when every proxy (istio_build{component="proxy"}) is 1.23 or newer, registered otherwise, and the operator can say which.
const START = 1767225600;
const END = START + 1800;
const WINDOW = 600;

const labels = (l: Record<string, string>) =>
  Object.entries(l)
    .map(([k, v]) => `${k}="${v}"`)
    .join(',');

/** Proxies of the given versions (istio_build, one gauge per pod) and one host-named series without a namespace, 2 requests/s. */
function history(tags: readonly string[]): string {
  const lines = ['# TYPE istio_build gauge'];
  const named = {
    reporter: 'source',
    source_workload: 'curl',
    source_workload_namespace: 'default',
    source_cluster: 'east',
    destination_service: 'api.dynamic.example',
    destination_service_name: 'api.dynamic.example',
    destination_service_namespace: 'unknown',
    destination_workload: 'unknown',
    destination_workload_namespace: 'unknown',
    request_protocol: 'http',
    response_code: '200',
    response_flags: '-',
    connection_security_policy: 'unknown',
  };
  for (let t = START; t <= END + 600; t += 15) tags.forEach((tag, i) => lines.push(`istio_build{component="proxy",tag="${tag}",pod="p${i}"} 1 ${t}`));
  lines.push('# TYPE istio_requests counter');
  for (let t = START; t <= END + 600; t += 15) lines.push(`istio_requests_total{${labels(named)}} ${(t - START) * 2} ${t}`);
  return `${lines.join('\n')}\n# EOF\n`;
}

async function startWith(tags: readonly string[]): Promise<{ prom: RunningBackend; dir: string }> {
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'egress-lens-outbound-'));
  fs.writeFileSync(path.join(dir, 'history.om'), history(tags));
  return { prom: await startPrometheus({ openMetricsFile: path.join(dir, 'history.om') }), dir };
}

describeWithBinaries(['prometheus', 'promtool'], 'a host named without a namespace, decided from proxy versions (real Prometheus)', () => {
  const started: { prom: RunningBackend; dir: string }[] = [];
  let recent: RunningBackend;
  let mixed: RunningBackend;

  beforeAll(async () => {
    started.push(await startWith(['1.31.0', '1.31.1']), await startWith(['1.31.0', '1.22.3']));
    recent = started[0]!.prom;
    mixed = started[1]!.prom;
  }, 90_000);

  afterAll(async () => {
    for (const s of started) {
      await s.prom.stop();
      await fs.promises.rm(s.dir, { recursive: true, force: true });
    }
  });

  const deps = (prom: RunningBackend, extra: Partial<EgressDeps> = {}): EgressDeps => ({
    client: createPrometheusClient(loadConfig({ PROMETHEUS_URL: prom.url }).prometheus),
    gatewayWorkloads: 'istio-egressgateway.*',
    topHostsPerStatus: 100,
    ...extra,
  });
  const q = { end: END, windowSeconds: WINDOW, namespaces: [] };

  it('every proxy 1.31: passthrough through the dynamic forward proxy, with the rule and the hosts in the answer', async () => {
    const report = await getEgressReport(deps(recent), q);
    expect(report.flows.map((f) => [f.destination.host, f.destination.status, f.dataPlane, f.source.cluster])).toEqual([['api.dynamic.example', 'passthrough', 'sidecar', 'east']]);
    expect(report.flows[0]?.requestsPerSecond).toBeCloseTo(2, 6);
    expect(report.outboundMode).toMatchObject({ decidedBy: 'proxy-versions', hostNamedWithoutNamespace: 'passthrough', proxyVersions: ['1.31.0', '1.31.1'], hosts: 1 });
    expect(report.warnings.join('\n')).toMatch(/1 host is named without a namespace \(api\.dynamic\.example\), read as passthrough/);
  }, 30_000);

  it('an older proxy: a ServiceEntry before 1.23 (registered), never invisible', async () => {
    const report = await getEgressReport(deps(mixed), q);
    expect(report.flows.map((f) => [f.destination.host, f.destination.status])).toEqual([['api.dynamic.example', 'registered']]);
    expect(report.outboundMode).toMatchObject({ decidedBy: 'proxy-versions', hostNamedWithoutNamespace: 'registered', hosts: 1 });
    expect(report.outboundMode?.reason).toContain('1.22.3');
  }, 30_000);

  it('ISTIO_OUTBOUND_MODE overrides the versions', async () => {
    const report = await getEgressReport(deps(mixed, { outboundMode: 'ALLOW_ANY_DYNAMIC_DNS' }), q);
    expect(report.flows.map((f) => f.destination.status)).toEqual(['passthrough']);
    expect(report.outboundMode).toMatchObject({ decidedBy: 'configuration', setting: 'ALLOW_ANY_DYNAMIC_DNS' });
  }, 30_000);
});
