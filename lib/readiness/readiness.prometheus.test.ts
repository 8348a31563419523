import { parse } from 'yaml';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { handleReadiness } from '../api/handlers/readiness';
import type { ApiContext } from '../api/context';
import type { RunningBackend } from '../../tools/backends';
import { loadConfig } from '../config/env';
import { createDemoMesh, DEMO_STEP, startDemoPrometheus, type DemoMesh, type DemoTraffic } from '../../tools/demo';
import { createPrometheusClient, type PrometheusClient } from '../prometheus/client';
import type { ReadinessResources } from './resources';
import { sidecarAdmits } from '../resources/sidecar-hosts';
import type { ReadinessReport } from './types';
import { readinessVerdict } from './verdict';
import { describeWithBinaries } from '../../testing/needs-binaries';

// GET /api/readiness against a real Prometheus backfilled with the demo mesh,
// plus series whose source namespace no Kubernetes namespace can have (issue 12).
// Needs prometheus and promtool: skipped without them locally, fails under CI.
const ORIGIN = 1767225600;
const END = ORIGIN + 80 * 60;
const FORGED_NAMESPACES = ['Team_A', '__proto__'];

/** A workload serving its own istio_requests_total (metrics merging) with a forged namespace. */
function forged(namespace: string, i: number): DemoTraffic {
  return {
    id: `forged-${i}`,
    source: { namespace, name: 'evil', app: 'evil', serviceAccount: 'evil', pods: [`evil-${i}`] },
    protocol: 'http',
    reporters: ['source'],
    destination: { kind: 'passthrough', hostHeader: 'httpbin.org' },
    rate: { perSecond: 1, amplitude: 0, period: 3600, phase: 0 },
    expect: { status: 'passthrough', host: 'httpbin.org' },
  };
}

const demo = createDemoMesh({ origin: ORIGIN });
const mesh: DemoMesh = {
  ...demo,
  traffic: {
    *[Symbol.iterator]() {
      yield* demo.traffic;
      yield* FORGED_NAMESPACES.map(forged);
    },
  },
};

/** Every (source namespace, destination service namespace, service) pair with a known destination workload, by a query written here, apart from lib/readiness/in-mesh.ts. */
async function inMeshPairs(client: PrometheusClient): Promise<{ from: string; namespace: string; host: string }[]> {
  const sel = 'reporter=~"source|waypoint", source_workload!="unknown", destination_workload!="unknown", destination_service_name!~"PassthroughCluster|BlackHoleCluster"';
  const by = 'source_workload_namespace, destination_service_namespace, destination_service';
  const pairs = new Map<string, { from: string; namespace: string; host: string }>();
  for (const metric of ['istio_requests_total', 'istio_tcp_connections_opened_total']) {
    const r = await client.instantQuery(`sum by (${by}) (rate(${metric}{${sel}}[1h])) > 0`, END);
    for (const s of r.samples) {
      const p = { from: s.labels.source_workload_namespace ?? '', namespace: s.labels.destination_service_namespace ?? '', host: s.labels.destination_service ?? '' };
      pairs.set(JSON.stringify(p), p);
    }
  }
  return [...pairs.values()];
}

describeWithBinaries(['prometheus', 'promtool'], 'GET /api/readiness on a real Prometheus (demo mesh and forged namespaces)', () => {
  let prom: RunningBackend;
  let client: PrometheusClient;
  let body: ReadinessReport & ReadinessResources;

  beforeAll(async () => {
    prom = await startDemoPrometheus(mesh, { start: ORIGIN, end: END + 600, step: DEMO_STEP });
    client = createPrometheusClient(loadConfig({ PROMETHEUS_URL: prom.url }).prometheus);
    const gatewayWorkloads = 'istio-egressgateway.*';
    const ctx: ApiContext = {
      config: () => ({ cacheTtlMs: 0, egressGatewayWorkloads: gatewayWorkloads }),
      deps: () => ({ client, gatewayWorkloads, topHostsPerStatus: 100 }),
    };
    const res = await handleReadiness(`window=1h&end=${END}`, END * 1000, ctx);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    body = res.body as ReadinessReport & ReadinessResources;
  }, 120_000);

  afterAll(async () => {
    await prom?.stop();
  });

  it('keeps every observed in-mesh destination reachable under the generated Sidecars', async () => {
    const pairs = await inMeshPairs(client);
    // The demo calls across namespaces (HTTP shop -> payments, TCP data -> ml), into the gateway's namespace,
    // and (ztunnel's hop, a known destination workload) into the egress waypoint's.
    const crossing = new Set(pairs.filter((p) => p.from !== p.namespace).map((p) => `${p.from}->${p.namespace}`));
    expect(crossing).toEqual(new Set(['shop->payments', 'data->ml', 'shop->istio-system', 'ml->istio-system', 'ambient-shop->istio-egress']));
    const rootSidecar = parse(body.meshSwitch.rootSidecar) as { spec: { egress: { hosts: string[] }[] } };
    let checked = 0;
    for (const p of pairs) {
      const s = body.switches.find((x) => x.namespace === p.from);
      expect(s, p.from).toBeDefined();
      if (s?.kind === 'sidecar') {
        const sidecar = parse(s.yaml) as { metadata: { namespace: string }; spec: { egress: { hosts: string[] }[] } };
        expect(sidecar.metadata.namespace).toBe(p.from);
        expect(sidecarAdmits(sidecar.spec.egress.flatMap((e) => e.hosts), p.from, p), JSON.stringify(p)).toBe(true);
        checked++;
      }
      // The mesh-wide switch must not cut them either.
      expect(sidecarAdmits(rootSidecar.spec.egress.flatMap((e) => e.hosts), p.from, p), JSON.stringify(p)).toBe(true);
    }
    // Every source but the root namespace (none of its pairs here) and the ambient one (no Sidecar applies to ambient pods) has its Sidecar checked.
    expect(body.switches.find((x) => x.namespace === 'ambient-shop')?.kind).toBe('ambient-only');
    expect(checked).toBe(pairs.filter((p) => p.from !== 'istio-system' && p.from !== 'ambient-shop').length);
    expect(checked).toBeGreaterThan(5);
    // And the report names them per namespace.
    expect(body.namespaces.find((n) => n.namespace === 'shop')?.inMesh.destinations.map((d) => d.namespace).sort()).toEqual(['istio-system', 'payments', 'shop']);
    expect(body.namespaces.find((n) => n.namespace === 'data')?.inMesh.destinations.map((d) => d.namespace)).toEqual(['ml']);
  });

  it('calls a pod IP call what it is: blocked under REGISTRY_ONLY whatever the Sidecar lists', () => {
    const legacy = body.namespaces.find((n) => n.namespace === 'legacy');
    expect(legacy?.inMesh.podIp).toMatchObject({ callers: ['legacy/billing-batch'], destinations: ['payments/ledger-v1'] });
    expect(legacy?.inMesh.podIp?.ratePerSecond).toBeCloseTo(0.5, 2);
  });

  it('says data is ready and names pastebin.com as still blocked, beside its blocked rate', () => {
    const data = body.namespaces.find((n) => n.namespace === 'data');
    expect(data).toBeDefined();
    const v = readinessVerdict(data!, { window: body.window, scope: 'namespace' });
    expect(v.kind).toBe('ready');
    expect(v.details.map((d) => d.kind)).toContain('still-blocked');
    expect(data?.stillBlocked.hosts.map((h) => h.host)).toContain('pastebin.com');
    expect(data?.stillBlocked.ratePerSecond).toBeCloseTo(data!.requests.blocked + data!.connections.blocked, 9);
    expect(data?.stillBlocked.unnamedPerSecond).toBeGreaterThan(0);
  });

  it('answers with forged namespaces listed as such, no Sidecar for them, and the rest of the report intact', () => {
    for (const ns of FORGED_NAMESPACES) {
      expect(body.namespaces.find((n) => n.namespace === ns)?.toRegister.map((h) => h.host)).toEqual(['httpbin.org']);
      expect(body.switches.find((s) => s.namespace === ns)).toMatchObject({ kind: 'cannot-be-named' });
    }
    // The demo has two clusters: each switch names its cluster.
    expect(body.switches.find((s) => s.namespace === 'istio-system')).toEqual({ namespace: 'istio-system', cluster: 'east', kind: 'root-namespace' });
    for (const ns of ['shop', 'payments', 'data', 'ml', 'legacy']) expect(body.switches.find((s) => s.namespace === ns)?.kind, ns).toBe('sidecar');
    expect(body.mesh.toRegister.find((h) => h.host === 'httpbin.org')?.callers).toEqual(expect.arrayContaining(['Team_A/evil', '__proto__/evil', 'shop/frontend-v2']));
  });
});
