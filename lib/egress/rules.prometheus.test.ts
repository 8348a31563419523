import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPrometheus, startVictoriaMetrics, type BinaryName, type RunningBackend } from '../../tools/backends';
import { describeWithBinaries } from '../../testing/needs-binaries';
import { overAny, selector } from '../prometheus/promql';
import type { PromLabels } from '../prometheus/types';
import {
  classifyEgress,
  egressSourceMatchers,
  flowSelectors,
  gatewayMatcher,
  hopSelectors,
  hostOfLabel,
  REQUESTS_METRIC,
  statusRules,
  TCP_METRICS,
  type RuleContext,
} from './rules';
import { EGRESS_STATUSES, type DataPlane } from './types';

/**
 * The rulebook's table test: each labelled case of the facts sheet
 * (istio-egress-facts §2, §3 for sidecars; §9 for ambient's ztunnel and
 * waypoints, ALLOW_ANY_DYNAMIC_DNS, ServiceEntries before 1.23, several
 * clusters and telemetry artefacts) as a series, classified by (a) the
 * JavaScript classifier and (b) the rulebook's PromQL on a real Prometheus and
 * a real VictoriaMetrics (the store multi-cluster users read),
 * under both readings of a host named without a namespace (RuleContext).
 * Both must give the same answer, and that answer is the facts sheet's.
 */

const START = 1767225600;
const GATEWAYS = 'istio-egressgateway.*';
const CASE = 'egress_case';

type Metric = 'requests' | 'opened' | 'closed';
/** What a case is: egress with a status and host, the first gateway hop, or not egress. */
type Verdict = { status: string; host: string | null } | 'gateway-hop' | 'not-egress';

interface Case {
  readonly name: string;
  readonly metric: Metric;
  readonly labels: PromLabels;
  /** The verdict; a function where it depends on what a host named without a namespace is. */
  readonly expected: Verdict | ((ctx: RuleContext) => Verdict);
  /** The data plane the JS classifier must name for egress (default sidecar). */
  readonly dataPlane?: DataPlane;
}

const CONTEXTS: readonly RuleContext[] = [{ hostNamedWithoutNamespace: 'registered' }, { hostNamedWithoutNamespace: 'passthrough' }];
const expectedIn = (c: Case, ctx: RuleContext): Verdict => (typeof c.expected === 'function' ? c.expected(ctx) : c.expected);

/** Every standard label Istio writes (facts §1); missing values are "unknown". */
const BASE: PromLabels = {
  reporter: 'source',
  source_workload: 'cart-v1',
  source_workload_namespace: 'shop',
  destination_workload: 'unknown',
  destination_workload_namespace: 'unknown',
  destination_service: 'unknown',
  destination_service_name: 'unknown',
  destination_service_namespace: 'unknown',
  request_protocol: 'http',
  response_flags: '-',
  connection_security_policy: 'unknown',
  source_cluster: 'Kubernetes',
};
const http = (labels: PromLabels, code = '200'): PromLabels => ({ ...BASE, ...labels, response_code: code });
const tcp = (labels: PromLabels): PromLabels => ({ ...BASE, request_protocol: 'tcp', ...labels });
const se = (host: string, ns = 'egress-config'): PromLabels => ({ destination_service: host, destination_service_name: host, destination_service_namespace: ns });
const inMesh: PromLabels = {
  destination_service: 'reviews.bookinfo.svc.cluster.local',
  destination_service_name: 'reviews',
  destination_service_namespace: 'bookinfo',
  destination_workload: 'reviews-v1',
  destination_workload_namespace: 'bookinfo',
};

const CASES: readonly Case[] = [
  { name: 'ALLOW_ANY HTTP passthrough', metric: 'requests', labels: http({ destination_service: 'api.github.com', destination_service_name: 'PassthroughCluster' }), expected: { status: 'passthrough', host: 'api.github.com' } },
  { name: 'ALLOW_ANY TLS passthrough', metric: 'opened', labels: tcp({ destination_service_name: 'PassthroughCluster' }), expected: { status: 'passthrough', host: null } },
  { name: 'ALLOW_ANY TCP passthrough (no listener)', metric: 'closed', labels: tcp({ destination_service_name: 'PassthroughCluster', source_workload: 'cdc' }), expected: { status: 'passthrough', host: null } },
  { name: 'REGISTRY_ONLY HTTP blackhole', metric: 'requests', labels: http({ destination_service: 'evil.example.com', destination_service_name: 'BlackHoleCluster' }, '502'), expected: { status: 'blocked', host: 'evil.example.com' } },
  { name: 'REGISTRY_ONLY TCP blackhole (UH, closed only)', metric: 'closed', labels: tcp({ destination_service_name: 'BlackHoleCluster', response_flags: 'UH' }), expected: { status: 'blocked', host: null } },
  { name: 'ServiceEntry HTTP', metric: 'requests', labels: http(se('httpbin.org')), expected: { status: 'registered', host: 'httpbin.org' } },
  { name: 'ServiceEntry TLS', metric: 'opened', labels: tcp(se('api.stripe.com', 'payments')), expected: { status: 'registered', host: 'api.stripe.com' } },
  { name: 'ServiceEntry gRPC', metric: 'requests', labels: http({ ...se('pubsub.googleapis.com'), request_protocol: 'grpc' }), expected: { status: 'registered', host: 'pubsub.googleapis.com' } },
  { name: 'ServiceEntry wildcard', metric: 'requests', labels: http(se('*.s3.amazonaws.com')), expected: { status: 'registered', host: '*.s3.amazonaws.com' } },
  {
    name: 'egress gateway, first hop (app -> gateway)',
    metric: 'requests',
    labels: http({
      destination_service: 'istio-egressgateway.istio-system.svc.cluster.local',
      destination_service_name: 'istio-egressgateway',
      destination_service_namespace: 'istio-system',
      destination_workload: 'istio-egressgateway',
      destination_workload_namespace: 'istio-system',
    }),
    expected: 'gateway-hop',
  },
  { name: 'egress gateway, second hop (gateway -> SE host)', metric: 'requests', labels: http({ ...se('edition.cnn.com', 'istio-system'), source_workload: 'istio-egressgateway', source_workload_namespace: 'istio-system' }), expected: { status: 'registered', host: 'edition.cnn.com' } },
  { name: 'in-mesh, source reporter', metric: 'requests', labels: http(inMesh), expected: 'not-egress' },
  { name: 'in-mesh, destination reporter', metric: 'requests', labels: http({ ...inMesh, reporter: 'destination' }), expected: 'not-egress' },
  { name: 'in-mesh TCP, source reporter', metric: 'opened', labels: tcp(inMesh), expected: 'not-egress' },
  { name: 'pod-IP PassthroughCluster (known destination workload)', metric: 'requests', labels: http({ destination_service: '10.1.2.3:9080', destination_service_name: 'PassthroughCluster', destination_workload: 'reviews-v1', destination_workload_namespace: 'bookinfo' }), expected: 'not-egress' },
  { name: 'pod-IP PassthroughCluster TCP', metric: 'opened', labels: tcp({ destination_service_name: 'PassthroughCluster', destination_workload: 'mysql-v1', destination_workload_namespace: 'db' }), expected: 'not-egress' },
  { name: 'unknown source (entering the mesh) to passthrough', metric: 'requests', labels: http({ source_workload: 'unknown', source_workload_namespace: 'unknown', destination_service: 'api.github.com', destination_service_name: 'PassthroughCluster' }), expected: 'not-egress' },
  { name: 'unknown source to a ServiceEntry host', metric: 'requests', labels: http({ ...se('httpbin.org'), source_workload: 'unknown', source_workload_namespace: 'unknown' }), expected: 'not-egress' },
  { name: 'host:port Host header', metric: 'requests', labels: http({ destination_service: 'Api.Example.com:8080', destination_service_name: 'PassthroughCluster' }), expected: { status: 'passthrough', host: 'api.example.com' } },
  // Telemetry artefacts (facts §9): never hosts.
  { name: 'artefact: IP-named destination with no workload (pod churn)', metric: 'requests', labels: http({ ...se('10.20.30.40:9080', 'bookinfo') }), expected: 'not-egress' },
  { name: 'artefact: IP-named destination, bare IP', metric: 'opened', labels: tcp({ ...se('10.20.30.41', 'bookinfo') }), expected: 'not-egress' },
  { name: 'artefact: BlackHoleCluster as destination_service (Istio 1.3 TCP)', metric: 'closed', labels: tcp({ destination_service: 'BlackHoleCluster', destination_service_name: 'BlackHoleCluster', response_flags: 'UH' }), expected: { status: 'blocked', host: null } },
  { name: 'artefact: PassthroughCluster as destination_service (Istio 1.3 TCP)', metric: 'opened', labels: tcp({ destination_service: 'PassthroughCluster', destination_service_name: 'PassthroughCluster' }), expected: { status: 'passthrough', host: null } },
  { name: 'IP:port Host header', metric: 'requests', labels: http({ destination_service: '203.0.113.7:9080', destination_service_name: 'BlackHoleCluster' }, '502'), expected: { status: 'blocked', host: '203.0.113.7' } },
  // Sidecar ServiceEntry with the endpoint-metadata fallback (facts §9, partly verified): the workload is the ServiceEntry's name.
  { name: 'ServiceEntry, destination workload = ServiceEntry name (endpoint metadata)', metric: 'requests', labels: http({ ...se('api.example.com', 'egress'), destination_workload: 'api-example', destination_workload_namespace: 'egress' }), expected: { status: 'registered', host: 'api.example.com' } },
  // Several clusters: the source's cluster does not change the verdict.
  { name: 'passthrough from a second cluster', metric: 'requests', labels: http({ destination_service: 'api.github.com', destination_service_name: 'PassthroughCluster', source_cluster: 'west' }), expected: { status: 'passthrough', host: 'api.github.com' } },
  // ALLOW_ANY_DYNAMIC_DNS (1.31) and ServiceEntries before 1.23: the same labels, read by the context.
  {
    name: 'host named twice without a namespace (ALLOW_ANY_DYNAMIC_DNS, or a pre-1.23 ServiceEntry)',
    metric: 'requests',
    labels: http({ destination_service: 'httpbin.org', destination_service_name: 'httpbin.org' }),
    expected: (ctx) => ({ status: ctx.hostNamedWithoutNamespace, host: 'httpbin.org' }),
  },
  { name: 'ALLOW_ANY_DYNAMIC_DNS, Host with a port', metric: 'requests', labels: http({ destination_service: 'api.example.com:8080', destination_service_name: 'api.example.com:8080' }), expected: (ctx) => ({ status: ctx.hostNamedWithoutNamespace, host: 'api.example.com' }) },
  { name: 'ALLOW_ANY_DYNAMIC_DNS TLS still goes to PassthroughCluster', metric: 'opened', labels: tcp({ destination_service_name: 'PassthroughCluster' }), expected: { status: 'passthrough', host: null } },
  { name: 'artefact: IP named twice without a namespace', metric: 'requests', labels: http({ destination_service: '10.20.30.42:80', destination_service_name: '10.20.30.42:80' }), expected: 'not-egress' },
  // Ambient: ztunnel (reporter="source", istio_tcp_* only) and egress waypoints (reporter="waypoint").
  {
    name: 'ztunnel passthrough: every destination_* unknown',
    metric: 'opened',
    labels: tcp({ source_workload: 'curl', source_workload_namespace: 'ambient-apps' }),
    expected: { status: 'passthrough', host: null },
    dataPlane: 'ambient',
  },
  {
    name: 'ztunnel to a ServiceEntry host (no waypoint): name and workload are the ServiceEntry object',
    metric: 'opened',
    labels: tcp({ destination_service: 'httpbin.org', destination_service_name: 'httpbin-ext', destination_service_namespace: 'egress-se', destination_workload: 'httpbin-ext', destination_workload_namespace: 'egress-se' }),
    expected: { status: 'registered', host: 'httpbin.org' },
    dataPlane: 'ambient',
  },
  {
    name: 'ztunnel to an egress waypoint (HBONE): the first hop',
    metric: 'opened',
    labels: tcp({
      destination_service: 'httpbin.org',
      destination_service_name: 'httpbin-ext',
      destination_service_namespace: 'istio-egress',
      destination_workload: 'waypoint',
      destination_workload_namespace: 'istio-egress',
      connection_security_policy: 'mutual_tls',
    }),
    expected: 'gateway-hop',
  },
  {
    name: 'egress waypoint HTTP (reporter="waypoint", source = the app)',
    metric: 'requests',
    labels: http({ reporter: 'waypoint', ...se('httpbin.org', 'istio-egress'), connection_security_policy: 'mutual_tls' }),
    expected: { status: 'registered', host: 'httpbin.org' },
    dataPlane: 'ambient',
  },
  {
    name: 'egress waypoint TLS (reporter="waypoint")',
    metric: 'opened',
    labels: tcp({ reporter: 'waypoint', ...se('api.stripe.com', 'istio-egress'), connection_security_policy: 'mutual_tls' }),
    expected: { status: 'registered', host: 'api.stripe.com' },
    dataPlane: 'ambient',
  },
  { name: 'ztunnel in-mesh (a Kubernetes service)', metric: 'opened', labels: tcp({ ...inMesh, connection_security_policy: 'mutual_tls' }), expected: 'not-egress' },
  { name: 'ztunnel, destination reporter', metric: 'opened', labels: tcp({ ...inMesh, reporter: 'destination', connection_security_policy: 'mutual_tls' }), expected: 'not-egress' },
  { name: 'waypoint, in-mesh destination', metric: 'requests', labels: http({ ...inMesh, reporter: 'waypoint', connection_security_policy: 'mutual_tls' }), expected: 'not-egress' },
];

const METRIC_NAMES: Record<Metric, string> = { requests: REQUESTS_METRIC, opened: TCP_METRICS.opened, closed: TCP_METRICS.closed };

function labelText(labels: PromLabels): string {
  return Object.entries(labels)
    .map(([k, v]) => `${k}="${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`)
    .join(',');
}

/** Every case counts 1/s for 30 minutes: [unix seconds, value] every 15 s. */
function casePoints(): [number, number][] {
  const points: [number, number][] = [];
  for (let t = START; t <= START + 1800; t += 15) points.push([t, t - START]);
  return points;
}

/** OpenMetrics history for promtool, each family's series together. */
function openMetricsHistory(): string {
  const lines: string[] = [];
  for (const metric of ['requests', 'opened', 'closed'] as const) {
    const name = METRIC_NAMES[metric];
    lines.push(`# TYPE ${name.replace(/_total$/, '')} counter`);
    for (const c of CASES.filter((x) => x.metric === metric)) {
      for (const [t, v] of casePoints()) lines.push(`${name}{${labelText({ ...c.labels, [CASE]: c.name })}} ${v} ${t}`);
    }
  }
  return `${lines.join('\n')}\n# EOF\n`;
}

/** The same history as VictoriaMetrics /api/v1/import JSON lines (timestamps in ms), one line per case. */
function jsonLinesHistory(): string {
  const points = casePoints();
  const lines = CASES.map((c) =>
    JSON.stringify({
      metric: { __name__: METRIC_NAMES[c.metric], ...c.labels, [CASE]: c.name },
      values: points.map(([, v]) => v),
      timestamps: points.map(([t]) => t * 1000),
    }),
  );
  return `${lines.join('\n')}\n`;
}

/** A real backend holding the table's history, and how to start it. */
interface TableBackend {
  readonly name: string;
  readonly binaries: readonly BinaryName[];
  start(dir: string): Promise<RunningBackend>;
}

/** The same table on each store users point Egress Lens at. */
const BACKENDS: readonly TableBackend[] = [
  {
    name: 'Prometheus',
    binaries: ['prometheus', 'promtool'],
    start: async (dir) => {
      const file = path.join(dir, 'history.om');
      await fs.promises.writeFile(file, openMetricsHistory());
      return startPrometheus({ openMetricsFile: file });
    },
  },
  {
    name: 'VictoriaMetrics',
    binaries: ['victoria-metrics'],
    start: async (dir) => {
      const file = path.join(dir, 'history.jsonl');
      await fs.promises.writeFile(file, jsonLinesHistory());
      return startVictoriaMetrics({ jsonLinesFile: file });
    },
  },
];

/** The JavaScript side. */
function classifyJs(labels: PromLabels, ctx: RuleContext): Verdict {
  const c = classifyEgress(labels, gatewayMatcher(GATEWAYS), ctx);
  if (c.kind === 'gateway-hop') return 'gateway-hop';
  if (c.kind === 'not-egress') return 'not-egress';
  return { status: c.status, host: c.host?.host ?? null };
}

interface PromSeries {
  readonly metric: Record<string, string>;
  readonly value?: [number, string];
}

async function query(url: string, promql: string, time: number): Promise<PromSeries[]> {
  const u = new URL('/api/v1/query', url);
  u.searchParams.set('query', promql);
  u.searchParams.set('time', String(time));
  const res = await fetch(u, { signal: AbortSignal.timeout(10_000) });
  const body = (await res.json()) as { status: string; data?: { result?: PromSeries[] }; error?: string };
  if (body.status !== 'success') throw new Error(`${promql}: ${body.error ?? res.status}`);
  return body.data?.result ?? [];
}

describe('the egress rulebook: the JS classifier', () => {
  it('the JS classifier gives every case the facts sheet verdict and data plane', () => {
    for (const ctx of CONTEXTS) {
      for (const c of CASES) {
        expect([c.name, ctx, classifyJs(c.labels, ctx)]).toEqual([c.name, ctx, expectedIn(c, ctx)]);
        const k = classifyEgress(c.labels, gatewayMatcher(GATEWAYS), ctx);
        if (k.kind !== 'not-egress') expect([c.name, k.dataPlane]).toEqual([c.name, c.dataPlane ?? (k.kind === 'gateway-hop' && c.labels.connection_security_policy === 'mutual_tls' ? 'ambient' : 'sidecar')]);
      }
    }
  });
});

for (const backend of BACKENDS) {
  describeWithBinaries(backend.binaries, `the egress rulebook: the JS classifier and the PromQL agree on every case of the facts sheet (real ${backend.name})`, () => {
    let prom: RunningBackend;
    let dir: string;

    beforeAll(async () => {
      dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'egress-lens-rules-'));
      prom = await backend.start(dir);
    }, 60_000);

    afterAll(async () => {
      await prom?.stop();
      if (dir) await fs.promises.rm(dir, { recursive: true, force: true });
    });

    it('the PromQL of each status selects exactly the cases the JS classifier gives that status, with the same host', async () => {
      const at = START + 1200;
      const names = `${REQUESTS_METRIC}|${TCP_METRICS.opened}|${TCP_METRICS.closed}`;
      const select = async (matchers: string[]) =>
        query(prom.url, `last_over_time(${selector([`__name__=~"${names}"`, ...egressSourceMatchers(), ...matchers])}[5m])`, at);

      const everything = await query(prom.url, `count by (${CASE}) (last_over_time({__name__=~"${names}"}[5m]))`, at);
      expect(everything).toHaveLength(CASES.length);

      for (const ctx of CONTEXTS) {
        // PromQL side: the verdicts of each case, from which selectors match it (a status's selectors are a union).
        const promVerdicts = new Map<string, Verdict[]>();
        const add = (name: string | undefined, v: Verdict) => {
          if (name === undefined) throw new Error('a series without its case label');
          promVerdicts.set(name, [...(promVerdicts.get(name) ?? []), v]);
        };
        const rules = statusRules(ctx);
        for (const status of EGRESS_STATUSES) {
          for (const rule of rules[status]) {
            for (const s of await select(rule.matchers)) {
              if (rule.also && !rule.also(s.metric)) continue;
              add(s.metric[CASE], { status, host: hostOfLabel(s.metric.destination_service ?? '')?.host ?? null });
            }
          }
        }
        for (const rule of hopSelectors(GATEWAYS)) {
          for (const s of await select(rule.matchers)) if (!rule.also || rule.also(s.metric)) add(s.metric[CASE], 'gateway-hop');
        }

        for (const c of CASES) {
          const fromProm = promVerdicts.get(c.name) ?? ['not-egress'];
          expect([c.name, ctx, fromProm]).toEqual([c.name, ctx, [classifyJs(c.labels, ctx)]]);
          expect([c.name, ctx, fromProm]).toEqual([c.name, ctx, [expectedIn(c, ctx)]]);
        }
      }
    }, 60_000);

    it("the flow queries' union (flowSelectors joined by `or`, as the report runs it) counts every egress case and gateway hop once, at its rate", async () => {
      const at = START + 1200;
      const selected = new Map<string, number[]>();
      for (const metric of ['requests', 'opened', 'closed'] as const) {
        const sels = flowSelectors(GATEWAYS).map((m) => [...egressSourceMatchers(), ...m]);
        for (const s of await query(prom.url, overAny('rate', METRIC_NAMES[metric], sels, '5m'), at)) {
          const name = s.metric[CASE] ?? '(no case label)';
          selected.set(name, [...(selected.get(name) ?? []), Number(s.value?.[1])]);
        }
      }
      for (const c of CASES) {
        if (CONTEXTS.every((ctx) => classifyJs(c.labels, ctx) === 'not-egress')) continue;
        expect([c.name, selected.get(c.name)]).toEqual([c.name, [1]]);
      }
    });
  });
}
