import { describe, expect, it } from 'vitest';
import type { Sample } from '../prometheus/types';
import { gatewayMatcher } from './classify';
import { FlowAccumulator } from './flow-accumulator';
import type { GuardResult } from './guard';
import { hostIdOf } from './host-id';
import type { FlowOptions } from './place-sample';

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

/** The production path: every sample added, then finished with the guard at `topK` hosts per status. */
function flowsOf(samples: { http: readonly Sample[]; tcp: readonly Sample[] }, opts: FlowOptions, topK = 10_000): GuardResult {
  const acc = new FlowAccumulator(opts);
  for (const x of samples.http) acc.add(x, 'requests');
  for (const x of samples.tcp) acc.add(x, 'tcp');
  return acc.finish(topK);
}

const pass = { destination_service_name: 'PassthroughCluster' };
const hole = { destination_service_name: 'BlackHoleCluster' };

describe('FlowAccumulator: samples to flows', () => {
  it('merges a host with and without a port into one flow, keeping ports as data', () => {
    const { flows } = flowsOf(
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
    const { flows } = flowsOf(
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
    const { flows } = flowsOf(
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
    const { flows } = flowsOf(
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
    const { flows, warnings } = flowsOf(
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

  it('counts a TCP series measuring nothing known as unusable, and leaves no empty flow behind', () => {
    const tcp = { ...pass, request_protocol: 'tcp', destination_service: 'unknown' };
    const { flows, warnings } = flowsOf({ http: [], tcp: [s({ ...tcp, egress_lens_measure: 'latency' }, 1), s({ ...tcp, source_workload: 'etl' }, 1)] }, { isGateway });
    expect(flows).toEqual([]);
    expect(warnings).toEqual(['2 series had unusable values (not a finite rate) and were ignored.']);
  });

  it('records response flags other than "-"', () => {
    const { flows } = flowsOf({ http: [s({ ...pass, destination_service: 'a.test', response_code: '503', response_flags: 'UF,URX' }, 1)], tcp: [] }, { isGateway });
    expect(flows[0]?.responseFlags).toEqual({ 'UF,URX': 1 });
  });
});

describe('the cardinality guard (finish)', () => {
  const many = Array.from({ length: 10 }, (_, i) => s({ ...pass, destination_service: `h${i}.test`, response_code: '200' }, i + 1));

  it('keeps everything under the limit', () => {
    const all = flowsOf({ http: many, tcp: [] }, { isGateway });
    expect(all.flows).toHaveLength(10);
    expect(flowsOf({ http: many, tcp: [] }, { isGateway }, 10)).toEqual(all);
  });

  it('keeps the top K hosts by rate and sums the rest per source into "other hosts"', () => {
    const r = flowsOf({ http: many, tcp: [] }, { isGateway }, 3);
    const hosts = r.flows.map((f) => f.destination.host);
    expect(hosts).toEqual(['h7.test', 'h8.test', 'h9.test', null]);
    const other = r.flows.at(-1);
    expect(other?.destination).toEqual({ host: null, status: 'passthrough', otherHosts: 7 });
    expect(other?.requestsPerSecond).toBe(1 + 2 + 3 + 4 + 5 + 6 + 7);
    expect(other?.responses).toEqual({ '200': 28 });
    expect(r.warnings).toEqual(['10 distinct passthrough hosts in this window: showing the top 3 by rate; the other 7 are summed per source as "other hosts".']);
  });
});

describe('TLS/TCP destinations named by Telemetry labels (EGRESS_TCP_*_LABEL)', () => {
  const tcp = { request_protocol: 'tcp', destination_service: 'unknown' };
  const names = { sni: 'destination_sni', address: 'destination_address' };

  it('takes the host from the SNI, else from the upstream address (IP and port as data)', () => {
    const { flows } = flowsOf(
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
    const { flows } = flowsOf({ http: [], tcp: [s({ ...pass, ...tcp, destination_sni: 'api.github.com', egress_lens_measure: 'connections' }, 1)] }, { isGateway });
    expect(flows[0]?.destination.host).toBeNull();
  });
});
