/** Prometheus alerting rules for Istio egress (issue 5). */
export { generateAlertRules, generateAlertRulesFromJson } from './generate';
export { alertRuleOptionsSchema, resolveAlertOptions, type ResolvedAlertOptions } from './options';
export { BLOCKED_ATTEMPT_ALERT, BLOCKED_SPIKE_ALERT, NEW_PASSTHROUGH_HOST_ALERT } from './rules';
export {
  AlertOptionsError,
  type AlertingRule,
  type AlertRuleOptions,
  type BlackholeRuleOptions,
  type GeneratedRules,
  type NewPassthroughHostRuleOptions,
  type PrometheusRuleOptions,
  type RuleGroup,
  type SpikeRuleOptions,
} from './types';
