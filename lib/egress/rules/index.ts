/**
 * The egress rulebook: every rule that says whether an Istio series is egress,
 * which status it has and which host it names, written once as PromQL
 * matchers and once as their JavaScript mirror (classifyEgress), side by side.
 * Query builders (lib/prometheus/queries.ts, timeseries.ts,
 * lib/blocked/blocked.ts, lib/hosts/hosts.ts) and the alert rules
 * (lib/alerts/expressions.ts) take their matchers from here; the flows take
 * their classification from here. rules.prometheus.test.ts runs each labelled
 * case of the facts sheet through both sides on a real Prometheus.
 *
 * Facts: shared istio-egress-facts.md §1-8 (sidecars) and §9 (ambient's
 * ztunnel and waypoints, ALLOW_ANY_DYNAMIC_DNS, ServiceEntries before Istio
 * 1.23, telemetry artefacts). Each rule the sheet marks [unverified] or
 * [derived] is one named function here, so it is changed in one place.
 */
export * from './labels';
export * from './status';
export * from './classify';
