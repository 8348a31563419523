import { describe, expect, it } from 'vitest';
import type { EgressFlow } from '../../lib/egress/types';
import { CounterSeries, rateAt } from './counter-series';
import { DEMO_CONTROL_HOST, DEMO_CRLF_HOST, DEMO_FORMULA_HOSTS, DEMO_LONG_HOST, DEMO_PERCENT_HOST, DEMO_QUOTES_HOST, DEMO_SCRIPT_HOST, DEMO_UNICODE_HOST } from './hostile';
import { createDemoMesh, demoSeries } from './mesh';
import { expectedFlows, expectedHostId } from './oracle';
import { DEMO_EGRESS_WAYPOINT, DEMO_HOSTILE_HOST, DEMO_IP_NAMED_SERVICE, DEMO_NOT_EGRESS } from './small-mesh';
import type { DemoSeries } from './types';

const ORIGIN = 1_700_000_100;
const mesh = createDemoMesh({ origin: ORIGIN });
const all: DemoSeries[] = [...demoSeries(mesh)];
const counters: CounterSeries[] = all.filter((s): s is CounterSeries => s instanceof CounterSeries);
const { counterResetAt, switchToBlockedAt } = mesh.events;

function find(flows: readonly EgressFlow[], workload: string, host: string | null, status?: string): EgressFlow | undefined {
  return flows.find((f) => f.source.workload === workload && f.destination.host === host && (status === undefined || f.destination.status === status));
}

/** Prometheus' extrapolatedRate (promql/functions.go) over the samples in (end - range, end]. */
function prometheusRate(s: DemoSeries, end: number, range: number, step = 15): number | undefined {
  const pts: [number, number][] = [];
  for (let t = Math.ceil((end - range) / step) * step; t <= end; t += step) {
    if (t > end - range && s.existsAt(t)) pts.push([t, s.valueAt(t)]);
  }
  const first = pts[0];
  const last = pts[pts.length - 1];
  if (!first || !last || pts.length < 2) return undefined;
  let result = last[1] - first[1];
  for (let i = 1; i < pts.length; i++) {
    const [, prev] = pts[i - 1] ?? [0, 0];
    const [, cur] = pts[i] ?? [0, 0];
    if (cur < prev) result += prev;
  }
  const sampled = last[0] - first[0];
  const avg = sampled / (pts.length - 1);
  let toStart = first[0] - (end - range);
  const toEnd = end - last[0];
  if (result > 0 && first[1] >= 0) toStart = Math.min(toStart, sampled * (first[1] / result));
  const threshold = avg * 1.1;
  const interval = sampled + (toStart < threshold ? toStart : avg / 2) + (toEnd < threshold ? toEnd : avg / 2);
  return (result * interval) / sampled / range;
}

function asCounter(s: DemoSeries): CounterSeries {
  if (!(s instanceof CounterSeries)) throw new Error('demoSeries yields CounterSeries');
  return s;
}

/** The client-side series of a flow (its sidecar, ztunnel or egress waypoint), selected by labels (a test-only re-derivation of the classification). */
function flowSeries(flow: EgressFlow): CounterSeries[] {
  const cluster = { passthrough: 'PassthroughCluster', blocked: 'BlackHoleCluster', registered: undefined }[flow.destination.status];
  return counters.filter((s) => {
    const l = s.labels;
    if (l.reporter !== 'source' && l.reporter !== 'waypoint') return false;
    if (l.source_workload !== flow.source.workload || l.source_workload_namespace !== flow.source.namespace || l.source_cluster !== flow.source.cluster) return false;
    if ((flow.protocol === 'tcp') !== (l.request_protocol === 'tcp')) return false;
    const host = flow.destination.host === null ? 'unknown' : flow.destination.host;
    // A first hop (to the egress gateway, or ztunnel's to the waypoint); what the waypoint itself reported.
    if (flow.via && flow.destination.host === null) return l.reporter === 'source' && l.destination_workload === flow.via.workload;
    if (flow.via && flow.dataPlane === 'ambient') return l.reporter === 'waypoint' && l.destination_service === host;
    if (l.reporter !== 'source') return false;
    if (flow.via) return l.destination_workload === flow.via.workload;
    // ztunnel: all unknown (passthrough), or the host with the ServiceEntry's name as service name and workload.
    if (flow.dataPlane === 'ambient') {
      if (flow.destination.host === null) return l.destination_service === 'unknown' && l.destination_service_name === 'unknown' && l.destination_workload === 'unknown';
      return l.destination_service === host && l.destination_workload === l.destination_service_name && l.destination_service_name !== host;
    }
    if (cluster ? l.destination_service_name !== cluster : l.destination_service_name !== l.destination_service) return false;
    // Host headers are reported lower-cased (the hostile ones are sent in upper case too).
    return l.destination_service?.replace(/:\d+$/, '').toLowerCase() === host;
  });
}

describe('expectedFlows: classification', () => {
  const flows = expectedFlows(mesh, { end: ORIGIN + 3 * 3600, window: 300 });

  it('lists exactly the declared egress flows after the switch', () => {
    const keys = flows.map(
      (f) =>
        `${f.source.namespace}/${f.source.workload} ${f.destination.host ?? '-'} ${f.destination.status} ${f.protocol}${f.via ? ' via' : ''}${f.dataPlane === 'ambient' ? ' ambient' : ''}${f.source.cluster === 'east' ? '' : ` @${f.source.cluster}`}`,
    );
    expect(keys).toEqual([
      'ambient-shop/notifier - registered tcp via ambient',
      'ambient-shop/notifier api.sendgrid.com registered http via ambient',
      'ambient-shop/notifier hooks.slack.com registered tcp via ambient',
      'ambient-shop/ratings-v1 api.mailgun.net registered tcp ambient',
      'ambient-shop/reviews-v1 - passthrough tcp ambient',
      'data/cdc-connector - blocked tcp',
      `data/etl-worker ${DEMO_FORMULA_HOSTS.hyperlink} blocked http`,
      `data/etl-worker ${DEMO_FORMULA_HOSTS.at} blocked http`,
      `data/etl-worker ${DEMO_UNICODE_HOST} blocked http`,
      `data/etl-worker ${DEMO_LONG_HOST} blocked http`,
      'data/etl-worker pastebin.com blocked http',
      `data/etl-worker ${DEMO_CONTROL_HOST} blocked http`,
      'data/warehouse-loader *.googleapis.com registered tcp',
      'istio-system/istio-egressgateway api.shipengine.com registered http',
      'istio-system/istio-egressgateway huggingface.co registered tcp',
      `legacy/cms-v1 ${DEMO_PERCENT_HOST} passthrough http`,
      `legacy/cms-v1 ${DEMO_FORMULA_HOSTS.plus} passthrough http`,
      `legacy/cms-v1 ${DEMO_FORMULA_HOSTS.minus} passthrough http`,
      `legacy/cms-v1 ${DEMO_HOSTILE_HOST} passthrough http`,
      `legacy/cms-v1 ${DEMO_SCRIPT_HOST} passthrough http`,
      `legacy/cms-v1 ${DEMO_QUOTES_HOST} passthrough http`,
      `legacy/cms-v1 ${DEMO_CRLF_HOST} passthrough http`,
      `legacy/cms-v1 ${DEMO_UNICODE_HOST} passthrough http`,
      `legacy/cms-v1 ${DEMO_LONG_HOST} passthrough http`,
      'legacy/cms-v1 legacy-partner.example.net passthrough http',
      `legacy/cms-v1 ${DEMO_CONTROL_HOST} passthrough http`,
      'legacy/report-builder api.ipify.org blocked http',
      'ml/feature-store api.open-meteo.com passthrough http',
      'ml/model-server-v3 - passthrough tcp',
      'ml/model-trainer - registered tcp via',
      'ml/model-trainer *.googleapis.com registered tcp',
      'payments/fx-rates api.currencylayer.com registered http',
      'payments/payment-gateway api.stripe.com registered tcp',
      'shop/cart-v1 - passthrough tcp',
      'shop/checkout-v1 - registered http via',
      'shop/checkout-v1 203.0.113.10 passthrough http',
      'shop/checkout-v1 203.0.113.10 passthrough http @west',
      'shop/checkout-v1 api.postcodes.io passthrough http @west',
      'shop/frontend-v2 api.honeycomb.io registered grpc',
      'shop/frontend-v2 httpbin.org passthrough http',
      'shop/frontend-v2 api.honeycomb.io registered grpc @west',
    ]);
  });

  it('excludes in-mesh, pod-IP passthrough and unknown-source traffic', () => {
    for (const n of DEMO_NOT_EGRESS) {
      const host = n.destinationService.replace(/:\d+$/, '');
      expect(flows.some((f) => f.destination.host === host || f.destination.host === n.destinationService)).toBe(false);
    }
    expect(flows.some((f) => f.source.workload === 'unknown' || f.source.namespace === 'unknown')).toBe(false);
    expect(flows.some((f) => f.source.workload === 'billing-batch')).toBe(false);
    for (const f of flows) {
      expect(f.destination.host?.endsWith('.svc.cluster.local') ?? false).toBe(false);
    }
  });

  it('merges host:port into the host with ports, and marks IP literals', () => {
    expect(find(flows, 'frontend-v2', 'httpbin.org')?.destination).toEqual({ host: 'httpbin.org', hostId: expectedHostId('httpbin.org'), status: 'passthrough', ports: [8080] });
    expect(find(flows, 'checkout-v1', '203.0.113.10')?.destination).toEqual({ host: '203.0.113.10', hostId: expectedHostId('203.0.113.10'), status: 'passthrough', ports: [8080], ip: true });
  });

  it('describes both egress-gateway hops', () => {
    const hop1 = find(flows, 'checkout-v1', null);
    expect(hop1).toMatchObject({ destination: { host: null, status: 'registered' }, via: { namespace: 'istio-system', workload: 'istio-egressgateway' }, protocol: 'http' });
    expect(hop1?.destination.serviceEntryNamespace).toBeUndefined();
    const hop2 = find(flows, 'istio-egressgateway', 'api.shipengine.com');
    expect(hop2?.destination.serviceEntryNamespace).toBe('istio-system');
    expect(hop2?.requestsPerSecond).toBeCloseTo(hop1?.requestsPerSecond ?? 0, 9);
    expect(hop2?.via).toBeUndefined();
  });

  it('reports health mixes, flags and TCP shapes', () => {
    const degraded = find(flows, 'feature-store', 'api.open-meteo.com');
    expect((degraded?.responses?.['503'] ?? 0) / (degraded?.requestsPerSecond ?? 1)).toBeCloseTo(0.05, 9);
    expect(degraded?.responseFlags).toBeUndefined();
    const failing = find(flows, 'cms-v1', 'legacy-partner.example.net');
    const fivexx = (failing?.responses?.['503'] ?? 0) + (failing?.responses?.['500'] ?? 0);
    expect(fivexx / (failing?.requestsPerSecond ?? 1)).toBeCloseTo(0.3, 9);
    expect(failing?.responseFlags?.UF).toBeCloseTo(0.8 * 0.2, 9);
    const tcpBlocked = find(flows, 'cdc-connector', null);
    expect(tcpBlocked?.bytesPerSecond).toBeUndefined();
    expect(tcpBlocked?.responseFlags?.UH).toBe(tcpBlocked?.connectionsPerSecond);
    expect(find(flows, 'etl-worker', 'pastebin.com')?.responses).toEqual({ '502': expect.closeTo(0.2, 9) });
    const stripe = find(flows, 'payment-gateway', 'api.stripe.com');
    expect(stripe?.requestsPerSecond).toBeUndefined();
    expect((stripe?.bytesPerSecond ?? 0) / (stripe?.connectionsPerSecond ?? 1)).toBeCloseTo(28000 / 3, 6);
  });

  it('never emits undefined-valued keys', () => {
    const check = (v: unknown): void => {
      if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) {
        expect(x, k).not.toBeUndefined();
        check(x);
      }
    };
    check(flows);
  });
});

describe('expectedFlows: ambient and a second cluster', () => {
  const flows = expectedFlows(mesh, { end: ORIGIN + 3 * 3600, window: 300 });
  const notifier = flows.filter((f) => f.source.workload === 'notifier');

  it('gives every flow its data plane and cluster; only the ambient namespace is ambient', () => {
    for (const f of flows) {
      expect(f.dataPlane).toBe(f.source.namespace === 'ambient-shop' ? 'ambient' : 'sidecar');
      expect(['east', 'west']).toContain(f.source.cluster);
    }
  });

  it('ztunnel passthrough has no host; ztunnel to a ServiceEntry is registered with its namespace', () => {
    expect(find(flows, 'reviews-v1', null)).toMatchObject({ destination: { host: null, status: 'passthrough' }, dataPlane: 'ambient', protocol: 'tcp' });
    expect(find(flows, 'reviews-v1', null)?.via).toBeUndefined();
    expect(find(flows, 'ratings-v1', 'api.mailgun.net')).toMatchObject({ destination: { status: 'registered', serviceEntryNamespace: 'ambient-shop' }, dataPlane: 'ambient' });
  });

  it('egress through the waypoint: one first hop (host null, via the waypoint), and the hosts the waypoint reported, via it; nothing counted twice', () => {
    const hop = notifier.filter((f) => f.destination.host === null);
    expect(hop).toHaveLength(1);
    expect(hop[0]).toMatchObject({ via: DEMO_EGRESS_WAYPOINT, destination: { status: 'registered' }, protocol: 'tcp', dataPlane: 'ambient' });
    // Both hops' connections (sendgrid 0.2/s, slack 0.1/s), once.
    expect(hop[0]?.connectionsPerSecond).toBeCloseTo(0.3, 9);
    const sendgrid = flows.filter((f) => f.destination.host === 'api.sendgrid.com');
    expect(sendgrid).toHaveLength(1);
    expect(sendgrid[0]).toMatchObject({ via: DEMO_EGRESS_WAYPOINT, protocol: 'http', destination: { serviceEntryNamespace: 'istio-egress' } });
    expect(((sendgrid[0]?.responses?.['429'] ?? 0) / (sendgrid[0]?.requestsPerSecond ?? 1))).toBeCloseTo(0.02, 9);
    const slack = flows.filter((f) => f.destination.host === 'hooks.slack.com');
    expect(slack).toHaveLength(1);
    expect(slack[0]).toMatchObject({ via: DEMO_EGRESS_WAYPOINT, protocol: 'tcp', connectionsPerSecond: expect.closeTo(0.1, 9), bytesPerSecond: expect.closeTo(1500 + 800, 6) });
  });

  it('the same namespace/workload in two clusters is two flows; a host only west calls is west\'s', () => {
    const ip = flows.filter((f) => f.source.workload === 'checkout-v1' && f.destination.host === '203.0.113.10');
    expect(ip.map((f) => f.source.cluster)).toEqual(['east', 'west']);
    expect(ip[1]?.requestsPerSecond).toBeCloseTo(0.7, 9);
    expect(flows.filter((f) => f.destination.host === 'api.postcodes.io').map((f) => f.source)).toEqual([{ namespace: 'shop', workload: 'checkout-v1', cluster: 'west' }]);
  });

  it('never makes the IP named as a service a host', () => {
    expect(flows.some((f) => f.destination.host === DEMO_IP_NAMED_SERVICE || f.destination.host === '10.20.30.40')).toBe(false);
  });
});

describe('expectedFlows: the switch to blocked', () => {
  const status = (end: number, window: number): string[] =>
    expectedFlows(mesh, { end, window }).filter((f) => f.destination.host === 'api.ipify.org').map((f) => f.destination.status);

  it('is passthrough before, both across, blocked after', () => {
    expect(status(switchToBlockedAt, 300)).toEqual(['passthrough']);
    expect(status(switchToBlockedAt + 150, 300)).toEqual(['blocked', 'passthrough']);
    expect(status(switchToBlockedAt + 300, 300)).toEqual(['blocked']);
  });
});

describe('expectedFlows: rates', () => {
  const ends = [ORIGIN + 600, counterResetAt + 120, counterResetAt + 7.5, ORIGIN + 2.5 * 3600 + 7, ORIGIN + 24 * 3600];

  it('equal numeric integration of the instantaneous rate (pods and codes summed)', () => {
    for (const end of ends) {
      for (const flow of expectedFlows(mesh, { end, window: 300 })) {
        const family =
          flow.protocol !== 'tcp'
            ? 'istio_requests_total'
            : flow.destination.status === 'blocked'
              ? 'istio_tcp_connections_closed_total'
              : 'istio_tcp_connections_opened_total';
        const chosen = flowSeries(flow).filter((s) => s.name === family);
        expect(chosen.length).toBeGreaterThan(0);
        let integral = 0;
        const n = 600;
        for (let i = 0; i < n; i++) {
          const t = end - 300 + (i + 0.5) * (300 / n);
          for (const s of chosen) if (s.existsAt(t)) integral += (rateAt(s.rate, t) * 300) / n;
        }
        const rate = flow.protocol === 'tcp' ? flow.connectionsPerSecond : flow.requestsPerSecond;
        expect(rate, JSON.stringify(flow)).toBeCloseTo(integral / 300, 6);
      }
    }
  });

  it('equal counter differences, adding back the count lost at the reset', () => {
    const end = counterResetAt + 120;
    const flow = find(expectedFlows(mesh, { end, window: 300 }), 'frontend-v2', 'httpbin.org');
    const series = all.filter((s) => s.name === 'istio_requests_total' && s.labels.destination_service?.startsWith('httpbin.org'));
    let diff = 0;
    for (const s of series) {
      diff += s.valueAt(end) - s.valueAt(end - 300);
      if (s.labels.pod === mesh.events.counterResetPod) diff += s.valueAt(counterResetAt);
    }
    expect(flow?.requestsPerSecond).toBeCloseTo(diff / 300, 9);
  });

  it('match Prometheus rate() over 15 s samples within 0.1% per series', () => {
    for (const end of [ORIGIN + 1200, counterResetAt + 60, counterResetAt + 307, ORIGIN + 5 * 3600 + 3, ORIGIN + 30 * 3600]) {
      for (const s of all) {
        if (s.labels.reporter !== 'source' && s.labels.reporter !== 'waypoint') continue;
        if (Math.abs(end - switchToBlockedAt) < 330) continue; // the series ends/starts inside the window
        const prom = prometheusRate(s, end, 300) ?? 0;
        const exact = asCounter(s).increase(end - 300, end) / 300;
        if (exact === 0) expect(prom).toBe(0);
        else expect(Math.abs(prom / exact - 1), JSON.stringify(s.labels)).toBeLessThan(0.001);
      }
    }
  });
});
