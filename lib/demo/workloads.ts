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

/** Deployment pod names: `<deployment>-<replicaset hash>-<pod suffix>`. */
export function podNames(deployment: string, count: number): string[] {
  const rs = suffix(`${deployment}/rs`, 10);
  return Array.from({ length: count }, (_, i) => `${deployment}-${rs}-${suffix(`${deployment}/${i}`, 5)}`);
}

interface WorkloadInit {
  readonly namespace: string;
  readonly name: string;
  readonly app: string;
  readonly version?: string;
  readonly serviceAccount?: string;
  readonly pods: number;
}

function workload(init: WorkloadInit): DemoWorkload {
  return {
    namespace: init.namespace,
    name: init.name,
    app: init.app,
    ...(init.version !== undefined ? { version: init.version } : {}),
    serviceAccount: init.serviceAccount ?? init.app,
    pods: podNames(init.name, init.pods),
  };
}

/** Namespaces of the small demo mesh; `data` is REGISTRY_ONLY (a Sidecar override). */
export const DEMO_NAMESPACES = ['shop', 'payments', 'data', 'ml', 'legacy', 'istio-system'] as const;

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
  cms: workload({ namespace: 'legacy', name: 'cms-v1', app: 'cms', version: 'v1', pods: 1 }),
  reportBuilder: workload({ namespace: 'legacy', name: 'report-builder', app: 'report-builder', pods: 1 }),
  billingBatch: workload({ namespace: 'legacy', name: 'billing-batch', app: 'billing-batch', version: 'v1', pods: 1 }),
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
