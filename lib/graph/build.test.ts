import { describe, expect, it } from 'vitest';
import { expectedHostId } from '../../tools/demo/oracle';
import type { EgressFlow } from '../egress/types';
import { buildEgressGraph } from './build';

const src = { namespace: 'shop', workload: 'checkout-v1' };
const gw = { namespace: 'istio-system', workload: 'istio-egressgateway' };
const flows: EgressFlow[] = [
  { source: src, destination: { host: 'x.test', status: 'passthrough', ports: [8080] }, protocol: 'http', dataPlane: 'sidecar', requestsPerSecond: 2, responses: { '200': 1.8, '503': 0.2 } },
  { source: src, destination: { host: 'x.test', status: 'blocked' }, protocol: 'http', dataPlane: 'sidecar', requestsPerSecond: 1, responses: { '502': 1 } },
  { source: src, destination: { host: null, status: 'passthrough' }, protocol: 'tcp', dataPlane: 'sidecar', connectionsPerSecond: 0.5, bytesPerSecond: 100 },
  { source: src, destination: { host: null, status: 'blocked' }, protocol: 'tcp', dataPlane: 'sidecar', connectionsPerSecond: 0, responseFlags: { UH: 0 } },
  { source: src, destination: { host: null, status: 'registered' }, via: gw, protocol: 'http', dataPlane: 'sidecar', requestsPerSecond: 1, responses: { '200': 1 } },
  { source: gw, destination: { host: 'api.example.com', status: 'registered', serviceEntryNamespace: 'istio-system' }, protocol: 'http', dataPlane: 'sidecar', requestsPerSecond: 1, responses: { '200': 1 } },
  { source: src, destination: { host: null, status: 'passthrough', otherHosts: 40 }, protocol: 'http', dataPlane: 'sidecar', requestsPerSecond: 3, responses: { '200': 3 } },
];

describe('buildEgressGraph', () => {
  const g = buildEgressGraph({ end: 'E', window: '5m', flows, warnings: ['w'], queries: { http: 'h', tcp: 't' } });
  const node = (id: string) => g.nodes.find((n) => n.id === id);
  const edge = (id: string) => g.edges.find((e) => e.id === id);

  it('gives every host node its hostId, the one /api/egress gives its flows, so a URL can name it', () => {
    for (const n of g.nodes) if (n.kind === 'host') expect(n.hostId).toBe(expectedHostId(n.host));
  });

  it('has deterministic ids and a stable order', () => {
    expect(g.nodes.map((n) => n.id)).toEqual([
      'ext:api.example.com',
      'ext:x.test',
      'ns:istio-system',
      'ns:shop',
      'other:passthrough',
      'unattributed:blocked',
      'unattributed:passthrough',
      'wl:istio-system/istio-egressgateway',
      'wl:shop/checkout-v1',
    ]);
    expect(buildEgressGraph({ end: 'E', window: '5m', flows: [...flows].reverse(), warnings: [], queries: { http: 'h', tcp: 't' } }).edges.map((e) => e.id)).toEqual(g.edges.map((e) => e.id));
  });

  it('puts workloads in namespace boxes and marks gateways', () => {
    expect(node('wl:shop/checkout-v1')).toMatchObject({ kind: 'workload', parent: 'ns:shop', gateway: false });
    expect(node('wl:istio-system/istio-egressgateway')).toMatchObject({ kind: 'workload', parent: 'ns:istio-system', gateway: true });
  });

  it('gives a host one node with its most severe status', () => {
    expect(node('ext:x.test')).toMatchObject({ kind: 'host', status: 'blocked', statuses: ['blocked', 'passthrough'], ports: [8080] });
  });

  it('marks blocked edges and only those', () => {
    expect(g.edges.filter((e) => e.blocked).map((e) => e.id)).toEqual(['wl:shop/checkout-v1>ext:x.test|http|blocked', 'wl:shop/checkout-v1>unattributed:blocked|tcp|blocked']);
  });

  it('computes HTTP health and leaves TCP without one unless idle', () => {
    expect(edge('wl:shop/checkout-v1>ext:x.test|http|passthrough')).toMatchObject({ health: 'failing', errorRatio: 0.1 });
    expect(edge('wl:shop/checkout-v1>unattributed:passthrough|tcp|passthrough')?.health).toBeUndefined();
    expect(edge('wl:shop/checkout-v1>unattributed:blocked|tcp|blocked')?.health).toBe('idle');
  });

  it('draws both gateway hops', () => {
    expect(edge('wl:shop/checkout-v1>wl:istio-system/istio-egressgateway|http|registered')).toMatchObject({ viaGateway: true });
    expect(edge('wl:istio-system/istio-egressgateway>ext:api.example.com|http|registered')).toMatchObject({ viaGateway: false });
  });

  it('labels nodes without a host so readers know why', () => {
    expect(node('unattributed:passthrough')?.label).toBe('Passthrough TLS/TCP (no host in metrics)');
    expect(node('unattributed:blocked')?.label).toBe('Blocked TCP (no host in metrics)');
    expect(node('other:passthrough')).toMatchObject({ kind: 'other-hosts', otherHosts: 40 });
  });
});

describe('buildEgressGraph with several clusters (source_cluster)', () => {
  const inCluster = (cluster: string) => flows.map((f) => ({ ...f, source: { ...f.source, cluster } }));
  const g = buildEgressGraph({ end: 'E', window: '5m', flows: [...inCluster('east'), ...inCluster('west')], warnings: [], queries: { http: 'h', tcp: 't' } });
  const node = (id: string) => g.nodes.find((n) => n.id === id);

  it('draws the same namespace/workload of two clusters as two nodes, each in its cluster namespace box', () => {
    const checkouts = g.nodes.filter((n) => n.kind === 'workload' && n.workload === 'checkout-v1');
    expect(checkouts.map((n) => n.id)).toEqual(['wl:east/shop/checkout-v1', 'wl:west/shop/checkout-v1']);
    expect(node('wl:east/shop/checkout-v1')).toMatchObject({ parent: 'ns:east/shop', cluster: 'east', namespace: 'shop' });
    expect(node('ns:west/shop')).toMatchObject({ kind: 'namespace', label: 'west · shop', namespace: 'shop', cluster: 'west' });
  });

  it('keeps one node per host, called from both clusters', () => {
    expect(g.nodes.filter((n) => n.kind === 'host').map((n) => n.id)).toEqual(['ext:api.example.com', 'ext:x.test']);
    expect(g.edges.filter((e) => e.target === 'ext:x.test' && e.status === 'blocked').map((e) => e.source)).toEqual(['wl:east/shop/checkout-v1', 'wl:west/shop/checkout-v1']);
  });

  it('puts a gateway named without a cluster in its caller cluster, both hops apart', () => {
    expect(node('wl:east/istio-system/istio-egressgateway')).toMatchObject({ gateway: true, cluster: 'east' });
    expect(g.edges.map((e) => e.id)).toContain('wl:west/shop/checkout-v1>wl:west/istio-system/istio-egressgateway|http|registered');
    expect(g.edges.map((e) => e.id)).toContain('wl:west/istio-system/istio-egressgateway>ext:api.example.com|http|registered');
  });

  it('with one cluster is the graph without clusters: same ids, no cluster fields', () => {
    const one = buildEgressGraph({ end: 'E', window: '5m', flows: inCluster('east'), warnings: [], queries: { http: 'h', tcp: 't' } });
    const none = buildEgressGraph({ end: 'E', window: '5m', flows, warnings: [], queries: { http: 'h', tcp: 't' } });
    expect(one).toEqual(none);
  });
});

describe('buildEgressGraph with ambient egress through a waypoint', () => {
  const app = { namespace: 'ambient-shop', workload: 'reviews-v1' };
  const other = { namespace: 'ambient-shop', workload: 'ratings-v1' };
  const wp = { namespace: 'istio-egress', workload: 'waypoint' };
  const se = { status: 'registered' as const, serviceEntryNamespace: 'istio-egress' };
  const ambient: EgressFlow[] = [
    // ztunnel's first hop (TCP), and the waypoint's own flows (the app as source, the host, via the waypoint).
    { source: app, destination: { host: null, status: 'registered' }, via: wp, protocol: 'tcp', dataPlane: 'ambient', connectionsPerSecond: 1, bytesPerSecond: 10 },
    { source: app, destination: { host: 'api.sendgrid.com', ...se }, via: wp, protocol: 'http', dataPlane: 'ambient', requestsPerSecond: 2, responses: { '200': 2 } },
    // A second app whose first hop ztunnel did not report: its hop is drawn from the waypoint's flow.
    { source: other, destination: { host: 'api.sendgrid.com', ...se }, via: wp, protocol: 'http', dataPlane: 'ambient', requestsPerSecond: 3, responses: { '200': 3 } },
  ];
  const g = buildEgressGraph({ end: 'E', window: '5m', flows: ambient, warnings: [], queries: { http: 'h', tcp: 't' } });

  it('draws the waypoint like a gateway, named as a waypoint', () => {
    expect(g.nodes.find((n) => n.id === 'wl:istio-egress/waypoint')).toMatchObject({ kind: 'workload', gateway: true, waypoint: true });
  });

  it('routes app -> waypoint -> host, once per hop, the waypoint -> host edge summing both apps', () => {
    expect(g.edges.map((e) => e.id).sort()).toEqual([
      'wl:ambient-shop/ratings-v1>wl:istio-egress/waypoint|http|registered',
      'wl:ambient-shop/reviews-v1>wl:istio-egress/waypoint|tcp|registered',
      'wl:istio-egress/waypoint>ext:api.sendgrid.com|http|registered',
    ]);
    expect(g.edges.find((e) => e.source === 'wl:istio-egress/waypoint')?.requestsPerSecond).toBe(5);
    expect(g.edges.some((e) => e.source.startsWith('wl:ambient-shop/') && e.target.startsWith('ext:'))).toBe(false);
  });
});
