/**
 * The classification of Istio series lives in the egress rulebook (rules/),
 * next to the PromQL matchers it mirrors; re-exported here for existing imports.
 */
export { classifyEgress, gatewayMatcher, protocolOf, type EgressClass, type NotEgressReason } from './rules';
