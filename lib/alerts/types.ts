/** Options and output of the egress alerting-rule generator (issue 5). */

export interface BlackholeRuleOptions {
  readonly enabled?: boolean;
  /** How long blocked attempts must go on before the alert fires; default '0m' (at once). */
  readonly for?: string;
  /** Default 'critical'. */
  readonly severity?: string;
  /** The window in which attempts are counted; default '5m'. */
  readonly window?: string;
}

export interface SpikeRuleOptions {
  readonly enabled?: boolean;
  /** The 5m rate of blocked attempts must exceed factor × the average rate over the baseline; default 3, must be > 1. */
  readonly factor?: number;
  /** The window averaged for the baseline, ending where the 5m window begins; default '1d'. */
  readonly baseline?: string;
  /** Floor in attempts per second, so a source with no baseline does not alert on a trickle; default 0.1. */
  readonly minRate?: number;
  /** Default '10m'. */
  readonly for?: string;
  /** Default 'warning'. */
  readonly severity?: string;
}

export interface NewPassthroughHostRuleOptions {
  readonly enabled?: boolean;
  /** How many days back a host must be absent to count as new; default 7, from 1 to 90. */
  readonly lookbackDays?: number;
  /** Default '0m'; must be shorter than 5m, the time a host stays new. */
  readonly for?: string;
  /** Default 'warning'. */
  readonly severity?: string;
}

export interface PrometheusRuleOptions {
  /** metadata.name; default 'egress-lens-alerts'. */
  readonly name?: string;
  /** metadata.namespace; default 'monitoring'. */
  readonly namespace?: string;
  /** metadata.labels, e.g. `release: prometheus` for the Prometheus Operator's ruleSelector. */
  readonly labels?: Readonly<Record<string, string>>;
}

export interface AlertRuleOptions {
  /** Default 'egress-lens'. */
  readonly groupName?: string;
  /** Source namespaces the rules watch (matched literally); empty or absent means all. */
  readonly namespaces?: readonly string[];
  readonly blackhole?: BlackholeRuleOptions;
  readonly spike?: SpikeRuleOptions;
  readonly newPassthroughHost?: NewPassthroughHostRuleOptions;
  /** Static labels on every alert, e.g. `{ team: 'platform' }`. */
  readonly labels?: Readonly<Record<string, string>>;
  /** A label the series carry (e.g. 'source_app'), kept by every aggregation and copied into the alert as `team`. */
  readonly teamLabel?: string;
  readonly prometheusRule?: PrometheusRuleOptions;
}

/** One alerting rule as Prometheus rule files write it. */
export interface AlertingRule {
  readonly alert: string;
  readonly expr: string;
  readonly for: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
}

export interface RuleGroup {
  readonly name: string;
  readonly rules: readonly AlertingRule[];
}

export interface GeneratedRules {
  /** A Prometheus rules file (`groups:`), for `rule_files` and `promtool check rules`. */
  readonly rulesFile: string;
  /** The same groups in a PrometheusRule (monitoring.coreos.com/v1) for the Prometheus Operator. */
  readonly prometheusRule: string;
  /** The groups both files hold. */
  readonly groups: RuleGroup[];
  /** Options that are valid but probably not what was meant. */
  readonly warnings: string[];
}

/** Invalid generator options; `problems` names each bad option ("spike.factor: ..."). */
export class AlertOptionsError extends Error {
  override readonly name = 'AlertOptionsError';
  constructor(readonly problems: string[]) {
    super(`invalid alert rule options: ${problems.join('; ')}`);
  }
}
