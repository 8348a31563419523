import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startPrometheus, type RunningBackend } from '../backends';
import { describeWithBinaries } from '../backends/needs-binaries';
import { selector } from '../prometheus/promql';
import type { PromLabels } from '../prometheus/types';
import {
  classifyEgress,
  egressSourceMatchers,
  gatewayHopMatchers,
  gatewayMatcher,
  hostOfLabel,
  REQUESTS_METRIC,
  STATUS_RULES,
  TCP_METRICS,
} from './rules';
import { EGRESS_STATUSES } from './types';

/**
 * The rulebook's table test: each labelled sidecar case of the facts sheet
 * (istio-egress-facts §2, §3) as a series, classified by (a) the JavaScript
 * classifier and (b) the rulebook's PromQL on a real Prometheus. Both must
 * give the same answer, and that answer is the facts sheet's.
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
  readonly expected: Verdict;
}

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
];

const METRIC_NAMES: Record<Metric, string> = { requests: REQUESTS_METRIC, opened: TCP_METRICS.opened, closed: TCP_METRICS.closed };

function labelText(labels: PromLabels): string {
  return Object.entries(labels)
    .map(([k, v]) => `${k}="${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`)
    .join(',');
}

/** OpenMetrics history: every case counts 1/s for 30 minutes, each family's series together. */
function history(): string {
  const lines: string[] = [];
  for (const metric of ['requests', 'opened', 'closed'] as const) {
    const name = METRIC_NAMES[metric];
    lines.push(`# TYPE ${name.replace(/_total$/, '')} counter`);
    for (const c of CASES.filter((x) => x.metric === metric)) {
      for (let t = START; t <= START + 1800; t += 15) lines.push(`${name}{${labelText({ ...c.labels, [CASE]: c.name })}} ${t - START} ${t}`);
    }
  }
  return `${lines.join('\n')}\n# EOF\n`;
}

/** The JavaScript side. */
function classifyJs(labels: PromLabels): Verdict {
  const c = classifyEgress(labels, gatewayMatcher(GATEWAYS));
  if (c.kind === 'gateway-hop') return 'gateway-hop';
  if (c.kind === 'not-egress') return 'not-egress';
  return { status: c.status, host: c.host?.host ?? null };
}

interface PromSeries {
  readonly metric: Record<string, string>;
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

describeWithBinaries(['prometheus', 'promtool'], 'the egress rulebook: the JS classifier and the PromQL agree on every case of the facts sheet (real Prometheus)', () => {
  let prom: RunningBackend;
  let dir: string;

  beforeAll(async () => {
    dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'egress-lens-rules-'));
    fs.writeFileSync(path.join(dir, 'history.om'), history());
    prom = await startPrometheus({ openMetricsFile: path.join(dir, 'history.om') });
  }, 60_000);

  afterAll(async () => {
    await prom?.stop();
    if (dir) await fs.promises.rm(dir, { recursive: true, force: true });
  });

  it('the JS classifier gives every case the facts sheet verdict', () => {
    for (const c of CASES) expect([c.name, classifyJs(c.labels)]).toEqual([c.name, c.expected]);
  });

  it('the PromQL of each status selects exactly the cases the JS classifier gives that status, with the same host', async () => {
    const at = START + 1200;
    const names = `${REQUESTS_METRIC}|${TCP_METRICS.opened}|${TCP_METRICS.closed}`;
    const select = async (matchers: string[]) =>
      query(prom.url, `last_over_time(${selector([`__name__=~"${names}"`, ...egressSourceMatchers(), ...matchers])}[5m])`, at);

    // PromQL side: the verdicts of each case, from which status selectors match it.
    const promVerdicts = new Map<string, Verdict[]>();
    const add = (name: string | undefined, v: Verdict) => {
      if (name === undefined) throw new Error('a series without its case label');
      promVerdicts.set(name, [...(promVerdicts.get(name) ?? []), v]);
    };
    for (const status of EGRESS_STATUSES) {
      const rule = STATUS_RULES[status];
      for (const s of await select(rule.matchers())) {
        if (rule.also && !rule.also(s.metric)) continue;
        add(s.metric[CASE], { status, host: hostOfLabel(s.metric.destination_service ?? '')?.host ?? null });
      }
    }
    for (const s of await select(gatewayHopMatchers(GATEWAYS))) add(s.metric[CASE], 'gateway-hop');

    const everything = await query(prom.url, `count by (${CASE}) (last_over_time({__name__=~"${names}"}[5m]))`, at);
    expect(everything).toHaveLength(CASES.length);

    for (const c of CASES) {
      const fromProm = promVerdicts.get(c.name) ?? ['not-egress'];
      expect([c.name, fromProm]).toEqual([c.name, [classifyJs(c.labels)]]);
      expect([c.name, fromProm]).toEqual([c.name, [c.expected]]);
    }
  }, 30_000);
});
