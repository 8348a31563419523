import { describe, expect, it } from 'vitest';
import type { EgressFlow } from '../egress/types';
import { buildHostList, hostsSeenQuery, seenByHost } from './hosts';

const flows: EgressFlow[] = [
  { source: { namespace: 'shop', workload: 'a' }, destination: { host: 'httpbin.org', status: 'passthrough', ports: [8080] }, protocol: 'http', dataPlane: 'sidecar', requestsPerSecond: 2 },
  { source: { namespace: 'data', workload: 'b' }, destination: { host: 'httpbin.org', status: 'blocked' }, protocol: 'http', dataPlane: 'sidecar', requestsPerSecond: 1 },
  { source: { namespace: 'pay', workload: 'c' }, destination: { host: 'api.stripe.com', status: 'registered', serviceEntryNamespace: 'pay' }, protocol: 'tcp', dataPlane: 'sidecar', connectionsPerSecond: 0.5 },
  { source: { namespace: 'shop', workload: 'a' }, destination: { host: null, status: 'passthrough' }, protocol: 'tcp', dataPlane: 'sidecar', connectionsPerSecond: 9 },
];

describe('buildHostList', () => {
  it('lists every named host once, with statuses, callers, protocols, ports, rate and first/last seen', () => {
    const seen = seenByHost([
      { labels: { destination_service: 'httpbin.org:8080', destination_service_name: 'PassthroughCluster' }, points: [{ t: 100, v: 0 }, { t: 160, v: 3 }, { t: 220, v: 1 }] },
      { labels: { destination_service: 'productpage.shop.svc.cluster.local', destination_service_name: 'productpage' }, points: [{ t: 1, v: 1 }] },
    ]);
    const inv = buildHostList({ flows }, seen);
    expect(inv.map((h) => h.host)).toEqual(['httpbin.org', 'api.stripe.com']);
    expect(inv[0]).toEqual({
      host: 'httpbin.org',
      statuses: ['blocked', 'passthrough'],
      registered: false,
      callers: ['data/b', 'shop/a'],
      protocols: ['http'],
      ports: [8080],
      ratePerSecond: 3,
      firstSeen: new Date(160_000).toISOString(),
      lastSeen: new Date(220_000).toISOString(),
    });
    expect(inv[1]).toMatchObject({ registered: true, serviceEntryNamespace: 'pay', protocols: ['tcp'] });
    expect(inv[1]?.firstSeen).toBeUndefined();
  });

  it('reads only source-reported external destinations', () => {
    const q = hostsSeenQuery(60);
    expect(q).toContain('reporter=~"source|waypoint"');
    expect(q).toContain('destination_workload="unknown"');
    expect(q).toContain('[1m]');
  });
});
