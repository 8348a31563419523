import { describe, expect, it } from 'vitest';
import { parsePromDuration, promNumber } from './duration';
import { generateAlertRules } from './generate';
import { resolveAlertOptions, warnAboutOptions } from './options';
import { AlertOptionsError } from './types';

/** The problems generateAlertRules reports for `raw` (which must be invalid). */
function problems(raw: unknown): string[] {
  try {
    generateAlertRules(raw as never);
  } catch (e) {
    expect(e).toBeInstanceOf(AlertOptionsError);
    return (e as AlertOptionsError).problems;
  }
  throw new Error(`expected ${JSON.stringify(raw)} to be refused`);
}

describe('parsePromDuration', () => {
  it.each([
    ['0', 0],
    ['0m', 0],
    ['5m', 300_000],
    ['1h30m', 5_400_000],
    ['1d', 86_400_000],
    ['2w', 14 * 86_400_000],
    ['1y', 365 * 86_400_000],
    ['1s500ms', 1500],
  ])('reads %s', (text, ms) => expect(parsePromDuration(text)).toBe(ms));

  it.each(['', '5', '5 m', '-5m', '1.5h', '30m1h', '1m1m', '5M', 'PT5M', '300y'])('refuses %j as Prometheus does', (text) => {
    expect(parsePromDuration(text)).toBeNull();
  });

  it('writes numbers as PromQL reads them', () => {
    expect(promNumber(3)).toBe('3');
    expect(promNumber(0.1)).toBe('0.1');
    expect(promNumber(1e-7)).toBe('1e-7');
    expect(() => promNumber(Number.NaN)).toThrow();
  });
});

describe('resolveAlertOptions', () => {
  it('fills in the documented defaults', () => {
    expect(resolveAlertOptions(undefined)).toEqual({
      groupName: 'egress-lens',
      namespaces: [],
      blackhole: { enabled: true, for: '0m', severity: 'critical', window: '5m' },
      spike: { enabled: true, factor: 3, baseline: '1d', minRate: 0.1, for: '10m', severity: 'warning' },
      newPassthroughHost: { enabled: true, lookbackDays: 7, for: '0m', severity: 'warning' },
      labels: {},
      teamLabel: undefined,
      prometheusRule: { name: 'egress-lens-alerts', namespace: 'monitoring', labels: {} },
    });
  });

  it('deduplicates and sorts namespaces', () => {
    expect(resolveAlertOptions({ namespaces: ['shop', 'data', 'shop'] }).namespaces).toEqual(['data', 'shop']);
  });
});

describe('invalid options name the bad option', () => {
  it.each<[string, unknown, string]>([
    ['options not an object', null, 'options: '],
    ['options an array', [], 'options: '],
    ['unknown top-level option', { groupname: 'x' }, 'groupname: unknown option'],
    ['unknown nested option', { spike: { facter: 4 } }, 'spike.facter: unknown option'],
    ['unknown PrometheusRule option', { prometheusRule: { labelz: {} } }, 'prometheusRule.labelz: unknown option'],
    ['duration with spaces', { blackhole: { for: '5 minutes' } }, 'blackhole.for: must be a Prometheus duration'],
    ['units out of order', { spike: { for: '30m1h' } }, 'spike.for: must be a Prometheus duration'],
    ['zero window', { blackhole: { window: '0m' } }, 'blackhole.window: must be a non-zero Prometheus duration'],
    ['duration not a string', { blackhole: { window: 300 } }, 'blackhole.window: '],
    ['baseline no longer than the 5m window', { spike: { baseline: '5m' } }, 'spike.baseline: must be longer than the 5m window'],
    ['factor of 1', { spike: { factor: 1 } }, 'spike.factor: must be greater than 1'],
    ['factor as a string', { spike: { factor: '3' } }, 'spike.factor: '],
    ['negative floor', { spike: { minRate: -1 } }, 'spike.minRate: must not be negative'],
    ['lookback of 0 days', { newPassthroughHost: { lookbackDays: 0 } }, 'newPassthroughHost.lookbackDays: must be at least 1'],
    ['lookback of 91 days', { newPassthroughHost: { lookbackDays: 91 } }, 'newPassthroughHost.lookbackDays: must be at most 90'],
    ['fractional lookback', { newPassthroughHost: { lookbackDays: 1.5 } }, 'newPassthroughHost.lookbackDays: must be a whole number'],
    ['new-host for of 5m or more', { newPassthroughHost: { for: '5m' } }, 'newPassthroughHost.for: must be shorter than 5m'],
    ['enabled not a boolean', { blackhole: { enabled: 'no' } }, 'blackhole.enabled: '],
    ['label name with a dash', { labels: { 'my-team': 'a' } }, 'labels.my-team: must be a Prometheus label name'],
    ['reserved label name', { labels: { __name__: 'a' } }, 'labels.__name__: names starting with __ are reserved'],
    ['alertname label', { labels: { alertname: 'a' } }, 'labels.alertname: is set by the generator'],
    ['severity label', { labels: { severity: 'a' } }, 'labels.severity: is set by the generator'],
    ['label the metrics carry', { labels: { source_workload: 'a' } }, 'labels.source_workload: is set by the generator'],
    ['label value with a newline', { labels: { team: 'a\nb' } }, 'labels.team: must be a single line'],
    ['label value with a carriage return', { labels: { team: 'a\rb' } }, 'labels.team: must be a single line'],
    ['label value with a line separator', { labels: { team: 'a\u2028b' } }, 'labels.team: must be a single line'],
    ['label value with a lone surrogate', { labels: { team: 'a\ud800' } }, 'labels.team: must be a single line'],
    ['empty label value', { labels: { team: '' } }, 'labels.team: must not be empty'],
    ['label value not a string', { labels: { team: 1 } }, 'labels.team: '],
    ['severity with a newline', { spike: { severity: 'x\ny' } }, 'spike.severity: must be a single line'],
    ['empty severity', { blackhole: { severity: '' } }, 'blackhole.severity: must not be empty'],
    ['team label starting with a digit', { teamLabel: '1team' }, 'teamLabel: must be a Prometheus label name'],
    ['team label and a static team', { teamLabel: 'source_app', labels: { team: 'a' } }, 'labels.team: conflicts with teamLabel'],
    ['empty namespace', { namespaces: [''] }, 'namespaces.0: must not be empty'],
    ['namespace with a newline', { namespaces: ['a', 'b\nc'] }, 'namespaces.1: must be a single line'],
    ['empty group name', { groupName: '' }, 'groupName: must not be empty'],
    ['PrometheusRule name', { prometheusRule: { name: 'Egress_Alerts' } }, 'prometheusRule.name: must be a Kubernetes object name'],
    ['PrometheusRule namespace', { prometheusRule: { namespace: 'a.b' } }, 'prometheusRule.namespace: must be a Kubernetes namespace name'],
    ['PrometheusRule label key', { prometheusRule: { labels: { 'a b': 'x' } } }, 'prometheusRule.labels.a b: must be a Kubernetes label key'],
    ['PrometheusRule label value', { prometheusRule: { labels: { release: 'a b' } } }, 'prometheusRule.labels.release: must be a Kubernetes label value'],
  ])('%s', (_what, raw, expected) => {
    const found = problems(raw);
    expect(found.some((p) => p.startsWith(expected)), found.join('\n')).toBe(true);
  });

  it('reports every problem at once, in the message too', () => {
    try {
      generateAlertRules({ spike: { factor: 0.5, baseline: 'daily' }, labels: { 'a-b': 'x' } });
      expect.unreachable();
    } catch (e) {
      const err = e as AlertOptionsError;
      expect(err.problems).toHaveLength(3);
      expect(err.message).toMatch(/^invalid alert rule options: .*spike\.factor.*spike\.baseline.*labels\.a-b/);
    }
  });

  it('does not lose a __proto__ label silently', () => {
    expect(problems(JSON.parse('{"labels":{"__proto__":"x"}}'))).toEqual([expect.stringMatching(/^labels\.__proto__: names starting with __ are reserved/)]);
  });
});

describe('warnAboutOptions', () => {
  it('says nothing about the defaults', () => {
    expect(warnAboutOptions(resolveAlertOptions({}))).toEqual([]);
  });

  it('warns about namespaces that cannot be Kubernetes namespaces, short windows, long lookbacks and an empty group', () => {
    expect(warnAboutOptions(resolveAlertOptions({ namespaces: ['a.b', 'shop'] }))).toEqual([expect.stringMatching(/^namespaces: "a\.b" is not a Kubernetes namespace name/)]);
    expect(warnAboutOptions(resolveAlertOptions({ blackhole: { window: '30s' } }))).toEqual([expect.stringMatching(/^blackhole\.window: 30s spans fewer than two scrapes/)]);
    expect(warnAboutOptions(resolveAlertOptions({ newPassthroughHost: { lookbackDays: 60 } }))).toEqual([expect.stringMatching(/^newPassthroughHost\.lookbackDays: every evaluation reads 60 days/)]);
    const none = { blackhole: { enabled: false }, spike: { enabled: false }, newPassthroughHost: { enabled: false } };
    expect(generateAlertRules(none).warnings).toEqual(['every rule is disabled: the group has no rules']);
  });
});
