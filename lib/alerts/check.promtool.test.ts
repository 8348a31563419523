import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { generateAlertRules } from './generate';
import { PROMTOOL, runPromtool, tempDir, writeFile } from '../../testing/alerts';
import type { AlertRuleOptions } from './types';
import { describeWithBinaries } from '../../testing/needs-binaries';

// Every generated rules file must pass `promtool check rules`: YAML, PromQL,
// durations, label names and the Go templates of labels and annotations.

const HOSTILE_VALUES = {
  quotes: `it's "quoted" \\ back\\slash`,
  braces: 'x{{ .Foo "q\' }} }} {{',
  yaml: '- [a]: #b',
  bool: 'yes',
  nil: 'null',
  octal: '010',
  star: '*',
  spaces: '  padded  ',
  unicode: 'équipe 🛡',
};

const OPTION_SETS: Record<string, AlertRuleOptions> = {
  defaults: {},
  all: {
    groupName: 'egress: "team-a" #1',
    namespaces: ['shop', 'data', 'shop'],
    blackhole: { enabled: true, for: '1m30s', severity: 'page', window: '10m' },
    spike: { enabled: true, factor: 2.5, baseline: '1w', minRate: 0.000001, for: '15m', severity: 'ticket' },
    newPassthroughHost: { enabled: true, lookbackDays: 30, for: '2m', severity: 'info' },
    labels: { owner: 'platform', environment: 'prod' },
    teamLabel: 'source_app',
    prometheusRule: { name: 'egress.alerts', namespace: 'observability', labels: { release: 'prometheus', 'app.kubernetes.io/part-of': 'egress-lens' } },
  },
  'namespace metacharacters': { namespaces: ['a.b', 'x|y', 'c(d)*', 'e\\f', 'g"h', '^$[]{}+?'] },
  'hostile label values': { labels: HOSTILE_VALUES, blackhole: { severity: '{{ $value }}' } },
  'blackhole only': { spike: { enabled: false }, newPassthroughHost: { enabled: false } },
  'spike only': { blackhole: { enabled: false }, newPassthroughHost: { enabled: false }, spike: { factor: 1.01, minRate: 0 } },
  'new host only, one day': { blackhole: { enabled: false }, spike: { enabled: false }, newPassthroughHost: { lookbackDays: 1 } },
  'all disabled': { blackhole: { enabled: false }, spike: { enabled: false }, newPassthroughHost: { enabled: false } },
};

let dir: string;
beforeAll(() => {
  if (PROMTOOL !== null) dir = tempDir('alert-check');
});
afterAll(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describeWithBinaries(['promtool'], 'promtool check rules', () => {
  it.each(Object.entries(OPTION_SETS))('accepts the rules file for %s', (name, options) => {
    const generated = generateAlertRules(options);
    const file = writeFile(dir, `${name.replace(/\W+/g, '-')}.yml`, generated.rulesFile);
    const run = runPromtool(['check', 'rules', file], dir);
    expect(run.status, run.output).toBe(0);
    expect(run.output).toContain(`SUCCESS: ${generated.groups[0]?.rules.length} rules found`);
  });

  it('rejects a broken template, so the checks above mean something', () => {
    const broken = generateAlertRules().rulesFile.replace('severity: critical', 'severity: "{{ .Foo"');
    const run = runPromtool(['check', 'rules', writeFile(dir, 'broken.yml', broken)], dir);
    expect(run.status).not.toBe(0);
    expect(run.output).toMatch(/template/i);
  });
});

describe('the rules file and the PrometheusRule', () => {
  it.each(Object.entries(OPTION_SETS))('hold the same groups for %s', (_name, options) => {
    const generated = generateAlertRules(options);
    const rules = parse(generated.rulesFile) as { groups: unknown };
    const resource = parse(generated.prometheusRule) as { apiVersion: string; kind: string; spec: { groups: unknown } };
    expect(resource.apiVersion).toBe('monitoring.coreos.com/v1');
    expect(resource.kind).toBe('PrometheusRule');
    expect(resource.spec.groups).toEqual(rules.groups);
    expect(rules.groups).toEqual(JSON.parse(JSON.stringify(generated.groups)));
  });

  it('reads back every hostile label value as the value written, escaped for Go templates only', () => {
    const { rulesFile } = generateAlertRules({ labels: HOSTILE_VALUES });
    const labels = (parse(rulesFile) as { groups: { rules: { labels: Record<string, string> }[] }[] }).groups[0]?.rules[0]?.labels;
    expect(labels).toMatchObject({ ...HOSTILE_VALUES, braces: 'x{{ "{{" }} .Foo "q\' }} }} {{ "{{" }}' });
  });

  it('names and labels the PrometheusRule', () => {
    const options = OPTION_SETS.all;
    const resource = parse(generateAlertRules(options).prometheusRule) as { metadata: unknown };
    expect(resource.metadata).toEqual({ name: 'egress.alerts', namespace: 'observability', labels: { release: 'prometheus', 'app.kubernetes.io/part-of': 'egress-lens' } });
    expect((parse(generateAlertRules().prometheusRule) as { metadata: unknown }).metadata).toEqual({ name: 'egress-lens-alerts', namespace: 'monitoring' });
  });
});
