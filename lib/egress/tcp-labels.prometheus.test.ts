import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startPrometheus, type RunningBackend } from '../../tools/backends';
import { loadConfig } from '../config/env';
import { createPrometheusClient } from '../prometheus/client';
import { getEgressReport } from './report';
import { describeWithBinaries } from '../../testing/needs-binaries';

// TLS passthrough with the labels the readiness page's Telemetry adds (destination_sni, destination_address).
const START = 1767225600;
const LABELS = (sni: string, address: string) =>
  `reporter="source",source_workload="cart-v1",source_workload_namespace="shop",destination_workload="unknown",destination_workload_namespace="unknown",destination_service="unknown",destination_service_name="PassthroughCluster",destination_service_namespace="unknown",request_protocol="tcp",response_flags="-",destination_sni="${sni}",destination_address="${address}"`;

function history(): string {
  const lines = ['# TYPE istio_tcp_connections_opened counter'];
  for (const [sni, address, rate] of [['api.github.com', '140.82.112.5:443', 2], ['unknown', '203.0.113.7:5432', 1]] as const) {
    for (let t = START; t <= START + 1800; t += 15) lines.push(`istio_tcp_connections_opened_total{${LABELS(sni, address)}} ${(t - START) * rate} ${t}`);
  }
  return `${lines.join('\n')}\n# EOF\n`;
}

describeWithBinaries(['prometheus', 'promtool'], 'TLS/TCP destinations from Telemetry labels, on a real Prometheus', () => {
  let prom: RunningBackend;
  let dir: string;

  beforeAll(async () => {
    dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'egress-lens-tcp-labels-'));
    fs.writeFileSync(path.join(dir, 'history.om'), history());
    prom = await startPrometheus({ openMetricsFile: path.join(dir, 'history.om') });
  }, 60_000);

  afterAll(async () => {
    await prom?.stop();
    await fs.promises.rm(dir, { recursive: true, force: true });
  });

  it('gives TLS/TCP passthrough its SNI or upstream address as host when configured, and none otherwise', async () => {
    const config = loadConfig({ PROMETHEUS_URL: prom.url, EGRESS_TCP_SNI_LABEL: 'destination_sni', EGRESS_TCP_ADDRESS_LABEL: 'destination_address' });
    const deps = { client: createPrometheusClient(config.prometheus), gatewayWorkloads: config.egressGatewayWorkloads, topHostsPerStatus: 100, tcpDestinationLabels: config.tcpDestinationLabels };
    const q = { end: START + 1200, windowSeconds: 600, namespaces: [] };
    const named = await getEgressReport(deps, q);
    expect(named.flows.map((f) => [f.destination.host, f.destination.ports ?? null, f.protocol])).toEqual([
      ['203.0.113.7', [5432], 'tcp'],
      ['api.github.com', null, 'tcp'],
    ]);
    expect(named.flows.find((f) => f.destination.host === 'api.github.com')?.connectionsPerSecond).toBeCloseTo(2, 3);

    const plain = await getEgressReport({ ...deps, tcpDestinationLabels: undefined }, q);
    expect(plain.flows.map((f) => f.destination.host)).toEqual([null]);
    expect(plain.flows[0]?.connectionsPerSecond).toBeCloseTo(3, 3);
  }, 30_000);
});
