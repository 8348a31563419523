import fs from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { generateAlertRules } from './generate';
import { BLOCKED_ATTEMPT_ALERT, BLOCKED_SPIKE_ALERT, NEW_PASSTHROUGH_HOST_ALERT } from './rules';
import { PROMTOOL, promtoolTestFile, runPromtool, series, tempDir, writeFile, type ExprCase, type Labels, type PromtoolTest } from '../../testing/alerts';
import type { AlertRuleOptions } from './types';
import { describeWithBinaries } from '../../testing/needs-binaries';
import type { RuleContext } from '../egress/rules';

// What the rules fire on, checked by Prometheus's own engine: `promtool test
// rules` evaluates each rule's expression over synthetic Istio series.

const HTTP = 'istio_requests_total';
const TCP = 'istio_tcp_connections_closed_total';
const DAY = 1440;

// Every series carries the labels Istio always writes (facts §1): an external destination has destination_workload="unknown".
const EXTERNAL = { destination_workload: 'unknown', destination_workload_namespace: 'unknown' } as const;
const blackholeHttp = (ns: string, wl: string, host: string, extra: Labels = {}): string =>
  series(HTTP, { reporter: 'source', source_workload_namespace: ns, source_workload: wl, destination_service: host, destination_service_name: 'BlackHoleCluster', ...EXTERNAL, request_protocol: 'http', response_code: '502', ...extra });
const blackholeTcp = (ns: string, wl: string, extra: Labels = {}): string =>
  series(TCP, { reporter: 'source', source_workload_namespace: ns, source_workload: wl, destination_service: 'unknown', destination_service_name: 'BlackHoleCluster', ...EXTERNAL, request_protocol: 'tcp', response_flags: 'UH', ...extra });
const passthrough = (wl: string, host: string): string =>
  series(HTTP, { reporter: 'source', source_workload_namespace: 'shop', source_workload: wl, destination_service: host, destination_service_name: 'PassthroughCluster', ...EXTERNAL, request_protocol: 'http', response_code: '200' });
const source = (ns: string, wl: string) => ({ source_workload_namespace: ns, source_workload: wl });

let dir: string;
beforeAll(() => {
  if (PROMTOOL !== null) dir = tempDir('alert-behaviour');
});
afterAll(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/** Writes the rules for `options` and a test of `alert`'s expression, and runs promtool test rules. */
function check(name: string, options: AlertRuleOptions, alert: string, intervalMinutes: number, input: PromtoolTest['input'], cases: Omit<ExprCase, 'expr'>[], ruleContext?: RuleContext) {
  const generated = generateAlertRules(options, ruleContext);
  const rule = generated.groups[0]?.rules.find((r) => r.alert === alert);
  if (!rule) throw new Error(`no ${alert} rule`);
  run(name, generated.rulesFile, { intervalMinutes, input, exprCases: cases.map((c) => ({ ...c, expr: rule.expr })) });
}

function run(name: string, rules: string, test: PromtoolTest) {
  const rulesFile = writeFile(dir, `${name}.rules.yml`, rules);
  const testFile = writeFile(dir, `${name}.test.yml`, promtoolTestFile(rulesFile, test));
  const result = runPromtool(['test', 'rules', testFile], dir);
  expect(result.status, result.output).toBe(0);
  expect(result.output).toContain('SUCCESS');
}

describeWithBinaries(['promtool'], 'the alert expressions on synthetic Istio series (promtool test rules)', () => {
  it(`${BLOCKED_ATTEMPT_ALERT}: a single attempt on a new series, increases on an old one, and blocked TCP without a host`, () => {
    check('attempt', {}, BLOCKED_ATTEMPT_ALERT, 1, [
      // One attempt ever: Istio creates the series at 1, and increase() alone would never see it.
      { series: blackholeHttp('shop', 'cart', 'evil.example.com'), values: '_x10 1x10' },
      // Blocked long ago, quiet, then three more attempts at 21m to 23m.
      { series: blackholeHttp('shop', 'api', 'old.example.com'), values: '5x20 6 7 8 8x10' },
      { series: blackholeTcp('data', 'cdc'), values: '_x3 2x30' },
    ], [
      { at: 5, samples: [{ labels: source('data', 'cdc'), value: 2 }] },
      { at: 12, samples: [{ labels: { ...source('shop', 'cart'), destination_service: 'evil.example.com' }, value: 1 }] },
      { at: 18, samples: [] },
      { at: 23, samples: [{ labels: { ...source('shop', 'api'), destination_service: 'old.example.com' }, value: 3 }] },
      { at: 30, samples: [] },
    ]);
  });

  it(`${BLOCKED_ATTEMPT_ALERT}: namespaces match literally ("a.b" is not a regex)`, () => {
    check('namespaces', { namespaces: ['a.b'] }, BLOCKED_ATTEMPT_ALERT, 1, [
      { series: blackholeHttp('a.b', 'w', 'x.example.com'), values: '_x2 1x5' },
      { series: blackholeHttp('axb', 'w', 'x.example.com'), values: '_x2 1x5' },
    ], [{ at: 4, samples: [{ labels: { ...source('a.b', 'w'), destination_service: 'x.example.com' }, value: 1 }] }]);
  });

  it(`${BLOCKED_ATTEMPT_ALERT}: teamLabel is kept by the aggregation`, () => {
    check('team', { teamLabel: 'source_app' }, BLOCKED_ATTEMPT_ALERT, 1, [
      { series: blackholeHttp('shop', 'cart', 'x.example.com', { source_app: 'payments' }), values: '_x2 1x5' },
    ], [{ at: 4, samples: [{ labels: { ...source('shop', 'cart'), destination_service: 'x.example.com', source_app: 'payments' }, value: 1 }] }]);
  });

  it(`${BLOCKED_ATTEMPT_ALERT} fires with its labels and annotations rendered; static label values stay literal`, () => {
    const hostile = `x{{ .Foo "q' }} {{`;
    const { rulesFile } = generateAlertRules({ labels: { owner: hostile }, teamLabel: 'source_app' });
    const labels = { severity: 'critical', owner: hostile, team: 'ingest', source_app: 'ingest', ...source('data', 'cdc') };
    run('rendered', rulesFile, {
      intervalMinutes: 1,
      input: [{ series: blackholeTcp('data', 'cdc', { source_app: 'ingest' }), values: '_x3 2x30' }],
      alertCases: [
        {
          alert: BLOCKED_ATTEMPT_ALERT,
          at: 5,
          alerts: [
            {
              labels,
              annotations: {
                summary: 'Blocked TCP/TLS egress from data/cdc',
                description:
                  'data/cdc opened 2 TCP/TLS connections in the last 5m to a destination no ServiceEntry registers; the mesh (REGISTRY_ONLY) dropped them (BlackHoleCluster, flag UH). ' +
                  "Istio metrics do not name the destination of TCP/TLS traffic: find it in the sidecar's access log (upstream cluster BlackHoleCluster).",
                runbook:
                  'Review the flow in Egress Lens. If the destination is legitimate, register it with a ServiceEntry (Egress Lens generates one from the flow); ' +
                  'if not, investigate the workload: this may be attempted data exfiltration.',
              },
            },
          ],
        },
        { alert: BLOCKED_ATTEMPT_ALERT, at: 20, alerts: [] },
      ],
    });
  });

  it(`${BLOCKED_SPIKE_ALERT}: above factor × baseline and the floor, also with no baseline; HTTP and TCP add up`, () => {
    const end = DAY + 20;
    check('spike', {}, BLOCKED_SPIKE_ALERT, 1, [
      { series: blackholeHttp('shop', 'steady', 'x.example.com'), values: `0+60x${end}` },
      { series: blackholeHttp('shop', 'spiky', 'x.example.com'), values: `0+6x${DAY} ${6 * DAY}+60x20` },
      { series: blackholeHttp('shop', 'fresh', 'x.example.com'), values: `_x${DAY} 0+60x20` },
      { series: blackholeHttp('shop', 'trickle', 'x.example.com'), values: `_x${DAY} 0+3x20` },
      { series: blackholeHttp('data', 'cdc', 'x.example.com'), values: `_x${DAY} 0+30x20` },
      { series: blackholeTcp('data', 'cdc'), values: `_x${DAY} 0+30x20` },
    ], [
      { at: DAY - 10, samples: [] },
      {
        at: end,
        samples: [
          { labels: source('data', 'cdc'), value: 1 },
          { labels: source('shop', 'fresh'), value: 1 },
          { labels: source('shop', 'spiky'), value: 1 },
        ],
      },
    ]);
  });

  it(`${NEW_PASSTHROUGH_HOST_ALERT}: a host no source reached in the lookback, for 5m from its first request`, () => {
    const at = (minutes: number) => `_x${minutes / 5}`;
    check('new-host', { newPassthroughHost: { lookbackDays: 1 } }, NEW_PASSTHROUGH_HOST_ALERT, 5, [
      { series: passthrough('a', 'api.github.com'), values: '1x600' },
      // A new workload calling a known host: the host is not new.
      { series: passthrough('c', 'api.github.com'), values: `${at(2875)} 1x10` },
      // A new host, called once.
      { series: passthrough('b', 'new.example.com'), values: `${at(2875)} 1x10` },
      // Seen on day 0, gone, back after more than the 1-day lookback.
      { series: passthrough('d', 'old.example.com'), values: `1x10 ${at(2010)} 1x20` },
      { series: passthrough('e', 'unknown'), values: `${at(2875)} 1x10` },
    ], [
      { at: 60, samples: [] },
      { at: 2065, samples: [{ labels: { ...source('shop', 'd'), destination_service: 'old.example.com' }, value: 1 }] },
      { at: 2875, samples: [{ labels: { ...source('shop', 'b'), destination_service: 'new.example.com' }, value: 1 }] },
      { at: 2878, samples: [{ labels: { ...source('shop', 'b'), destination_service: 'new.example.com' }, value: 1 }] },
      { at: 2880, samples: [] },
    ]);
  });

  it(`${NEW_PASSTHROUGH_HOST_ALERT} and ${BLOCKED_ATTEMPT_ALERT} agree with the classifier: pod-IP catch-all traffic and unknown sources are not egress`, () => {
    // A sidecar calling a pod IP inside the mesh: PassthroughCluster (BlackHoleCluster under
    // REGISTRY_ONLY) with the pod's workload known (istio/istio#29294). This used to fire.
    const podIp = { destination_workload: 'reviews-v1', destination_workload_namespace: 'bookinfo' };
    const podIpPassthrough = series(HTTP, { ...source('shop', 'f'), reporter: 'source', destination_service: '10.1.2.3:9080', destination_service_name: 'PassthroughCluster', ...podIp, request_protocol: 'http', response_code: '200' });
    const podIpBlocked = series(HTTP, { ...source('shop', 'g'), reporter: 'source', destination_service: '10.1.2.4:9080', destination_service_name: 'BlackHoleCluster', ...podIp, request_protocol: 'http', response_code: '502' });
    // Traffic entering the mesh: the source is unknown.
    const unknownSource = (cluster: string, host: string) =>
      series(HTTP, { ...source('unknown', 'unknown'), reporter: 'source', destination_service: host, destination_service_name: cluster, ...EXTERNAL, request_protocol: 'http', response_code: '200' });
    const input = [
      { series: podIpPassthrough, values: `_x10 1x10` },
      { series: podIpBlocked, values: `_x10 1x10` },
      { series: unknownSource('PassthroughCluster', 'ingress.example.com'), values: `_x10 1x10` },
      { series: unknownSource('BlackHoleCluster', 'ingress.example.com'), values: `_x10 1x10` },
      // The same host from a known source, externally: still fires.
      { series: passthrough('h', 'new.example.com'), values: `_x10 1x10` },
    ];
    check('pod-ip-new-host', { newPassthroughHost: { lookbackDays: 1 } }, NEW_PASSTHROUGH_HOST_ALERT, 1, input, [
      { at: 12, samples: [{ labels: { ...source('shop', 'h'), destination_service: 'new.example.com' }, value: 1 }] },
    ]);
    check('pod-ip-blocked', {}, BLOCKED_ATTEMPT_ALERT, 1, input, [{ at: 12, samples: [] }]);
  });

  it(`${NEW_PASSTHROUGH_HOST_ALERT} never names a catch-all cluster as a host (Istio 1.3 TCP wrote PassthroughCluster in destination_service)`, () => {
    const artefact = series(HTTP, { ...source('shop', 'old'), reporter: 'source', destination_service: 'PassthroughCluster', destination_service_name: 'PassthroughCluster', ...EXTERNAL, request_protocol: 'http', response_code: '200' });
    const input = [
      { series: artefact, values: `_x10 1x10` },
      { series: passthrough('h', 'new.example.com'), values: `_x10 1x10` },
    ];
    check('artefact-new-host', { newPassthroughHost: { lookbackDays: 1 } }, NEW_PASSTHROUGH_HOST_ALERT, 1, input, [
      { at: 12, samples: [{ labels: { ...source('shop', 'h'), destination_service: 'new.example.com' }, value: 1 }] },
    ]);
  });

  it(`${NEW_PASSTHROUGH_HOST_ALERT} counts a host named without a namespace only where it is ALLOW_ANY_DYNAMIC_DNS passthrough, never an IP named so`, () => {
    // Istio 1.31 ALLOW_ANY_DYNAMIC_DNS: the Host header in both labels, namespace unknown (facts §9); before 1.23 a ServiceEntry looked the same.
    const named = (wl: string, host: string) =>
      series(HTTP, { ...source('shop', wl), reporter: 'source', destination_service: host, destination_service_name: host, destination_service_namespace: 'unknown', ...EXTERNAL, request_protocol: 'http', response_code: '200' });
    const input = [
      { series: named('dfp', 'api.dynamic.example'), values: `_x10 1x10` },
      // Incomplete telemetry (pod churn): an IP named so is never a host.
      { series: named('churn', '10.20.30.40:9080'), values: `_x10 1x10` },
    ];
    check('dfp-new-host', { newPassthroughHost: { lookbackDays: 1 } }, NEW_PASSTHROUGH_HOST_ALERT, 1, input, [
      { at: 12, samples: [{ labels: { ...source('shop', 'dfp'), destination_service: 'api.dynamic.example' }, value: 1 }] },
    ], { hostNamedWithoutNamespace: 'passthrough' });
    check('legacy-se-new-host', { newPassthroughHost: { lookbackDays: 1 } }, NEW_PASSTHROUGH_HOST_ALERT, 1, input, [{ at: 12, samples: [] }], { hostNamedWithoutNamespace: 'registered' });
  });
});
