import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { which } from '../tools/backends/which';
import { matcher, selector } from '../lib/prometheus/promql';

/** promtool on PATH, or null (the promtool tests are skipped). */
export const PROMTOOL = which('promtool');

export interface PromtoolRun {
  readonly status: number | null;
  /** stdout and stderr together. */
  readonly output: string;
}

/** Runs promtool with arguments (no shell) in `cwd`. */
export function runPromtool(args: readonly string[], cwd: string): PromtoolRun {
  if (PROMTOOL === null) throw new Error('promtool is not on PATH');
  const r = spawnSync(PROMTOOL, args, { cwd, encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

/** A fresh temp directory; remove it with `fs.rmSync(dir, { recursive: true })`. */
export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `egress-lens-${prefix}-`));
}

/** Writes `text` to dir/name and returns the path. */
export function writeFile(dir: string, name: string, text: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}

export type Labels = Readonly<Record<string, string>>;

/** Labels in promtool's notation (a PromQL selector without a name). */
function labelSet(labels: Labels): string {
  return selector(Object.entries(labels).map(([k, v]) => matcher(k, '=', v)));
}

/** A series in promtool's notation, labels escaped as PromQL string literals. */
export function series(metric: string, labels: Labels): string {
  return `${metric}${labelSet(labels)}`;
}

export interface ExprCase {
  readonly expr: string;
  /** Minutes after the start of the input series. */
  readonly at: number;
  readonly samples: readonly { readonly labels: Labels; readonly value: number }[];
}

export interface AlertCase {
  readonly alert: string;
  /** Minutes after the start of the input series. */
  readonly at: number;
  readonly alerts: readonly { readonly labels: Labels; readonly annotations: Labels }[];
}

export interface PromtoolTest {
  readonly intervalMinutes: number;
  readonly input: readonly { readonly series: string; readonly values: string }[];
  readonly exprCases?: readonly ExprCase[];
  readonly alertCases?: readonly AlertCase[];
}

/** A `promtool test rules` file: input series, and expected PromQL results and firing alerts. */
export function promtoolTestFile(ruleFile: string, test: PromtoolTest): string {
  const exprTests = (test.exprCases ?? []).map((c) => ({
    expr: c.expr,
    eval_time: `${c.at}m`,
    exp_samples: c.samples.map((s) => ({ labels: labelSet(s.labels), value: s.value })),
  }));
  const alertTests = (test.alertCases ?? []).map((c) => ({
    alertname: c.alert,
    eval_time: `${c.at}m`,
    exp_alerts: c.alerts.map((a) => ({ exp_labels: a.labels, exp_annotations: a.annotations })),
  }));
  const tests = [{ interval: `${test.intervalMinutes}m`, input_series: test.input, promql_expr_test: exprTests, alert_rule_test: alertTests }];
  return stringify({ rule_files: [ruleFile], evaluation_interval: '1m', tests }, { lineWidth: 0 });
}
