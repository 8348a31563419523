import { describe, expect, it } from 'vitest';
import { classifyEgress, protocolOf } from './classify';
import { parseObservedHost } from './host';

const isGateway = (w: string) => /^istio-egressgateway.*$/.test(w);

/** A reporter="source" series from shop/checkout-v1 with Istio's defaults for unknown destinations. */
function series(overrides: Record<string, string>): Record<string, string> {
  return {
    reporter: 'source',
    source_workload: 'checkout-v1',
    source_workload_namespace: 'shop',
    destination_workload: 'unknown',
    destination_workload_namespace: 'unknown',
    destination_service_namespace: 'unknown',
    request_protocol: 'http',
    response_flags: '-',
    ...overrides,
  };
}

describe('classifyEgress: istio-egress-facts §2', () => {
  it('ALLOW_ANY HTTP: passthrough with the Host header as host', () => {
    const c = classifyEgress(series({ destination_service: 'httpbin.org', destination_service_name: 'PassthroughCluster', response_code: '200' }), isGateway);
    expect(c).toEqual({ kind: 'egress', status: 'passthrough', host: { host: 'httpbin.org', ip: false }, dataPlane: 'sidecar' });
  });

  it('ALLOW_ANY HTTP with host:port keeps the port as data', () => {
    const c = classifyEgress(series({ destination_service: 'httpbin.org:8080', destination_service_name: 'PassthroughCluster' }), isGateway);
    expect(c).toEqual({ kind: 'egress', status: 'passthrough', host: { host: 'httpbin.org', port: 8080, ip: false }, dataPlane: 'sidecar' });
  });

  it('ALLOW_ANY HTTP to IP:port marks an IP host', () => {
    const c = classifyEgress(series({ destination_service: '203.0.113.10:8080', destination_service_name: 'PassthroughCluster' }), isGateway);
    expect(c).toEqual({ kind: 'egress', status: 'passthrough', host: { host: '203.0.113.10', port: 8080, ip: true }, dataPlane: 'sidecar' });
  });

  it('ALLOW_ANY TLS/TCP: passthrough without a host (null, never "unknown")', () => {
    const c = classifyEgress(series({ destination_service: 'unknown', destination_service_name: 'PassthroughCluster', request_protocol: 'tcp' }), isGateway);
    expect(c).toEqual({ kind: 'egress', status: 'passthrough', host: null, dataPlane: 'sidecar' });
  });

  it('REGISTRY_ONLY HTTP: blocked, host from the Host header', () => {
    const c = classifyEgress(series({ destination_service: 'pastebin.com', destination_service_name: 'BlackHoleCluster', response_code: '502' }), isGateway);
    expect(c).toEqual({ kind: 'egress', status: 'blocked', host: { host: 'pastebin.com', ip: false }, dataPlane: 'sidecar' });
  });

  it('REGISTRY_ONLY TLS/TCP: blocked without a host', () => {
    const c = classifyEgress(series({ destination_service: 'unknown', destination_service_name: 'BlackHoleCluster', response_flags: 'UH', request_protocol: 'tcp' }), isGateway);
    expect(c).toEqual({ kind: 'egress', status: 'blocked', host: null, dataPlane: 'sidecar' });
  });

  it('ServiceEntry host: registered, with the ServiceEntry namespace', () => {
    const c = classifyEgress(series({ destination_service: 'api.stripe.com', destination_service_name: 'api.stripe.com', destination_service_namespace: 'payments' }), isGateway);
    expect(c).toEqual({ kind: 'egress', status: 'registered', host: { host: 'api.stripe.com', ip: false }, serviceEntryNamespace: 'payments', dataPlane: 'sidecar' });
  });

  it('wildcard ServiceEntry host stays a wildcard', () => {
    const c = classifyEgress(series({ destination_service: '*.googleapis.com', destination_service_name: '*.googleapis.com', destination_service_namespace: 'ml' }), isGateway);
    expect(c).toMatchObject({ kind: 'egress', status: 'registered', host: { host: '*.googleapis.com' }, serviceEntryNamespace: 'ml' });
  });

  it('egress gateway hop 1: app -> gateway service is a gateway hop', () => {
    const c = classifyEgress(
      series({
        destination_service: 'istio-egressgateway.istio-system.svc.cluster.local',
        destination_service_name: 'istio-egressgateway',
        destination_service_namespace: 'istio-system',
        destination_workload: 'istio-egressgateway',
        destination_workload_namespace: 'istio-system',
      }),
      isGateway,
    );
    expect(c).toEqual({ kind: 'gateway-hop', gateway: { namespace: 'istio-system', workload: 'istio-egressgateway' }, dataPlane: 'sidecar' });
  });

  it('egress gateway hop 2: gateway -> ServiceEntry host is registered egress of the gateway', () => {
    const c = classifyEgress(
      series({ source_workload: 'istio-egressgateway', source_workload_namespace: 'istio-system', destination_service: 'edition.cnn.com', destination_service_name: 'edition.cnn.com', destination_service_namespace: 'istio-system' }),
      isGateway,
    );
    expect(c).toMatchObject({ kind: 'egress', status: 'registered', host: { host: 'edition.cnn.com' } });
  });

  it('in-mesh traffic is not egress, from either reporter', () => {
    const mesh = { destination_service: 'productpage.shop.svc.cluster.local', destination_service_name: 'productpage', destination_service_namespace: 'shop', destination_workload: 'productpage-v1' };
    expect(classifyEgress(series(mesh), isGateway)).toEqual({ kind: 'not-egress', reason: 'in-mesh' });
    expect(classifyEgress(series({ ...mesh, reporter: 'destination' }), isGateway)).toEqual({ kind: 'not-egress', reason: 'destination-reporter' });
  });

  it('a mesh service whose pods have no sidecar (unknown workload) is not egress', () => {
    const c = classifyEgress(series({ destination_service: 'legacy.legacy.svc.cluster.local', destination_service_name: 'legacy', destination_service_namespace: 'legacy' }), isGateway);
    expect(c).toEqual({ kind: 'not-egress', reason: 'in-mesh' });
  });

  it('a Kubernetes service name equal to its short name is still in-mesh', () => {
    const c = classifyEgress(series({ destination_service: 'db.data.svc', destination_service_name: 'db.data.svc', destination_service_namespace: 'data' }), isGateway);
    expect(c).toEqual({ kind: 'not-egress', reason: 'in-mesh' });
  });

  it('PassthroughCluster to a pod IP with a known workload is not egress', () => {
    const c = classifyEgress(series({ destination_service: '10.244.1.7:8080', destination_service_name: 'PassthroughCluster', destination_workload: 'legacy-api', destination_workload_namespace: 'shop' }), isGateway);
    expect(c).toEqual({ kind: 'not-egress', reason: 'pod-ip-passthrough' });
  });

  it('an unknown source is traffic entering the mesh, not egress', () => {
    const c = classifyEgress(series({ source_workload: 'unknown', source_workload_namespace: 'unknown', destination_service: 'httpbin.org', destination_service_name: 'PassthroughCluster' }), isGateway);
    expect(c).toEqual({ kind: 'not-egress', reason: 'unknown-source' });
  });

  it('a hostile Host header is kept as data', () => {
    const c = classifyEgress(series({ destination_service: '<img src=x onerror=alert(1)>.evil.test', destination_service_name: 'PassthroughCluster' }), isGateway);
    expect(c).toEqual({ kind: 'egress', status: 'passthrough', host: { host: '<img src=x onerror=alert(1)>.evil.test', ip: false }, dataPlane: 'sidecar' });
  });

  it('unmatched traffic at a gateway (destination unknown) is egress without a host', () => {
    const c = classifyEgress(series({ source_workload: 'istio-egressgateway', destination_service: 'unknown', destination_service_name: 'BlackHoleCluster' }), isGateway);
    expect(c).toEqual({ kind: 'egress', status: 'blocked', host: null, dataPlane: 'sidecar' });
  });
});

describe('protocolOf', () => {
  it('reads request_protocol on request metrics and tcp on TCP metrics', () => {
    expect(protocolOf({ request_protocol: 'grpc' }, 'requests')).toBe('grpc');
    expect(protocolOf({ request_protocol: 'http' }, 'requests')).toBe('http');
    expect(protocolOf({}, 'requests')).toBe('http');
    expect(protocolOf({ request_protocol: 'tcp' }, 'tcp')).toBe('tcp');
  });
});

describe('parseObservedHost', () => {
  it.each([
    ['httpbin.org', { host: 'httpbin.org', ip: false }],
    ['HTTPBIN.org.', { host: 'httpbin.org', ip: false }],
    ['httpbin.org:80', { host: 'httpbin.org', port: 80, ip: false }],
    ['10.0.0.1', { host: '10.0.0.1', ip: true }],
    ['10.0.0.1:443', { host: '10.0.0.1', port: 443, ip: true }],
    ['[2001:db8::1]:443', { host: '2001:db8::1', port: 443, ip: true }],
    ['2001:db8::1', { host: '2001:db8::1', ip: true }],
    ['h:99999', { host: 'h', ip: false }],
    ['h:abc', { host: 'h:abc', ip: false }],
    ['999.1.1.1', { host: '999.1.1.1', ip: false }],
    ['[5m]', { host: '[5m]', ip: false }],
    ['[a]:80', { host: '[a]', port: 80, ip: false }],
  ])('%s', (raw, expected) => {
    expect(parseObservedHost(raw)).toEqual(expected);
  });

  it('returns null for unknown and empty values', () => {
    expect(parseObservedHost('unknown')).toBeNull();
    expect(parseObservedHost('')).toBeNull();
    expect(parseObservedHost(':80')).toEqual({ host: ':80', ip: false });
  });
});
