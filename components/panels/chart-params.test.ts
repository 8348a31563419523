import { describe, expect, it } from 'vitest';
import { hostIdOf } from '@/lib/egress/host-id';
import { buildEgressGraph } from '@/lib/graph/build';
import { chartParams } from './chart-params';
import { ApiError } from '@/lib/api/errors';
import { parseTimeseriesRequest } from '@/lib/api/timeseries-params';
import { gatewayMatcher } from '@/lib/egress/classify';
import { goldenGraph } from '../../testing/testdata';

const graph = goldenGraph();
const q = (sel: string, end: number | null = null) => chartParams(graph, sel, '1h', end)?.toString() ?? null;

describe('chartParams', () => {
  it('charts a host with every caller, naming it by its hostId', () => {
    expect(q('ext:pastebin.com', 100)).toBe(`window=1h&end=100&kind=host&status=blocked&hostId=${hostIdOf('pastebin.com')}`);
  });

  it('keeps the request short for a 20 kB host', () => {
    const huge = `${'l'.repeat(20_000)}.evil.test`;
    const g = buildEgressGraph({ end: 'E', window: '5m', warnings: [], queries: { http: '', tcp: '' }, flows: [{ source: { namespace: 'a', workload: 'b' }, destination: { host: huge, status: 'blocked' }, protocol: 'http', dataPlane: 'sidecar', requestsPerSecond: 1 }] });
    for (const id of [`ext:${huge}`, `wl:a/b>ext:${huge}|http|blocked`]) {
      const p = chartParams(g, id, '5m', null);
      expect(p?.get('hostId')).toBe(hostIdOf(huge));
      expect(p?.toString().length).toBeLessThan(150);
    }
  });

  it('charts an edge of one cluster of several with that cluster only', () => {
    const flow = (cluster: string) => ({ source: { namespace: 'shop', workload: 'checkout-v1', cluster }, destination: { host: 'x.test', status: 'passthrough' as const }, protocol: 'http' as const, dataPlane: 'sidecar' as const, requestsPerSecond: 1 });
    const g = buildEgressGraph({ end: 'E', window: '5m', warnings: [], queries: { http: '', tcp: '' }, flows: [flow('east'), flow('west')] });
    const p = chartParams(g, 'wl:east/shop/checkout-v1>ext:x.test|http|passthrough', '5m', null);
    expect(p?.get('source')).toBe('shop/checkout-v1');
    expect(p?.get('cluster')).toBe('east');
    // One cluster: no cluster in the ids, none in the request.
    const one = buildEgressGraph({ end: 'E', window: '5m', warnings: [], queries: { http: '', tcp: '' }, flows: [flow('east')] });
    expect(chartParams(one, 'wl:shop/checkout-v1>ext:x.test|http|passthrough', '5m', null)?.has('cluster')).toBe(false);
  });

  it('charts the unattributed TCP node without a host', () => {
    expect(q('unattributed:blocked')).toBe('window=1h&kind=host&status=blocked&protocol=tcp');
  });

  it('charts an edge by source, protocol, status and host', () => {
    expect(q('wl:east/data/etl-worker>ext:pastebin.com|http|blocked')).toBe(`window=1h&kind=edge&source=data%2Fetl-worker&cluster=east&protocol=http&status=blocked&hostId=${hostIdOf('pastebin.com')}`);
  });

  it('charts a gateway hop by the gateway', () => {
    expect(q('wl:east/shop/checkout-v1>wl:east/istio-system/istio-egressgateway|http|registered')).toBe(
      'window=1h&kind=edge&source=shop%2Fcheckout-v1&cluster=east&protocol=http&via=istio-system%2Fistio-egressgateway',
    );
    expect(q('wl:east/istio-system/istio-egressgateway')).toBe('window=1h&kind=host&via=istio-system%2Fistio-egressgateway');
  });

  it('has nothing to chart for plain workloads, namespaces and unknown ids', () => {
    expect(q('wl:east/data/etl-worker')).toBeNull();
    expect(q('ns:east/data')).toBeNull();
    expect(q('nope')).toBeNull();
  });
});

describe('chartParams and the server', () => {
  it('every chart of the golden graph is a request /api/timeseries takes', () => {
    const isGateway = gatewayMatcher('istio-egressgateway.*');
    let charted = 0;
    const refused = new Set<string | null>();
    for (const id of [...graph.nodes.map((n) => n.id), ...graph.edges.map((e) => e.id)]) {
      const p = chartParams(graph, id, '1h', 1_700_000_000);
      if (p === null) continue;
      let request;
      try {
        request = parseTimeseriesRequest(new URLSearchParams(p.toString()), 1_800_000_000, { isGateway });
      } catch (err) {
        if (!(err instanceof ApiError) || !err.message.startsWith('via: ')) throw err;
        refused.add(p.get('via'));
        continue;
      }
      charted++;
      expect({ end: request.end, windowSeconds: request.windowSeconds, hostId: request.hostId }).toEqual({ end: 1_700_000_000, windowSeconds: 3600, hostId: p.get('hostId') ?? undefined });
    }
    expect(charted).toBeGreaterThan(10);
    // Known gap: an ambient egress waypoint is drawn like a gateway, but /api/timeseries charts
    // first hops to EGRESS_GATEWAY_WORKLOADS only, so its chart is refused (400 naming via).
    expect(refused).toEqual(new Set(['istio-egress/waypoint']));
  });
});
