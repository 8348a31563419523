/** The small demo mesh: one traffic definition per egress case of facts §2, each with its declared classification. */
import type { WorkloadRef } from '../../lib/egress/types';
import { DEMO_HOSTILE_BLOCKED, DEMO_HOSTILE_PASSTHROUGH } from './hostile';
import { serviceDestination } from './labels';
import type { DemoServiceEntry, DemoTraffic, DemoWorkload, RateSpec } from './types';
import { W } from './workloads';

const HOUR = 3600;

/** A Host header that is hostile HTML: the UI must render it as text. */
export const DEMO_HOSTILE_HOST = '<img src=x onerror=alert(1)>.evil.test';

/** The pod IP behind a PassthroughCluster call with a known destination workload (not egress). */
export const DEMO_POD_IP_SERVICE = '10.244.1.7:8080';

/** An IP literal named as a service, no workload: incomplete telemetry during pod churn (facts §9), never a host. */
export const DEMO_IP_NAMED_SERVICE = '10.20.30.40:9080';

/** Traffic the API must NOT report as egress: in-mesh, pod-IP passthrough, unknown source. */
export const DEMO_NOT_EGRESS = [
  { reason: 'in-mesh', source: { namespace: 'shop', workload: 'frontend-v2' }, destinationService: 'productpage.shop.svc.cluster.local' },
  // Across namespaces: what a Sidecar's egress hosts must keep visible (issue 12).
  { reason: 'in-mesh', source: { namespace: 'shop', workload: 'checkout-v1' }, destinationService: 'payment-gateway.payments.svc.cluster.local' },
  { reason: 'in-mesh', source: { namespace: 'data', workload: 'warehouse-loader' }, destinationService: 'feature-store.ml.svc.cluster.local' },
  { reason: 'pod-ip-passthrough', source: { namespace: 'legacy', workload: 'billing-batch' }, destinationService: DEMO_POD_IP_SERVICE },
  { reason: 'unknown-source', source: { namespace: 'unknown', workload: 'unknown' }, destinationService: 'ifconfig.me' },
  { reason: 'ip-named-artefact', source: { namespace: 'shop', workload: 'cart-v1' }, destinationService: DEMO_IP_NAMED_SERVICE },
] as const;

/** The egress waypoint (Gateway `waypoint` in istio-egress) as a flow's `via`. */
export const DEMO_EGRESS_WAYPOINT: WorkloadRef = { namespace: 'istio-egress', workload: 'waypoint' };

/** ServiceEntries of the ambient namespace: two bound to the egress waypoint, one reached by ztunnel directly. */
export const DEMO_AMBIENT_SERVICE_ENTRIES = {
  sendgrid: { host: 'api.sendgrid.com', name: 'sendgrid', namespace: 'istio-egress' },
  slack: { host: 'hooks.slack.com', name: 'slack', namespace: 'istio-egress' },
  mailgun: { host: 'api.mailgun.net', name: 'mailgun', namespace: 'ambient-shop' },
} as const satisfies Record<string, DemoServiceEntry>;

/** The egress gateway as a flow's `via`. */
export const DEMO_EGRESS_GATEWAY: WorkloadRef = { namespace: 'istio-system', workload: 'istio-egressgateway' };

function steady(perSecond: number): RateSpec {
  return { perSecond, amplitude: 0, period: HOUR, phase: 0 };
}

/** A slow ±amplitude sine; periods of 6 h or more keep 5-minute rates within 0.1% of the average. */
function wave(perSecond: number, amplitude: number, periodHours: number, phase: number): RateSpec {
  return { perSecond, amplitude, period: periodHours * HOUR, phase };
}

const gatewayDestination = serviceDestination(W.egressGateway, 'istio-egressgateway');

function podIpDestination(w: DemoWorkload, address: string): DemoTraffic['destination'] {
  return { kind: 'workload', workload: w, service: address, serviceName: 'PassthroughCluster', serviceNamespace: 'unknown' };
}

const SOURCE = ['source'] as const;
const WAYPOINT = ['waypoint'] as const;
const BOTH = ['source', 'destination'] as const;

/** Hostile Host headers (./hostile.ts): passthrough from legacy/cms-v1, blocked (502) from data/etl-worker. */
function hostileTraffic(): DemoTraffic[] {
  return [
    ...DEMO_HOSTILE_PASSTHROUGH.map(
      (h): DemoTraffic => ({
        id: `cms-hostile-${h.key}`, source: W.cms, protocol: 'http', reporters: SOURCE,
        destination: { kind: 'passthrough', hostHeader: h.hostHeader },
        rate: steady(0.05),
        expect: { status: 'passthrough', host: h.host },
      }),
    ),
    ...DEMO_HOSTILE_BLOCKED.map(
      (h): DemoTraffic => ({
        id: `etl-hostile-${h.key}`, source: W.etlWorker, protocol: 'http', reporters: SOURCE,
        destination: { kind: 'blackhole', hostHeader: h.hostHeader },
        rate: steady(0.05), responses: [{ code: '502', share: 1 }],
        expect: { status: 'blocked', host: h.host },
      }),
    ),
  ];
}

const AMBIENT = { dataPlane: 'ambient' } as const;

/**
 * 13. The ambient namespace (research §2.2-2.4): ztunnel passthrough, ztunnel
 * straight to a ServiceEntry, and egress through the waypoint, which ztunnel
 * reports as a hop (host null, via the waypoint) and the waypoint as the host
 * (reporter="waypoint"): the same traffic, counted once per flow kind.
 */
function ambientTraffic(): DemoTraffic[] {
  const { sendgrid, slack, mailgun } = DEMO_AMBIENT_SERVICE_ENTRIES;
  const waypoint = W.waypoint;
  const hop = { status: 'registered', host: null, via: DEMO_EGRESS_WAYPOINT, ...AMBIENT } as const;
  return [
    {
      id: 'reviews-ztunnel-passthrough', source: W.reviews, protocol: 'tcp', reporters: SOURCE,
      destination: { kind: 'ztunnel-passthrough' },
      rate: wave(0.4, 0.1, 8, 0.3), bytes: { sent: 2000, received: 9000 },
      expect: { status: 'passthrough', host: null, ...AMBIENT },
    },
    {
      id: 'ratings-mailgun', source: W.ratings, protocol: 'tcp', reporters: SOURCE,
      destination: { kind: 'ambient-service-entry', serviceEntry: mailgun },
      rate: steady(0.3), bytes: { sent: 6000, received: 1500 },
      expect: { status: 'registered', host: mailgun.host, serviceEntryNamespace: mailgun.namespace, ...AMBIENT },
    },
    {
      id: 'notifier-hop-sendgrid', source: W.notifier, protocol: 'tcp', reporters: SOURCE,
      destination: { kind: 'waypoint-hop', serviceEntry: sendgrid, waypoint },
      rate: steady(0.2), bytes: { sent: 9000, received: 3000 }, expect: hop,
    },
    {
      id: 'notifier-hop-slack', source: W.notifier, protocol: 'tcp', reporters: SOURCE,
      destination: { kind: 'waypoint-hop', serviceEntry: slack, waypoint },
      rate: steady(0.1), bytes: { sent: 1500, received: 800 }, expect: hop,
    },
    {
      // HTTP port: the waypoint counts requests (ztunnel above counts the connections carrying them).
      id: 'waypoint-sendgrid', source: W.notifier, protocol: 'http', reporters: WAYPOINT,
      destination: { kind: 'waypoint-service-entry', serviceEntry: sendgrid, waypoint },
      rate: wave(1.5, 0.1, 6, 0.2), responses: [{ code: '202', share: 0.98 }, { code: '429', share: 0.02 }],
      expect: { status: 'registered', host: sendgrid.host, serviceEntryNamespace: sendgrid.namespace, via: DEMO_EGRESS_WAYPOINT, ...AMBIENT },
    },
    {
      // TLS port: TCP metrics from the waypoint too.
      id: 'waypoint-slack', source: W.notifier, protocol: 'tcp', reporters: WAYPOINT,
      destination: { kind: 'waypoint-service-entry', serviceEntry: slack, waypoint },
      rate: steady(0.1), bytes: { sent: 1500, received: 800 },
      expect: { status: 'registered', host: slack.host, serviceEntryNamespace: slack.namespace, via: DEMO_EGRESS_WAYPOINT, ...AMBIENT },
    },
  ];
}

/**
 * 14. The west cluster: shop/checkout-v1 and shop/frontend-v2 run there too
 * (other pods, source_cluster="west"): two flows each where east calls the
 * same host, and a host only west calls.
 */
function westTraffic(): DemoTraffic[] {
  return [
    {
      id: 'west-checkout-ip', source: W.checkoutWest, protocol: 'http', reporters: SOURCE,
      destination: { kind: 'passthrough', hostHeader: '203.0.113.10:8080' },
      rate: steady(0.7),
      expect: { status: 'passthrough', host: '203.0.113.10', port: 8080, ip: true },
    },
    {
      id: 'west-checkout-postcodes', source: W.checkoutWest, protocol: 'http', reporters: SOURCE,
      destination: { kind: 'passthrough', hostHeader: 'api.postcodes.io' },
      rate: wave(0.6, 0.1, 8, 0.8),
      expect: { status: 'passthrough', host: 'api.postcodes.io' },
    },
    {
      id: 'west-frontend-honeycomb-grpc', source: W.frontendWest, protocol: 'grpc', reporters: SOURCE,
      destination: { kind: 'service-entry', host: 'api.honeycomb.io', namespace: 'istio-system' },
      rate: steady(1.5),
      expect: { status: 'registered', host: 'api.honeycomb.io', serviceEntryNamespace: 'istio-system' },
    },
  ];
}

/** Every traffic definition of the small mesh; the report-builder host switches to blocked at `switchToBlockedAt`. */
export function smallMeshTraffic(switchToBlockedAt: number): DemoTraffic[] {
  return [
    // 1. HTTP passthrough (ALLOW_ANY): Host header as sent.
    {
      id: 'frontend-httpbin', source: W.frontend, protocol: 'http', reporters: SOURCE,
      destination: { kind: 'passthrough', hostHeader: 'httpbin.org' },
      rate: wave(4, 0.2, 6, 0), responses: [{ code: '200', share: 0.95 }, { code: '404', share: 0.05 }],
      expect: { status: 'passthrough', host: 'httpbin.org' },
    },
    {
      id: 'frontend-httpbin-8080', source: W.frontend, protocol: 'http', reporters: SOURCE,
      destination: { kind: 'passthrough', hostHeader: 'httpbin.org:8080' },
      rate: steady(0.5),
      expect: { status: 'passthrough', host: 'httpbin.org', port: 8080 },
    },
    {
      id: 'checkout-ip', source: W.checkout, protocol: 'http', reporters: SOURCE,
      destination: { kind: 'passthrough', hostHeader: '203.0.113.10:8080' },
      rate: wave(1.2, 0.1, 8, 0.25),
      expect: { status: 'passthrough', host: '203.0.113.10', port: 8080, ip: true },
    },
    {
      // Degraded: ~5% 503 from the upstream.
      id: 'feature-store-weather', source: W.featureStore, protocol: 'http', reporters: SOURCE,
      destination: { kind: 'passthrough', hostHeader: 'api.open-meteo.com' },
      rate: wave(2, 0.15, 12, 0.5), responses: [{ code: '200', share: 0.95 }, { code: '503', share: 0.05 }],
      expect: { status: 'passthrough', host: 'api.open-meteo.com' },
    },
    {
      // Failing: 30% 5xx, the 503s generated by Envoy (upstream connect failure).
      id: 'cms-partner', source: W.cms, protocol: 'http', reporters: SOURCE,
      destination: { kind: 'passthrough', hostHeader: 'legacy-partner.example.net' },
      rate: steady(0.8),
      responses: [{ code: '200', share: 0.7 }, { code: '503', share: 0.2, flags: 'UF' }, { code: '500', share: 0.1 }],
      expect: { status: 'passthrough', host: 'legacy-partner.example.net' },
    },
    // 12. Hostile Host headers (HTML here; quotes, control characters, 10 kB, bidi, CSV formulas in ./hostile.ts).
    {
      id: 'cms-hostile', source: W.cms, protocol: 'http', reporters: SOURCE,
      destination: { kind: 'passthrough', hostHeader: DEMO_HOSTILE_HOST },
      rate: steady(0.1),
      expect: { status: 'passthrough', host: DEMO_HOSTILE_HOST },
    },
    ...hostileTraffic(),
    // 2. TLS/TCP passthrough: who, never where.
    {
      id: 'cart-tls', source: W.cart, protocol: 'tcp', reporters: SOURCE,
      destination: { kind: 'passthrough' },
      rate: wave(0.6, 0.2, 8, 0.1), bytes: { sent: 3000, received: 12000 },
      expect: { status: 'passthrough', host: null },
    },
    {
      id: 'model-server-tls', source: W.modelServer, protocol: 'tcp', reporters: SOURCE,
      destination: { kind: 'passthrough' },
      rate: steady(0.3), bytes: { sent: 1500, received: 40000 },
      expect: { status: 'passthrough', host: null },
    },
    // 3. HTTP BlackHole (data is REGISTRY_ONLY): an exfiltration attempt.
    {
      id: 'etl-pastebin', source: W.etlWorker, protocol: 'http', reporters: SOURCE,
      destination: { kind: 'blackhole', hostHeader: 'pastebin.com' },
      rate: steady(0.2), responses: [{ code: '502', share: 1 }],
      expect: { status: 'blocked', host: 'pastebin.com' },
    },
    // 4. TCP BlackHole: only connections_closed, flag UH.
    {
      id: 'cdc-blocked-tcp', source: W.cdcConnector, protocol: 'tcp', reporters: SOURCE,
      destination: { kind: 'blackhole' },
      rate: wave(0.5, 0.1, 6, 0.75),
      expect: { status: 'blocked', host: null },
    },
    // 5. Registered ServiceEntry hosts.
    {
      id: 'fx-currencylayer', source: W.fxRates, protocol: 'http', reporters: SOURCE,
      destination: { kind: 'service-entry', host: 'api.currencylayer.com', namespace: 'payments' },
      rate: steady(0.5),
      expect: { status: 'registered', host: 'api.currencylayer.com', serviceEntryNamespace: 'payments' },
    },
    {
      id: 'payment-stripe', source: W.paymentGateway, protocol: 'tcp', reporters: SOURCE,
      destination: { kind: 'service-entry', host: 'api.stripe.com', namespace: 'payments' },
      rate: wave(3, 0.2, 6, 0.4), bytes: { sent: 8000, received: 20000 },
      expect: { status: 'registered', host: 'api.stripe.com', serviceEntryNamespace: 'payments' },
    },
    {
      id: 'trainer-googleapis', source: W.modelTrainer, protocol: 'tcp', reporters: SOURCE,
      destination: { kind: 'service-entry', host: '*.googleapis.com', namespace: 'ml' },
      rate: wave(1.5, 0.15, 8, 0.6), bytes: { sent: 50000, received: 5000 },
      expect: { status: 'registered', host: '*.googleapis.com', serviceEntryNamespace: 'ml' },
    },
    {
      id: 'warehouse-googleapis', source: W.warehouseLoader, protocol: 'tcp', reporters: SOURCE,
      destination: { kind: 'service-entry', host: '*.googleapis.com', namespace: 'ml' },
      rate: steady(0.4), bytes: { sent: 25000, received: 2000 },
      expect: { status: 'registered', host: '*.googleapis.com', serviceEntryNamespace: 'ml' },
    },
    {
      id: 'frontend-honeycomb-grpc', source: W.frontend, protocol: 'grpc', reporters: SOURCE,
      destination: { kind: 'service-entry', host: 'api.honeycomb.io', namespace: 'istio-system' },
      rate: wave(5, 0.2, 6, 0.9),
      expect: { status: 'registered', host: 'api.honeycomb.io', serviceEntryNamespace: 'istio-system' },
    },
    // 6. Egress gateway, both hops: HTTP from checkout, TLS from model-trainer.
    {
      id: 'checkout-to-gateway', source: W.checkout, protocol: 'http', reporters: SOURCE,
      destination: gatewayDestination,
      rate: wave(1, 0.1, 12, 0.2),
      expect: { status: 'registered', host: null, via: DEMO_EGRESS_GATEWAY },
    },
    {
      id: 'gateway-shipengine', source: W.egressGateway, protocol: 'http', reporters: SOURCE,
      destination: { kind: 'service-entry', host: 'api.shipengine.com', namespace: 'istio-system' },
      rate: wave(1, 0.1, 12, 0.2),
      expect: { status: 'registered', host: 'api.shipengine.com', serviceEntryNamespace: 'istio-system' },
    },
    {
      id: 'trainer-to-gateway', source: W.modelTrainer, protocol: 'tcp', reporters: SOURCE,
      destination: gatewayDestination,
      rate: steady(0.1), bytes: { sent: 2000, received: 200000 },
      expect: { status: 'registered', host: null, via: DEMO_EGRESS_GATEWAY },
    },
    {
      id: 'gateway-huggingface', source: W.egressGateway, protocol: 'tcp', reporters: SOURCE,
      destination: { kind: 'service-entry', host: 'huggingface.co', namespace: 'istio-system' },
      rate: steady(0.1), bytes: { sent: 2000, received: 200000 },
      expect: { status: 'registered', host: 'huggingface.co', serviceEntryNamespace: 'istio-system' },
    },
    // 7. In-mesh traffic, reported by both sidecars: not egress.
    {
      id: 'frontend-productpage', source: W.frontend, protocol: 'http', reporters: BOTH,
      destination: serviceDestination(W.productpage, 'productpage'),
      rate: wave(20, 0.2, 6, 0), responses: [{ code: '200', share: 0.99 }, { code: '500', share: 0.01 }],
      expect: null,
    },
    {
      id: 'productpage-catalog', source: W.productpage, protocol: 'http', reporters: BOTH,
      destination: serviceDestination(W.catalog, 'catalog'), rate: wave(12, 0.2, 6, 0), expect: null,
    },
    {
      id: 'checkout-payment', source: W.checkout, protocol: 'http', reporters: BOTH,
      destination: serviceDestination(W.paymentGateway, 'payment-gateway'), rate: wave(2, 0.1, 8, 0.3), expect: null,
    },
    {
      id: 'payment-ledger', source: W.paymentGateway, protocol: 'grpc', reporters: BOTH,
      destination: serviceDestination(W.ledger, 'ledger'), rate: wave(3, 0.1, 8, 0.3), expect: null,
    },
    {
      id: 'payment-fraud', source: W.paymentGateway, protocol: 'http', reporters: BOTH,
      destination: serviceDestination(W.fraudCheck, 'fraud-check'), rate: wave(2, 0.1, 8, 0.3), expect: null,
    },
    {
      id: 'model-server-features', source: W.modelServer, protocol: 'tcp', reporters: BOTH,
      destination: serviceDestination(W.featureStore, 'feature-store'),
      rate: steady(2), bytes: { sent: 4000, received: 30000 }, expect: null,
    },
    {
      // TCP across namespaces (data -> ml), next to shop -> payments over HTTP above.
      id: 'warehouse-features', source: W.warehouseLoader, protocol: 'tcp', reporters: BOTH,
      destination: serviceDestination(W.featureStore, 'feature-store'),
      rate: steady(0.3), bytes: { sent: 20000, received: 1000 }, expect: null,
    },
    // 8. PassthroughCluster to a pod IP with a known destination workload: not egress.
    {
      id: 'billing-pod-ip', source: W.billingBatch, protocol: 'http', reporters: SOURCE,
      destination: podIpDestination(W.ledger, DEMO_POD_IP_SERVICE), rate: steady(0.5), expect: null,
    },
    // 9. Unknown source with passthrough-looking series: not egress.
    {
      id: 'unknown-ifconfig', source: W.unknownProxy, protocol: 'http', reporters: SOURCE,
      destination: { kind: 'passthrough', hostHeader: 'ifconfig.me' }, rate: steady(0.3), expect: null,
    },
    // 10. An IP named as a service with no workload (pod churn): not egress, never a host.
    {
      id: 'cart-ip-named', source: W.cart, protocol: 'http', reporters: SOURCE,
      destination: { kind: 'ip-named', address: DEMO_IP_NAMED_SERVICE }, rate: steady(0.2), expect: null,
    },
    ...ambientTraffic(),
    ...westTraffic(),
    // 11. Passthrough until the namespace goes REGISTRY_ONLY, then BlackHole 502 for the same host.
    {
      id: 'report-ipify-passthrough', source: W.reportBuilder, protocol: 'http', reporters: SOURCE,
      destination: { kind: 'passthrough', hostHeader: 'api.ipify.org' },
      rate: steady(0.4), until: switchToBlockedAt,
      expect: { status: 'passthrough', host: 'api.ipify.org' },
    },
    {
      id: 'report-ipify-blocked', source: W.reportBuilder, protocol: 'http', reporters: SOURCE,
      destination: { kind: 'blackhole', hostHeader: 'api.ipify.org' },
      rate: steady(0.4), from: switchToBlockedAt, responses: [{ code: '502', share: 1 }],
      expect: { status: 'blocked', host: 'api.ipify.org' },
    },
  ];
}
