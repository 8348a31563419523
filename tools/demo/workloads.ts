/** The small demo mesh's workloads, with deterministic Kubernetes-style pod names. */
import type { DemoWorkload } from './types';

/** Kubernetes' alphabet for generated name suffixes (no vowels, no look-alikes). */
const SUFFIX_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** FNV-1a 32-bit hash of a string. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

function suffix(seed: string, length: number): string {
  let h = hashString(seed);
  let out = '';
  for (let i = 0; i < length; i++) {
    if (i % 6 === 5) h = hashString(`${seed}/${i}`);
    out += SUFFIX_ALPHABET[h % SUFFIX_ALPHABET.length] ?? 'x';
    h = Math.floor(h / SUFFIX_ALPHABET.length);
  }
  return out;
}

/** Deployment pod names: `<deployment>-<replicaset hash>-<pod suffix>`; `seed` (default the name) tells clusters apart. */
export function podNames(deployment: string, count: number, seed = deployment): string[] {
  const rs = suffix(`${seed}/rs`, 10);
  return Array.from({ length: count }, (_, i) => `${deployment}-${rs}-${suffix(`${seed}/${i}`, 5)}`);
}

interface WorkloadInit {
  readonly namespace: string;
  readonly name: string;
  readonly app: string;
  readonly version?: string;
  readonly serviceAccount?: string;
  readonly pods: number;
  /** Default the east cluster (DEMO_CLUSTER); other clusters get other pod names. */
  readonly cluster?: string;
  readonly ambient?: true;
  /** Default DEMO_PROXY_VERSION; ignored for ambient workloads (no sidecar). */
  readonly proxyVersion?: string;
}

/** The east cluster, the demo's first: the one every workload runs in unless it says otherwise. */
export const DEMO_CLUSTER = 'east';
/** The second cluster (multi-primary): a few workloads of the same namespace/name run here too. */
export const DEMO_WEST_CLUSTER = 'west';

/**
 * Sidecar versions (istio_build{component="proxy"}): 1.24 in east, 1.25 in
 * west, and legacy still on a 1.22 revision. A proxy older than 1.23 keeps
 * ISTIO_OUTBOUND_MODE=auto reading a host named without a namespace as a
 * ServiceEntry (registered), today's reading.
 */
export const DEMO_PROXY_VERSION = '1.24.3';
export const DEMO_WEST_PROXY_VERSION = '1.25.2';
export const DEMO_LEGACY_PROXY_VERSION = '1.22.8';
/** The ambient data plane's version (egress waypoint and ztunnel). */
export const DEMO_AMBIENT_VERSION = '1.26.1';

function workload(init: WorkloadInit): DemoWorkload {
  const cluster = init.cluster ?? DEMO_CLUSTER;
  return {
    namespace: init.namespace,
    name: init.name,
    app: init.app,
    ...(init.version !== undefined ? { version: init.version } : {}),
    serviceAccount: init.serviceAccount ?? init.app,
    pods: podNames(init.name, init.pods, cluster === DEMO_CLUSTER ? init.name : `${cluster}/${init.name}`),
    ...(cluster !== DEMO_CLUSTER ? { cluster } : {}),
    ...(init.ambient ? { ambient: true as const } : { proxyVersion: init.proxyVersion ?? DEMO_PROXY_VERSION }),
  };
}

/** Namespaces of the small demo mesh; `data` is REGISTRY_ONLY (a Sidecar override); `ambient-shop` has no sidecars (ztunnel, and the egress waypoint in `istio-egress`). */
export const DEMO_NAMESPACES = ['shop', 'payments', 'data', 'ml', 'legacy', 'ambient-shop', 'istio-egress', 'istio-system'] as const;

/** The ztunnel DaemonSet's pods (one per node, east): ambient pod i runs on node i. */
export const ZTUNNEL_PODS: readonly string[] = ['ztunnel-6dnxj', 'ztunnel-gx2jp'];

export const W = {
  frontend: workload({ namespace: 'shop', name: 'frontend-v2', app: 'frontend', version: 'v2', pods: 3 }),
  productpage: workload({ namespace: 'shop', name: 'productpage-v1', app: 'productpage', version: 'v1', serviceAccount: 'bookinfo-productpage', pods: 2 }),
  cart: workload({ namespace: 'shop', name: 'cart-v1', app: 'cart', version: 'v1', pods: 2 }),
  checkout: workload({ namespace: 'shop', name: 'checkout-v1', app: 'checkout', version: 'v1', pods: 2 }),
  catalog: workload({ namespace: 'shop', name: 'catalog-v1', app: 'catalog', version: 'v1', pods: 1 }),
  paymentGateway: workload({ namespace: 'payments', name: 'payment-gateway', app: 'payment-gateway', pods: 2 }),
  ledger: workload({ namespace: 'payments', name: 'ledger-v1', app: 'ledger', version: 'v1', pods: 2 }),
  fxRates: workload({ namespace: 'payments', name: 'fx-rates', app: 'fx-rates', version: 'v1', pods: 1 }),
  fraudCheck: workload({ namespace: 'payments', name: 'fraud-check-v1', app: 'fraud-check', version: 'v1', pods: 1 }),
  etlWorker: workload({ namespace: 'data', name: 'etl-worker', app: 'etl-worker', pods: 2 }),
  cdcConnector: workload({ namespace: 'data', name: 'cdc-connector', app: 'cdc-connector', version: 'v1', pods: 1 }),
  warehouseLoader: workload({ namespace: 'data', name: 'warehouse-loader', app: 'warehouse-loader', version: 'v1', pods: 1 }),
  modelTrainer: workload({ namespace: 'ml', name: 'model-trainer', app: 'model-trainer', version: 'v1', pods: 2 }),
  modelServer: workload({ namespace: 'ml', name: 'model-server-v3', app: 'model-server', version: 'v3', pods: 3 }),
  featureStore: workload({ namespace: 'ml', name: 'feature-store', app: 'feature-store', version: 'v1', pods: 1 }),
  cms: workload({ namespace: 'legacy', name: 'cms-v1', app: 'cms', version: 'v1', pods: 1, proxyVersion: DEMO_LEGACY_PROXY_VERSION }),
  reportBuilder: workload({ namespace: 'legacy', name: 'report-builder', app: 'report-builder', pods: 1, proxyVersion: DEMO_LEGACY_PROXY_VERSION }),
  billingBatch: workload({ namespace: 'legacy', name: 'billing-batch', app: 'billing-batch', version: 'v1', pods: 1, proxyVersion: DEMO_LEGACY_PROXY_VERSION }),
  // Ambient: no sidecars (ztunnel reports their traffic).
  reviews: workload({ namespace: 'ambient-shop', name: 'reviews-v1', app: 'reviews', version: 'v1', pods: 2, ambient: true }),
  ratings: workload({ namespace: 'ambient-shop', name: 'ratings-v1', app: 'ratings', version: 'v1', pods: 1, ambient: true }),
  notifier: workload({ namespace: 'ambient-shop', name: 'notifier', app: 'notifier', pods: 2, ambient: true }),
  /** The egress waypoint (Gateway `waypoint` in istio-egress), an Envoy. */
  waypoint: workload({ namespace: 'istio-egress', name: 'waypoint', app: 'waypoint', pods: 1, proxyVersion: DEMO_AMBIENT_VERSION }),
  // The second cluster: the same namespace/name as in east, other pods.
  checkoutWest: workload({ namespace: 'shop', name: 'checkout-v1', app: 'checkout', version: 'v1', pods: 2, cluster: DEMO_WEST_CLUSTER, proxyVersion: DEMO_WEST_PROXY_VERSION }),
  frontendWest: workload({ namespace: 'shop', name: 'frontend-v2', app: 'frontend', version: 'v2', pods: 1, cluster: DEMO_WEST_CLUSTER, proxyVersion: DEMO_WEST_PROXY_VERSION }),
  egressGateway: workload({
    namespace: 'istio-system',
    name: 'istio-egressgateway',
    app: 'istio-egressgateway',
    serviceAccount: 'istio-egressgateway-service-account',
    pods: 2,
  }),
  /** A proxy without Istio metadata (e.g. a VM's standalone Envoy): every source label is "unknown". */
  unknownProxy: {
    namespace: 'legacy',
    name: 'unknown',
    app: 'unknown',
    serviceAccount: 'unknown',
    pods: ['vm-proxy-0'],
    unknownIdentity: true,
  },
} as const satisfies Record<string, DemoWorkload>;

/** Every workload of the small demo mesh (the unknown proxy included). */
export const DEMO_WORKLOADS: readonly DemoWorkload[] = Object.values(W);
