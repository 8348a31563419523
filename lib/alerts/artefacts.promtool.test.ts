import fs from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithBinaries } from '../../testing/needs-binaries';
import { createDemoMesh, demoSeries, DEMO_IP_NAMED_SERVICE, DEMO_POD_IP_SERVICE } from '../../tools/demo';
import { generateAlertRules } from './generate';
import { BLOCKED_ATTEMPT_ALERT, BLOCKED_SPIKE_ALERT, NEW_PASSTHROUGH_HOST_ALERT } from './rules';
import { PROMTOOL, promtoolTestFile, runPromtool, series, tempDir, writeFile, type Labels } from '../../testing/alerts';

// The demo's telemetry artefacts, with every label the demo writes: an IP named
// as a service with no workload (pod churn, facts §9) and a sidecar's
// PassthroughCluster call to a pod IP (a known destination workload). Neither
// is egress, so no generated alert may fire on them, however new or busy.

const DAY = 1440;
const HTTP = 'istio_requests_total';

const demo = [...demoSeries(createDemoMesh({ origin: 1_767_225_600 }))];
function demoLabels(destinationService: string): Labels {
  const s = demo.find((x) => x.name === HTTP && x.labels.reporter === 'source' && x.labels.destination_service === destinationService);
  if (!s) throw new Error(`the demo has no ${destinationService} series`);
  return s.labels;
}
const ipNamed = demoLabels(DEMO_IP_NAMED_SERVICE);
const podIp = demoLabels(DEMO_POD_IP_SERVICE);
// The same pod-IP call under REGISTRY_ONLY.
const podIpBlocked: Labels = { ...podIp, destination_service_name: 'BlackHoleCluster', response_code: '502' };
const ipNamedBlocked: Labels = { ...ipNamed, response_code: '502' };

// New at DAY and busy from then on: what would fire a new-host, an attempt and a spike alert alike.
const fresh = `_x${DAY} 0+60x30`;
const artefacts = [ipNamed, ipNamedBlocked, podIp, podIpBlocked].map((labels) => ({ series: series(HTTP, labels), values: fresh }));
const options = { newPassthroughHost: { lookbackDays: 1 } };

let dir: string;
beforeAll(() => {
  if (PROMTOOL !== null) dir = tempDir('alert-artefacts');
});
afterAll(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

function run(name: string, test: Parameters<typeof promtoolTestFile>[1]): void {
  const rulesFile = writeFile(dir, `${name}.rules.yml`, generateAlertRules(options).rulesFile);
  const testFile = writeFile(dir, `${name}.test.yml`, promtoolTestFile(rulesFile, test));
  const result = runPromtool(['test', 'rules', testFile], dir);
  expect(result.status, result.output).toBe(0);
  expect(result.output).toContain('SUCCESS');
}

describeWithBinaries(['promtool'], 'the generated alerts on the demo\'s telemetry artefacts (promtool test rules)', () => {
  it('fire on neither an IP named as a service nor a pod-IP PassthroughCluster/BlackHoleCluster call (exp_alerts: [])', () => {
    expect(ipNamed).toMatchObject({ destination_service_name: DEMO_IP_NAMED_SERVICE, destination_workload: 'unknown' });
    expect(podIp).toMatchObject({ destination_service_name: 'PassthroughCluster', destination_workload: 'ledger-v1' });
    const alerts = [BLOCKED_ATTEMPT_ALERT, BLOCKED_SPIKE_ALERT, NEW_PASSTHROUGH_HOST_ALERT];
    run('artefacts', {
      intervalMinutes: 1,
      input: artefacts,
      alertCases: alerts.flatMap((alert) => [DAY + 2, DAY + 10, DAY + 25].map((at) => ({ alert, at, alerts: [] }))),
    });
  });

  it('while the same rules, on the same input, still see a real new passthrough host and a real blocked attempt', () => {
    const rules = generateAlertRules(options).groups[0]?.rules ?? [];
    const expr = (alert: string): string => {
      const rule = rules.find((r) => r.alert === alert);
      if (!rule) throw new Error(`no ${alert} rule`);
      return rule.expr;
    };
    const external = { ...ipNamed, destination_service: 'new.example.com', destination_service_name: 'PassthroughCluster' };
    const blocked = { ...ipNamed, destination_service: 'evil.example.com', destination_service_name: 'BlackHoleCluster', response_code: '502' };
    const source = { source_workload_namespace: ipNamed.source_workload_namespace ?? '', source_workload: ipNamed.source_workload ?? '' };
    run('artefacts-control', {
      intervalMinutes: 1,
      input: [...artefacts, { series: series(HTTP, external), values: fresh }, { series: series(HTTP, blocked), values: `_x${DAY} 1x30` }],
      exprCases: [
        { expr: expr(NEW_PASSTHROUGH_HOST_ALERT), at: DAY + 2, samples: [{ labels: { ...source, destination_service: 'new.example.com' }, value: 1 }] },
        { expr: expr(BLOCKED_ATTEMPT_ALERT), at: DAY + 2, samples: [{ labels: { ...source, destination_service: 'evil.example.com' }, value: 1 }] },
      ],
    });
  });
});
