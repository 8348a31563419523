/**
 * CRD schema validation cost (issue 12, docs/PERFORMANCE.md): loading the
 * validator (ajv and the vendored schemas), the first schema check of each
 * kind (its schema is compiled then), later checks (median), and a whole
 * validateObjects / validateTelemetry call (schema plus our rules, median).
 * One fresh process per run, so every first call is a cold one.
 *   npx tsx bench/crd-validate.ts
 */
import { performance } from 'node:perf_hooks';

const API = 'networking.istio.io/v1';
const meta = (name: string): Record<string, unknown> => ({ name, namespace: 'shop' });
const host = 'api.example.com';
const OBJECTS = {
  ServiceEntry: { apiVersion: API, kind: 'ServiceEntry', metadata: meta('api'), spec: { hosts: [host], location: 'MESH_EXTERNAL', resolution: 'DNS', ports: [{ number: 443, name: 'tls', protocol: 'TLS' }] } },
  Gateway: { apiVersion: API, kind: 'Gateway', metadata: meta('gw'), spec: { selector: { istio: 'egressgateway' }, servers: [{ port: { number: 443, name: 'tls', protocol: 'TLS' }, hosts: [host], tls: { mode: 'PASSTHROUGH' } }] } },
  DestinationRule: { apiVersion: API, kind: 'DestinationRule', metadata: meta('dr'), spec: { host: 'istio-egressgateway.istio-system.svc.cluster.local', subsets: [{ name: 'api' }] } },
  VirtualService: {
    apiVersion: API,
    kind: 'VirtualService',
    metadata: meta('vs'),
    spec: { hosts: [host], http: [{ route: [{ destination: { host, port: { number: 80 } } }], timeout: '5s', retries: { attempts: 3 } }] },
  },
  Sidecar: { apiVersion: API, kind: 'Sidecar', metadata: meta('default'), spec: { outboundTrafficPolicy: { mode: 'REGISTRY_ONLY' }, egress: [{ hosts: ['*/*'] }] } },
  Telemetry: {
    apiVersion: 'telemetry.istio.io/v1',
    kind: 'Telemetry',
    metadata: { name: 't', namespace: 'istio-system' },
    spec: { metrics: [{ providers: [{ name: 'prometheus' }], overrides: [{ match: { metric: 'TCP_OPENED_CONNECTIONS', mode: 'CLIENT' }, tagOverrides: { destination_sni: { operation: 'UPSERT', value: 'x' } } }] }] },
  },
} as const;
const LATER = 200;

function time(fn: () => unknown): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

function median(fn: () => unknown): number {
  const s = Array.from({ length: LATER }, () => time(fn)).sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
}

const ms = (n: number, digits = 2): string => `${n.toFixed(digits).padStart(8)} ms`;

async function main(): Promise<void> {
  let t0 = performance.now();
  const { crdSchemaErrors } = await import('../lib/resources/crd-validator');
  console.log(`load crd-validator (ajv + schemas) ${ms(performance.now() - t0)}`);
  t0 = performance.now();
  const { validateObjects } = await import('../lib/resources/validate');
  const { validateTelemetry } = await import('../lib/readiness/telemetry');
  console.log(`load validate + telemetry         ${ms(performance.now() - t0)}`);
  console.log(`kind             schema first (compile)   schema later   whole call later   (medians of ${LATER})`);
  for (const [kind, obj] of Object.entries(OBJECTS) as [keyof typeof OBJECTS, Record<string, unknown>][]) {
    const schema = (): unknown => crdSchemaErrors(kind, obj);
    const whole = (): unknown => (kind === 'Telemetry' ? validateTelemetry(obj) : validateObjects([obj]));
    console.log(`${kind.padEnd(16)} ${ms(time(schema))}              ${ms(median(schema), 3)}   ${ms(median(whole), 3)}`);
  }
}

void main();
