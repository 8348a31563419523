import { describe, expect, it } from 'vitest';
import { createDemoMesh, demoSeries } from './mesh';
import { DEMO_HOSTILE_BLOCKED } from './hostile';
import { DEMO_HOSTILE_HOST, DEMO_POD_IP_SERVICE } from './small-mesh';
import type { DemoSeries } from './types';
import { decideOutboundMode } from '../../lib/egress/outbound-mode';
import { DEMO_AMBIENT_SERVICE_ENTRIES, DEMO_IP_NAMED_SERVICE } from './small-mesh';
import { DEMO_NAMESPACES, DEMO_WORKLOADS, W, ZTUNNEL_PODS } from './workloads';

const ORIGIN = 1_700_000_100;
const mesh = createDemoMesh({ origin: ORIGIN });
const all: DemoSeries[] = [...demoSeries(mesh)];
const counters = all.filter((s) => s.type !== 'gauge');

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
/** ztunnel writes locality labels too (research §2.1). */
const LOCALITY_LABELS = ['source_region', 'source_zone', 'destination_region', 'destination_zone'];
const DESTINATION_LABELS = ISTIO_LABELS.filter((l) => l.startsWith('destination_'));

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

  it('gives every counter the full Istio label set plus pod, namespace, job and instance (ztunnel: locality; the scrape: app="ztunnel" on one node, the waypoint\'s gateway name)', () => {
    for (const s of counters) {
      const expected = [...ISTIO_LABELS, ...EXTRA_LABELS];
      if (ZTUNNEL_PODS.includes(s.labels.pod ?? '')) expected.push(...LOCALITY_LABELS);
      if (s.labels.pod === ZTUNNEL_PODS[0]) expected.push('app');
      if (s.labels.reporter === 'waypoint') expected.push('gateway_networking_k8s_io_gateway_name');
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
    const restarted = where({ pod: mesh.events.counterResetPod }).filter((s) => s.type !== 'gauge');
    expect(restarted.some((s) => s.labels.destination_service === 'httpbin.org')).toBe(true);
    for (const s of restarted) expect(s.valueAt(t + 15)).toBeLessThan(s.valueAt(t));
    for (const s of counters.filter((x) => x.labels.pod !== mesh.events.counterResetPod)) {
      expect(s.valueAt(t + 15)).toBeGreaterThanOrEqual(s.valueAt(t));
    }
  });
});

describe('demo mesh labels: ambient (research §2.2-2.4)', () => {
  const ztunnel = counters.filter((s) => ZTUNNEL_PODS.includes(s.labels.pod ?? ''));
  const { sendgrid, slack, mailgun } = DEMO_AMBIENT_SERVICE_ENTRIES;

  it('ambient pods have no sidecar: ztunnel reports them, TCP only, and only one node is scraped with app="ztunnel"', () => {
    const ambientSources = new Set([W.reviews.name, W.ratings.name, W.notifier.name]);
    for (const s of counters.filter((x) => ambientSources.has(x.labels.source_workload ?? '') && x.labels.reporter === 'source')) {
      expect(ZTUNNEL_PODS).toContain(s.labels.pod);
      expect(s.labels).toMatchObject({ namespace: 'istio-system', request_protocol: 'tcp', source_workload_namespace: 'ambient-shop' });
    }
    expect(names(ztunnel)).toEqual(TCP_FAMILIES);
    expect(ztunnel.some((s) => s.labels.app === 'ztunnel')).toBe(true);
    expect(ztunnel.some((s) => s.labels.app === undefined)).toBe(true);
  });

  it('ztunnel passthrough: every destination_* label unknown, even the canonical revision; no principal, no mTLS', () => {
    const pass = ztunnel.filter((s) => s.labels.source_workload === W.reviews.name);
    expect(pass.length).toBeGreaterThan(0);
    for (const s of pass) {
      for (const l of DESTINATION_LABELS) expect(s.labels[l], l).toBe('unknown');
      expect(s.labels).toMatchObject({ connection_security_policy: 'unknown', source_principal: 'unknown', reporter: 'source' });
    }
  });

  it('ztunnel to a ServiceEntry host: the host, the ServiceEntry\'s name as service name and workload, its namespace, plain TCP', () => {
    const se = ztunnel.filter((s) => s.labels.source_workload === W.ratings.name);
    expect(se.length).toBeGreaterThan(0);
    for (const s of se) {
      expect(s.labels).toMatchObject({
        destination_service: mailgun.host,
        destination_service_name: mailgun.name,
        destination_workload: mailgun.name,
        destination_service_namespace: mailgun.namespace,
        destination_workload_namespace: mailgun.namespace,
        destination_principal: `spiffe://cluster.local/ns/${mailgun.namespace}/sa/default`,
        destination_cluster: 'east',
        connection_security_policy: 'unknown',
      });
    }
  });

  it('egress waypoint: ztunnel\'s HBONE hop names the waypoint; the waypoint reports the host twice with no workload, HTTP for one host and TCP for the other', () => {
    const hop = ztunnel.filter((s) => s.labels.source_workload === W.notifier.name);
    expect(new Set(hop.map((s) => s.labels.destination_service))).toEqual(new Set([sendgrid.host, slack.host]));
    for (const s of hop) {
      expect(s.labels).toMatchObject({ destination_workload: 'waypoint', destination_workload_namespace: 'istio-egress', connection_security_policy: 'mutual_tls', request_protocol: 'tcp' });
      expect(s.labels.destination_service_name).toBe(s.labels.destination_service === sendgrid.host ? sendgrid.name : slack.name);
      expect(s.labels.source_principal).toBe('spiffe://cluster.local/ns/ambient-shop/sa/notifier');
    }
    const waypoint = where({ reporter: 'waypoint' });
    expect(names(waypoint.filter((s) => s.labels.destination_service === sendgrid.host))).toEqual(['istio_requests_total']);
    expect(names(waypoint.filter((s) => s.labels.destination_service === slack.host))).toEqual(TCP_FAMILIES);
    for (const s of waypoint) {
      expect(s.labels).toMatchObject({
        source_workload: W.notifier.name,
        source_workload_namespace: 'ambient-shop',
        destination_service_name: s.labels.destination_service,
        destination_service_namespace: 'istio-egress',
        destination_workload: 'unknown',
        destination_canonical_revision: 'unknown',
        destination_cluster: 'unknown',
        namespace: 'istio-egress',
        gateway_networking_k8s_io_gateway_name: 'waypoint',
      });
      expect(W.waypoint.pods).toContain(s.labels.pod);
    }
  });

  it('an IP named as a service with no workload (the artefact that must never become a host)', () => {
    const artefact = where({ destination_service: DEMO_IP_NAMED_SERVICE });
    expect(artefact.length).toBeGreaterThan(0);
    for (const s of artefact) expect(s.labels).toMatchObject({ destination_service_name: DEMO_IP_NAMED_SERVICE, destination_workload: 'unknown', reporter: 'source' });
  });
});

describe('demo mesh: two clusters and proxy versions', () => {
  it('every known source says its cluster; shop/checkout-v1 and shop/frontend-v2 run in east and west on other pods', () => {
    const known = counters.filter((s) => s.labels.source_workload !== 'unknown');
    expect(new Set(known.map((s) => s.labels.source_cluster))).toEqual(new Set(['east', 'west']));
    for (const workload of ['checkout-v1', 'frontend-v2']) {
      const series = known.filter((s) => s.labels.source_workload === workload && s.labels.reporter === 'source');
      expect(new Set(series.map((s) => s.labels.source_cluster))).toEqual(new Set(['east', 'west']));
      const pods = (cluster: string) => new Set(series.filter((s) => s.labels.source_cluster === cluster).map((s) => s.labels.pod));
      expect([...pods('west')].some((p) => pods('east').has(p))).toBe(false);
    }
    expect(where({ source_cluster: 'west', destination_service: 'api.postcodes.io' }).length).toBeGreaterThan(0);
    expect(where({ source_cluster: 'east', destination_service: 'api.postcodes.io' })).toEqual([]);
  });

  it('one istio_build{component="proxy"} per sidecar, gateway and waypoint pod, none for ambient pods; the versions keep ISTIO_OUTBOUND_MODE=auto at registered', () => {
    const builds = all.filter((s) => s.name === 'istio_build');
    for (const s of builds) expect(s.type).toBe('gauge');
    const proxies = builds.filter((s) => s.labels.component === 'proxy');
    const proxyPods = DEMO_WORKLOADS.filter((w) => !w.ambient && !w.unknownIdentity).flatMap((w) => w.pods);
    expect(proxies.map((s) => s.labels.pod).sort()).toEqual([...proxyPods].sort());
    expect(builds.filter((s) => s.labels.component === 'ztunnel').map((s) => s.labels.pod)).toEqual([...ZTUNNEL_PODS]);
    const tags = proxies.map((s) => s.labels.tag ?? '');
    expect(new Set(tags)).toEqual(new Set(['1.22.8', '1.24.3', '1.25.2', '1.26.1']));
    expect(decideOutboundMode('auto', tags).hostNamedWithoutNamespace).toBe('registered');
  });
});
