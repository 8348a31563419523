import { describe, expect, it } from 'vitest';
import { MEASURE_LABEL } from '../prometheus/queries';
import type { Sample } from '../prometheus/types';
import { gatewayMatcher } from './classify';
import { buildEgressFlows, FlowAccumulator } from './flows';
import { guardFlows, limitHosts } from './guard';
import { hostIdOf } from './host-id';

const isGateway = gatewayMatcher('istio-egressgateway.*');

function s(labels: Record<string, string>, value: number): Sample {
  return {
    labels: {
      reporter: 'source',
      source_workload_namespace: 'shop',
      source_workload: 'checkout-v1',
      destination_workload: 'unknown',
      destination_workload_namespace: 'unknown',
      destination_service_namespace: 'unknown',
      request_protocol: 'http',
      response_flags: '-',
      ...labels,
    },
    value,
  };
}

const pass = { destination_service_name: 'PassthroughCluster' };
const hole = { destination_service_name: 'BlackHoleCluster' };

describe('buildEgressFlows', () => {
  it('merges a host with and without a port into one flow, keeping ports as data', () => {
    const { flows } = buildEgressFlows(
      {
        http: [
          s({ ...pass, destination_service: 'httpbin.org', response_code: '200' }, 1),
          s({ ...pass, destination_service: 'httpbin.org:8080', response_code: '200' }, 0.5),
          s({ ...pass, destination_service: 'httpbin.org:8080', response_code: '503' }, 0.25),
        ],
        tcp: [],
      },
      { isGateway },
    );
    expect(flows).toEqual([
      {
        source: { namespace: 'shop', workload: 'checkout-v1' },
        destination: { host: 'httpbin.org', hostId: hostIdOf('httpbin.org'), status: 'passthrough', ports: [8080] },
        protocol: 'http',
        dataPlane: 'sidecar',
        requestsPerSecond: 1.75,
        responses: { '200': 1.5, '503': 0.25 },
      },
    ]);
  });

  it('keeps passthrough and blocked flows of the same host apart', () => {
    const { flows } = buildEgressFlows(
      { http: [s({ ...pass, destination_service: 'x.test', response_code: '200' }, 1), s({ ...hole, destination_service: 'x.test', response_code: '502' }, 2)], tcp: [] },
      { isGateway },
    );
    expect(flows.map((f) => [f.destination.status, f.requestsPerSecond])).toEqual([
      ['blocked', 2],
      ['passthrough', 1],
    ]);
  });

  it('builds TCP flows from tagged measures: bytes sent + received, connections and closed-by-flag', () => {
    const tcp = { request_protocol: 'tcp', destination_service: 'unknown' };
    const { flows } = buildEgressFlows(
      {
        http: [],
        tcp: [
          s({ ...pass, ...tcp, egress_lens_measure: 'sent' }, 1024),
          s({ ...pass, ...tcp, egress_lens_measure: 'received' }, 1024),
          s({ ...pass, ...tcp, egress_lens_measure: 'connections' }, 0.2),
          s({ ...pass, ...tcp, egress_lens_measure: 'closed', response_flags: '-' }, 0.2),
          s({ ...hole, ...tcp, egress_lens_measure: 'connections' }, 0.1),
          s({ ...hole, ...tcp, egress_lens_measure: 'closed', response_flags: 'UH' }, 0.1),
        ],
      },
      { isGateway },
    );
    expect(flows).toEqual([
      { source: { namespace: 'shop', workload: 'checkout-v1' }, destination: { host: null, status: 'blocked' }, protocol: 'tcp', dataPlane: 'sidecar', responseFlags: { UH: 0.1 }, connectionsPerSecond: 0.1 },
      { source: { namespace: 'shop', workload: 'checkout-v1' }, destination: { host: null, status: 'passthrough' }, protocol: 'tcp', dataPlane: 'sidecar', connectionsPerSecond: 0.2, bytesPerSecond: 2048 },
    ]);
  });

  it('turns the first gateway hop into a registered flow via the gateway', () => {
    const { flows } = buildEgressFlows(
      {
        http: [
          s(
            {
              destination_service: 'istio-egressgateway.istio-system.svc.cluster.local',
              destination_service_name: 'istio-egressgateway',
              destination_workload: 'istio-egressgateway',
              destination_workload_namespace: 'istio-system',
              response_code: '200',
            },
            3,
          ),
        ],
        tcp: [],
      },
      { isGateway },
    );
    expect(flows[0]).toMatchObject({ destination: { host: null, status: 'registered' }, via: { namespace: 'istio-system', workload: 'istio-egressgateway' }, requestsPerSecond: 3 });
  });

  it('drops what is not egress and warns about unusable values', () => {
    const { flows, warnings } = buildEgressFlows(
      {
        http: [
          s({ ...pass, destination_service: '10.244.1.7:8080', destination_workload: 'legacy-api', response_code: '200' }, 1),
          s({ ...pass, source_workload: 'unknown', destination_service: 'x.test', response_code: '200' }, 1),
          s({ ...pass, destination_service: 'y.test', response_code: '200' }, Number.NaN),
        ],
        tcp: [],
      },
      { isGateway },
    );
    expect(flows).toEqual([]);
    expect(warnings).toEqual(['1 series had unusable values (not a finite rate) and were ignored.']);
  });

  it('records response flags other than "-"', () => {
    const { flows } = buildEgressFlows({ http: [s({ ...pass, destination_service: 'a.test', response_code: '503', response_flags: 'UF,URX' }, 1)], tcp: [] }, { isGateway });
    expect(flows[0]?.responseFlags).toEqual({ 'UF,URX': 1 });
  });
});

describe('limitHosts', () => {
  const many = Array.from({ length: 10 }, (_, i) => s({ ...pass, destination_service: `h${i}.test`, response_code: '200' }, i + 1));

  it('keeps everything under the limit', () => {
    const { flows } = buildEgressFlows({ http: many, tcp: [] }, { isGateway });
    expect(limitHosts(flows, 10)).toEqual({ flows, warnings: [] });
  });

  it('keeps the top K hosts by rate and sums the rest per source into "other hosts"', () => {
    const { flows } = buildEgressFlows({ http: many, tcp: [] }, { isGateway });
    const r = limitHosts(flows, 3);
    const hosts = r.flows.map((f) => f.destination.host);
    expect(hosts).toEqual(['h7.test', 'h8.test', 'h9.test', null]);
    const other = r.flows.at(-1);
    expect(other?.destination).toEqual({ host: null, status: 'passthrough', otherHosts: 7 });
    expect(other?.requestsPerSecond).toBe(1 + 2 + 3 + 4 + 5 + 6 + 7);
    expect(other?.responses).toEqual({ '200': 28 });
    expect(r.warnings).toEqual(['10 distinct passthrough hosts in this window: showing the top 3 by rate; the other 7 are summed per source as "other hosts".']);
  });
});

describe('guardFlows over the accumulator', () => {
  // Thousands of flows (past the columns' first capacity), with several ports,
  // response codes and flags per flow, gateway hops sharing the no-host slot
  // with TCP flows, and a host seen as both passthrough and blocked. Whole
  // rates, so that sums are exact in any order.
  function manySamples(): { http: Sample[]; tcp: Sample[] } {
    let seed = 11;
    const rand = (n: number) => (seed = (seed * 48271) % 2147483647) % n;
    const http: Sample[] = [];
    const tcp: Sample[] = [];
    for (let i = 0; i < 20_000; i++) {
      const src = { source_workload_namespace: `ns${rand(3)}`, source_workload: `w${rand(5)}` };
      const host = `h${rand(600)}.example.com${rand(3) === 0 ? `:${8000 + rand(3)}` : ''}`;
      const kind = rand(10);
      if (kind < 6) http.push(s({ ...src, ...(rand(5) === 0 ? hole : pass), destination_service: host, response_code: String([200, 404, 503][rand(3)]), response_flags: rand(4) === 0 ? 'UF' : '-' }, rand(100)));
      else if (kind < 7) http.push(s({ ...src, destination_service: 'istio-egressgateway.istio-system.svc.cluster.local', destination_workload: `istio-egressgateway${rand(2) ? '-b' : ''}`, destination_workload_namespace: 'istio-system', destination_service_name: 'istio-egressgateway', response_code: '200' }, 1));
      else tcp.push(s({ ...src, ...pass, destination_service: 'unknown', request_protocol: 'tcp', [MEASURE_LABEL]: ['sent', 'received', 'connections', 'closed'][rand(4)]!, response_flags: rand(2) ? 'UF' : '-' }, rand(50)));
    }
    return { http, tcp };
  }

  it('gives what limitHosts gives over the finished flows, for every limit', () => {
    const samples = manySamples();
    const acc = new FlowAccumulator({ isGateway });
    for (const x of samples.http) acc.add(x, 'requests');
    for (const x of samples.tcp) acc.add(x, 'tcp');
    expect(acc.length).toBeGreaterThan(2048);
    const { flows } = buildEgressFlows(samples, { isGateway });
    expect(flows.some((f) => (f.destination.ports?.length ?? 0) > 1 && Object.keys(f.responses ?? {}).length > 1 && f.responseFlags)).toBe(true);
    for (const k of [1, 10, 100, 10_000]) expect(guardFlows(acc, acc.skipped, k)).toEqual(limitHosts(flows, k));
  });
});

describe('TLS/TCP destinations named by Telemetry labels (EGRESS_TCP_*_LABEL)', () => {
  const tcp = { request_protocol: 'tcp', destination_service: 'unknown' };
  const names = { sni: 'destination_sni', address: 'destination_address' };

  it('takes the host from the SNI, else from the upstream address (IP and port as data)', () => {
    const { flows } = buildEgressFlows(
      {
        http: [],
        tcp: [
          s({ ...pass, ...tcp, destination_sni: 'api.github.com', destination_address: '140.82.112.5:443', egress_lens_measure: 'connections' }, 1),
          s({ ...pass, ...tcp, destination_sni: 'unknown', destination_address: '203.0.113.7:5432', egress_lens_measure: 'connections' }, 2),
          s({ ...hole, ...tcp, destination_sni: 'exfil.example', destination_address: 'unknown', egress_lens_measure: 'connections' }, 3),
          s({ ...pass, ...tcp, egress_lens_measure: 'connections' }, 4),
        ],
      },
      { isGateway, tcpDestinationLabels: names },
    );
    expect(flows.map((f) => [f.destination.host, f.destination.status, f.destination.ports ?? null, f.destination.ip ?? false, f.connectionsPerSecond])).toEqual([
      ['exfil.example', 'blocked', null, false, 3],
      ['203.0.113.7', 'passthrough', [5432], true, 2],
      ['api.github.com', 'passthrough', null, false, 1],
      [null, 'passthrough', null, false, 4],
    ]);
  });

  it('leaves TLS/TCP unattributed when the labels are not configured', () => {
    const { flows } = buildEgressFlows({ http: [], tcp: [s({ ...pass, ...tcp, destination_sni: 'api.github.com', egress_lens_measure: 'connections' }, 1)] }, { isGateway });
    expect(flows[0]?.destination.host).toBeNull();
  });
});
