import { describe, expect, it } from 'vitest';
import { generateAlertRules } from './generate';
import { BLOCKED_ATTEMPT_ALERT, BLOCKED_SPIKE_ALERT, escapeTemplate, NEW_PASSTHROUGH_HOST_ALERT } from './rules';
import type { AlertingRule, AlertRuleOptions } from './types';

function rules(options: AlertRuleOptions = {}): AlertingRule[] {
  return [...(generateAlertRules(options).groups[0]?.rules ?? [])];
}

function rule(alert: string, options: AlertRuleOptions = {}): AlertingRule {
  const found = rules(options).find((r) => r.alert === alert);
  if (!found) throw new Error(`no ${alert}`);
  return found;
}

/** The expression on one line, for readable expectations. */
const flat = (expr: string) => expr.replace(/\s+/g, ' ');
const selectors = (expr: string) => expr.match(/\{[^}]*\}/g) ?? [];

describe('the rule group', () => {
  it('holds the three rules with their default durations and severities', () => {
    const group = generateAlertRules().groups[0];
    expect(group?.name).toBe('egress-lens');
    expect(group?.rules.map((r) => [r.alert, r.for, r.labels])).toEqual([
      [BLOCKED_ATTEMPT_ALERT, '0m', { severity: 'critical' }],
      [BLOCKED_SPIKE_ALERT, '10m', { severity: 'warning' }],
      [NEW_PASSTHROUGH_HOST_ALERT, '0m', { severity: 'warning' }],
    ]);
    for (const r of group?.rules ?? []) expect(Object.keys(r.annotations)).toEqual(['summary', 'description', 'runbook']);
  });

  it('leaves out disabled rules and takes the group name', () => {
    const options = { groupName: 'egress', blackhole: { enabled: false }, newPassthroughHost: { enabled: false } };
    expect(generateAlertRules(options).groups.map((g) => [g.name, g.rules.map((r) => r.alert)])).toEqual([['egress', [BLOCKED_SPIKE_ALERT]]]);
  });

  it('reads only the reporters that see egress (reporter=~"source|waypoint") in every selector', () => {
    for (const r of rules()) {
      expect(selectors(r.expr).length).toBeGreaterThan(0);
      for (const s of selectors(r.expr)) expect(s).toContain('reporter=~"source|waypoint"');
    }
  });
});

describe(BLOCKED_ATTEMPT_ALERT, () => {
  it('counts BlackHoleCluster HTTP requests per source and host, or TCP connections per source', () => {
    const expr = flat(rule(BLOCKED_ATTEMPT_ALERT).expr);
    const sel = '{reporter=~"source|waypoint", source_workload!="unknown", destination_service_name="BlackHoleCluster", destination_workload="unknown"}';
    expect(expr).toContain(`sum by (source_workload_namespace, source_workload, destination_service) ( (max_over_time(istio_requests_total${sel}[5m]) unless present_over_time(istio_requests_total${sel}[1h] offset 5m)) or increase(istio_requests_total${sel}[5m]) ) > 0`);
    expect(expr).toContain(`) or ( sum by (source_workload_namespace, source_workload) ( (max_over_time(istio_tcp_connections_closed_total${sel}[5m])`);
  });

  it('takes its window, duration and severity', () => {
    const r = rule(BLOCKED_ATTEMPT_ALERT, { blackhole: { window: '15m', for: '2m', severity: 'page' } });
    expect(r.expr).toContain('increase(istio_requests_total{reporter=~"source|waypoint", source_workload!="unknown", destination_service_name="BlackHoleCluster", destination_workload="unknown"}[15m])');
    expect(r.expr).toContain('[1h] offset 15m');
    expect(r.expr).not.toContain('[5m]');
    expect([r.for, r.labels.severity]).toEqual(['2m', 'page']);
    expect(r.annotations.description).toContain('in the last 15m');
  });

  it('names the host for HTTP, and says the metrics do not for TCP', () => {
    const { summary, description, runbook } = rule(BLOCKED_ATTEMPT_ALERT).annotations;
    expect(summary).toMatch(/^\{\{ if \$labels\.destination_service \}\}.*to \{\{ \$labels\.destination_service \}\}\{\{ else \}\}Blocked TCP\/TLS egress from .*\{\{ end \}\}$/);
    expect(description).toContain('Istio metrics do not name the destination of TCP/TLS traffic');
    expect(runbook).toMatch(/Egress Lens.*ServiceEntry.*exfiltration/);
  });
});

describe(BLOCKED_SPIKE_ALERT, () => {
  it('compares the 5m rate with factor × the baseline rate before it, a missing baseline counting as 0, above the floor', () => {
    const expr = flat(rule(BLOCKED_SPIKE_ALERT).expr);
    const now = 'sum by (source_workload_namespace, source_workload) (rate(istio_requests_total{reporter=~"source|waypoint", source_workload!="unknown", destination_service_name="BlackHoleCluster", destination_workload="unknown"}[5m]) or rate(istio_tcp_connections_closed_total{reporter=~"source|waypoint", source_workload!="unknown", destination_service_name="BlackHoleCluster", destination_workload="unknown"}[5m]))';
    const before = now.replaceAll('[5m]', '[1d] offset 5m');
    expect(expr).toBe(`( ${now} > 3 * ( ${before} or ${now} * 0 ) ) and ( ${now} > 0.1 )`);
  });

  it('takes its factor, baseline, floor, duration and severity', () => {
    const r = rule(BLOCKED_SPIKE_ALERT, { spike: { factor: 2.5, baseline: '1w', minRate: 1e-7, for: '30m', severity: 'ticket' } });
    const expr = flat(r.expr);
    expect(expr).toContain('> 2.5 * (');
    expect(expr).toContain('[1w] offset 5m');
    expect(expr).toMatch(/> 1e-7 \)$/);
    expect([r.for, r.labels.severity]).toEqual(['30m', 'ticket']);
    expect(r.annotations.description).toContain('more than 2.5 times its average over the 1w before, and above the floor of 1e-7/s');
  });
});

describe(NEW_PASSTHROUGH_HOST_ALERT, () => {
  it('keeps passthrough hosts seen now unless any source saw the host in the lookback (matching on destination_service)', () => {
    // A host-named destination_service only: not "unknown", not a catch-all cluster's own name (an Istio 1.3 TCP artefact, facts §9).
    const sel = '{reporter=~"source|waypoint", source_workload!="unknown", destination_service_name="PassthroughCluster", destination_workload="unknown", destination_service!="unknown", destination_service!~"PassthroughCluster|BlackHoleCluster"}';
    expect(flat(rule(NEW_PASSTHROUGH_HOST_ALERT).expr)).toBe(
      `count by (source_workload_namespace, source_workload, destination_service) (present_over_time(istio_requests_total${sel}[5m])) ` +
        `unless on (destination_service) count by (destination_service) (present_over_time(istio_requests_total${sel}[7d] offset 5m))`,
    );
  });

  it('takes its lookback, duration and severity', () => {
    const r = rule(NEW_PASSTHROUGH_HOST_ALERT, { newPassthroughHost: { lookbackDays: 1, for: '1m', severity: 'info' } });
    expect(r.expr).toContain('[1d] offset 5m');
    expect([r.for, r.labels.severity]).toEqual(['1m', 'info']);
    expect(r.annotations.description).toContain('no workload in the mesh reached in the 1 day before');
    expect(rule(NEW_PASSTHROUGH_HOST_ALERT, { namespaces: ['shop'] }).annotations.description).toContain('no workload in the watched namespaces reached in the 7 days before');
  });
});

describe('options shared by every rule', () => {
  it('restricts every selector to the namespaces, regex-escaped', () => {
    for (const r of rules({ namespaces: ['shop', 'a.b', 'x|y'] })) {
      for (const s of selectors(r.expr)) expect(s).toContain('source_workload_namespace=~"a\\\\.b|shop|x\\\\|y"');
    }
  });

  it('adds the static labels, sorted, and escapes Go template actions in them', () => {
    for (const r of rules({ labels: { team: 'payments', env: 'x{{ .Foo }}' } })) {
      expect(Object.entries(r.labels)).toEqual([['severity', r.labels.severity], ['env', 'x{{ "{{" }} .Foo }}'], ['team', 'payments']]);
    }
  });

  it('keeps teamLabel in every aggregation by source and copies it into team', () => {
    for (const r of rules({ teamLabel: 'source_app' })) {
      expect(r.labels.team).toBe('{{ $labels.source_app }}');
      const groupings = flat(r.expr).match(/(?:sum|count) by \(([^)]*)\)/g) ?? [];
      for (const g of groupings.filter((x) => x.includes('source_workload'))) expect(g).toMatch(/, source_app\)$/);
    }
    expect(flat(rule(NEW_PASSTHROUGH_HOST_ALERT, { teamLabel: 'source_app' }).expr)).toContain('unless on (destination_service) count by (destination_service) (');
  });

  it('does not repeat a teamLabel that is already a grouping label', () => {
    expect(rule(BLOCKED_SPIKE_ALERT, { teamLabel: 'source_workload' }).expr).toContain('sum by (source_workload_namespace, source_workload) (');
  });
});

describe('escapeTemplate', () => {
  it.each([
    ['plain', 'plain'],
    ['a {{ b }}', 'a {{ "{{" }} b }}'],
    ['{{{', '{{ "{{" }}{'],
    ['}} only', '}} only'],
  ])('%j', (text, escaped) => expect(escapeTemplate(text)).toBe(escaped));
});
