import { describe, expect, it } from 'vitest';
import { buildEgressQueries } from './queries';

const base = { windowSeconds: 300, namespaces: [], gatewayWorkloads: 'istio-egressgateway.*' };

describe('buildEgressQueries', () => {
  it('reads only the reporters that see egress (client proxies, egress waypoints) and excludes unknown sources', () => {
    const q = buildEgressQueries(base);
    for (const text of [q.http, q.tcp]) {
      expect(text).toContain('reporter=~"source|waypoint"');
      expect(text).toContain('source_workload!="unknown"');
      expect(text).not.toContain('reporter="destination"');
    }
  });

  it('has a constant size whatever the number of namespaces: one matcher, no per-namespace queries', () => {
    const one = buildEgressQueries({ ...base, namespaces: ['shop'] });
    const many = buildEgressQueries({ ...base, namespaces: Array.from({ length: 200 }, (_, i) => `ns-${i}`) });
    expect(Object.keys(many)).toEqual(['http', 'tcp']);
    expect(many.http.match(/istio_requests_total/g)).toHaveLength(one.http.match(/istio_requests_total/g)!.length);
    expect(many.http).toContain('source_workload_namespace=~"ns-0|ns-1|');
  });

  it('uses the window in every range selector', () => {
    const q = buildEgressQueries({ ...base, windowSeconds: 5400 });
    expect(q.http).toContain('[1h30m]');
    // Every rate() reads the window: five measures, each over the union of the rulebook's flow selectors.
    expect(q.tcp.match(/\[1h30m\]/g)?.length).toBe(q.tcp.match(/\brate\(/g)?.length);
    expect(q.tcp.match(/\brate\(/g)?.length).toBe(10);
  });

  it('reads blocked TCP from connections_closed, which is all BlackHoleCluster TCP increments', () => {
    const q = buildEgressQueries(base);
    expect(q.tcp).toContain('istio_tcp_connections_closed_total');
    expect(q.tcp).toContain('istio_tcp_connections_opened_total');
    expect(q.tcp).toContain('istio_tcp_sent_bytes_total');
    expect(q.tcp).toContain('istio_tcp_received_bytes_total');
  });

  it('escapes namespace values as regex literals', () => {
    const q = buildEgressQueries({ ...base, namespaces: ['a.b'] });
    expect(q.http).toContain('source_workload_namespace=~"a\\\\.b"');
  });

  it('sums by response code and flag for HTTP', () => {
    expect(buildEgressQueries(base).http).toMatch(/sum by \([^)]*response_code, response_flags\)/);
  });
});

describe('TLS/TCP destination labels', () => {
  it('are kept in the TCP sums only, when configured', () => {
    const q = buildEgressQueries({ ...base, tcpDestinationLabels: ['destination_sni', 'destination_address'] });
    expect(q.tcp).toMatch(/sum by \([^)]*destination_sni, destination_address\)/);
    expect(q.http).not.toContain('destination_sni');
    expect(buildEgressQueries(base).tcp).not.toContain('destination_sni');
  });
});
