import { describe, expect, it } from 'vitest';
import { createDemoMesh, demoSeries } from './mesh';
import { DEMO_HOSTILE_BLOCKED } from './hostile';
import { DEMO_HOSTILE_HOST, DEMO_POD_IP_SERVICE } from './small-mesh';
import type { DemoSeries } from './types';
import { DEMO_NAMESPACES, DEMO_WORKLOADS } from './workloads';

const ORIGIN = 1_700_000_100;
const mesh = createDemoMesh({ origin: ORIGIN });
const all: DemoSeries[] = [...demoSeries(mesh)];

const ISTIO_LABELS = [
  'reporter',
  ...['workload', 'workload_namespace', 'principal', 'app', 'version', 'canonical_service', 'canonical_revision', 'cluster'].map((l) => `source_${l}`),
  ...['workload', 'workload_namespace', 'principal', 'app', 'version', 'service', 'service_name', 'service_namespace', 'canonical_service', 'canonical_revision', 'cluster'].map(
    (l) => `destination_${l}`,
  ),
  'request_protocol',
  'response_flags',
  'connection_security_policy',
];
const EXTRA_LABELS = ['pod', 'namespace', 'job', 'instance'];

function where(match: Record<string, string>): DemoSeries[] {
  return all.filter((s) => Object.entries(match).every(([k, v]) => (k === '__name__' ? s.name === v : s.labels[k] === v)));
}

function names(series: readonly DemoSeries[]): string[] {
  return [...new Set(series.map((s) => s.name))].sort();
}

const TCP_FAMILIES = [
  'istio_tcp_connections_closed_total',
  'istio_tcp_connections_opened_total',
  'istio_tcp_received_bytes_total',
  'istio_tcp_sent_bytes_total',
];

describe('demo mesh shape', () => {
  it('validates the origin', () => {
    expect(() => createDemoMesh({ origin: ORIGIN + 1 })).toThrow(/grid/);
    expect(() => createDemoMesh({ origin: ORIGIN, scale: { workloads: 0, hosts: 1 } })).toThrow(/workloads/);
  });

  it('places the events on the 15 s grid', () => {
    expect(mesh.events.counterResetAt).toBe(ORIGIN + 90 * 60);
    expect(mesh.events.switchToBlockedAt).toBe(ORIGIN + 2 * 3600);
    expect(all.some((s) => s.labels.pod === mesh.events.counterResetPod)).toBe(true);
  });

  it('has 4–6 app namespaces plus istio-system and 15–25 workloads with 1–3 pods', () => {
    expect(DEMO_NAMESPACES).toContain('istio-system');
    expect(DEMO_NAMESPACES.length).toBeGreaterThanOrEqual(5);
    const known = DEMO_WORKLOADS.filter((w) => !w.unknownIdentity);
    expect(known.length).toBeGreaterThanOrEqual(15);
    expect(known.length).toBeLessThanOrEqual(25);
    for (const w of DEMO_WORKLOADS) expect(w.pods.length).toBeGreaterThanOrEqual(1);
    for (const w of DEMO_WORKLOADS) expect(w.pods.length).toBeLessThanOrEqual(3);
  });

  it('yields series grouped by family, each label set once', () => {
    const order = all.map((s) => s.name).filter((n, i, a) => i === 0 || a[i - 1] !== n);
    expect(new Set(order).size).toBe(order.length);
    const keys = all.map((s) => `${s.name}${JSON.stringify(s.labels)}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('gives every series the full Istio label set plus pod, namespace, job and instance', () => {
    for (const s of all) {
      const expected = [...ISTIO_LABELS, ...EXTRA_LABELS];
      if (s.name === 'istio_requests_total') expected.push('response_code');
      if (s.labels.request_protocol === 'grpc' && s.name === 'istio_requests_total') expected.push('grpc_response_status');
      expect(Object.keys(s.labels).sort()).toEqual(expected.sort());
      expect(s.labels.job).toBe('istio-demo');
      expect(s.labels.instance).toBe('demo-mesh');
      for (const v of Object.values(s.labels)) expect(v).not.toBe('');
    }
  });
});

describe('demo mesh labels per egress case (facts §2)', () => {
  it('HTTP passthrough: Host header as sent, PassthroughCluster, upstream codes', () => {
    const hosts = new Set(where({ destination_service_name: 'PassthroughCluster', __name__: 'istio_requests_total' }).map((s) => s.labels.destination_service));
    for (const h of ['httpbin.org', 'httpbin.org:8080', '203.0.113.10:8080', DEMO_HOSTILE_HOST]) expect(hosts).toContain(h);
    const httpbin = where({ destination_service: 'httpbin.org' });
    expect(new Set(httpbin.map((s) => s.labels.response_code))).toEqual(new Set(['200', '404']));
    for (const s of httpbin) {
      expect(s.labels).toMatchObject({ reporter: 'source', destination_workload: 'unknown', destination_service_namespace: 'unknown', response_flags: '-' });
    }
  });

  it('TLS/TCP passthrough: TCP metrics only, destination_service unknown, at least two sources', () => {
    const tcp = where({ destination_service_name: 'PassthroughCluster', destination_service: 'unknown' });
    expect(names(tcp)).toEqual(TCP_FAMILIES);
    expect(new Set(tcp.map((s) => s.labels.source_workload)).size).toBeGreaterThanOrEqual(2);
    for (const s of tcp) expect(s.labels).toMatchObject({ request_protocol: 'tcp', response_flags: '-', reporter: 'source' });
  });

  it('HTTP BlackHole: 502, flag "-", Host header kept', () => {
    const blocked = where({ destination_service_name: 'BlackHoleCluster', __name__: 'istio_requests_total' });
    // The hostile Host headers attempted from data/etl-worker are sent as they are (upper case too).
    expect(new Set(blocked.map((s) => s.labels.destination_service))).toEqual(new Set(['pastebin.com', 'api.ipify.org', ...DEMO_HOSTILE_BLOCKED.map((h) => h.hostHeader)]));
    for (const s of blocked) expect(s.labels).toMatchObject({ response_code: '502', response_flags: '-', request_protocol: 'http' });
    expect(where({ destination_service: 'pastebin.com' })[0]?.labels.source_workload).toBe('etl-worker');
  });

  it('TCP BlackHole: only connections_closed, flag UH, destination_service unknown', () => {
    const blocked = where({ destination_service_name: 'BlackHoleCluster', destination_service: 'unknown' });
    expect(blocked.length).toBeGreaterThan(0);
    expect(names(blocked)).toEqual(['istio_tcp_connections_closed_total']);
    for (const s of blocked) expect(s.labels).toMatchObject({ response_flags: 'UH', request_protocol: 'tcp', source_workload: 'cdc-connector' });
  });

  it('ServiceEntry hosts: service == service_name == host as written, SE namespace, workload unknown', () => {
    const cases = [
      ['api.currencylayer.com', 'payments', ['istio_requests_total'], 'http'],
      ['api.stripe.com', 'payments', TCP_FAMILIES, 'tcp'],
      ['*.googleapis.com', 'ml', TCP_FAMILIES, 'tcp'],
      ['api.honeycomb.io', 'istio-system', ['istio_requests_total'], 'grpc'],
    ] as const;
    for (const [host, ns, families, protocol] of cases) {
      const se = where({ destination_service: host });
      expect(names(se)).toEqual([...families]);
      for (const s of se) {
        expect(s.labels).toMatchObject({
          destination_service_name: host,
          destination_service_namespace: ns,
          destination_workload: 'unknown',
          request_protocol: protocol,
        });
      }
    }
    for (const s of where({ destination_service: 'api.honeycomb.io' })) expect(s.labels.grpc_response_status).toBe('0');
  });

  it('egress gateway: hop 1 to the gateway service, hop 2 from the gateway to the SE host', () => {
    const hop1 = where({ destination_service_name: 'istio-egressgateway' });
    expect(new Set(hop1.map((s) => `${s.labels.source_workload}/${s.labels.request_protocol}`))).toEqual(new Set(['checkout-v1/http', 'model-trainer/tcp']));
    for (const s of hop1) {
      expect(s.labels).toMatchObject({
        reporter: 'source',
        destination_service: 'istio-egressgateway.istio-system.svc.cluster.local',
        destination_service_namespace: 'istio-system',
        destination_workload: 'istio-egressgateway',
        destination_workload_namespace: 'istio-system',
      });
    }
    const hop2 = where({ source_workload: 'istio-egressgateway' });
    expect(new Set(hop2.map((s) => s.labels.destination_service))).toEqual(new Set(['api.shipengine.com', 'huggingface.co']));
    for (const s of hop2) {
      expect(s.labels).toMatchObject({ reporter: 'source', source_workload_namespace: 'istio-system', namespace: 'istio-system', destination_service_namespace: 'istio-system' });
    }
  });

  it('in-mesh traffic is reported by both sidecars', () => {
    const pp = where({ destination_service: 'productpage.shop.svc.cluster.local' });
    expect(new Set(pp.map((s) => s.labels.reporter))).toEqual(new Set(['source', 'destination']));
    for (const s of pp) expect(s.labels.namespace).toBe('shop');
    for (const s of pp.filter((x) => x.labels.reporter === 'destination')) {
      expect(s.labels.pod?.startsWith('productpage-v1-')).toBe(true);
      expect(s.labels.connection_security_policy).toBe('mutual_tls');
    }
  });

  it('pod-IP passthrough keeps the known destination workload', () => {
    const podIp = where({ destination_service: DEMO_POD_IP_SERVICE });
    expect(podIp.length).toBeGreaterThan(0);
    for (const s of podIp) {
      expect(s.labels).toMatchObject({ destination_service_name: 'PassthroughCluster', destination_workload: 'ledger-v1', destination_workload_namespace: 'payments' });
    }
  });

  it('the unknown source has passthrough-looking series', () => {
    const unknown = where({ source_workload: 'unknown' });
    expect(unknown.length).toBeGreaterThan(0);
    for (const s of unknown) {
      expect(s.labels).toMatchObject({ source_workload_namespace: 'unknown', destination_service_name: 'PassthroughCluster', reporter: 'source' });
    }
  });

  it('switches api.ipify.org from passthrough to blocked at switchToBlockedAt', () => {
    const at = mesh.events.switchToBlockedAt;
    const pass = where({ destination_service: 'api.ipify.org', destination_service_name: 'PassthroughCluster' });
    const block = where({ destination_service: 'api.ipify.org', destination_service_name: 'BlackHoleCluster' });
    expect(pass.length).toBe(1);
    expect(block.length).toBe(1);
    for (const s of pass) {
      expect(s.existsAt(at - 15)).toBe(true);
      expect(s.existsAt(at)).toBe(true);
      expect(s.existsAt(at + 15)).toBe(false);
    }
    for (const s of block) {
      expect(s.existsAt(at - 15)).toBe(false);
      expect(s.existsAt(at)).toBe(true);
      expect(s.valueAt(at)).toBe(0);
      expect(s.valueAt(at + 15)).toBeGreaterThan(0);
    }
  });

  it('resets every counter of the restarted pod right after counterResetAt, including an egress flow', () => {
    const t = mesh.events.counterResetAt;
    const restarted = where({ pod: mesh.events.counterResetPod });
    expect(restarted.some((s) => s.labels.destination_service === 'httpbin.org')).toBe(true);
    for (const s of restarted) expect(s.valueAt(t + 15)).toBeLessThan(s.valueAt(t));
    for (const s of all.filter((x) => x.labels.pod !== mesh.events.counterResetPod)) {
      expect(s.valueAt(t + 15)).toBeGreaterThanOrEqual(s.valueAt(t));
    }
  });
});
