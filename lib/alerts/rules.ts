import type { RuleContext } from '../egress/rules';
import { blockedAttemptExpr, blockedSpikeExpr, newPassthroughHostExpr, type ExpressionScope } from './expressions';
import { RECENT_WINDOW, type ResolvedAlertOptions } from './options';
import type { AlertingRule, RuleGroup } from './types';

export const BLOCKED_ATTEMPT_ALERT = 'EgressBlockedAttempt';
export const BLOCKED_SPIKE_ALERT = 'EgressBlockedSpike';
export const NEW_PASSTHROUGH_HOST_ALERT = 'EgressNewPassthroughHost';

/** Prometheus expands alert labels and annotations as Go templates. */
const SOURCE = '{{ $labels.source_workload_namespace }}/{{ $labels.source_workload }}';
const HOST = '{{ $labels.destination_service }}';

/**
 * A literal value inside a Go template (alert labels are templates too): every
 * `{{` becomes an action printing `{{`; `}}` outside an action is plain text.
 */
export function escapeTemplate(text: string): string {
  return text.split('{{').join('{{ "{{" }}');
}

/** severity, the static labels, and team from the series when teamLabel is set. */
function ruleLabels(o: ResolvedAlertOptions, severity: string): Record<string, string> {
  const labels: Record<string, string> = { severity: escapeTemplate(severity) };
  for (const name of Object.keys(o.labels).sort()) labels[name] = escapeTemplate(o.labels[name] ?? '');
  // teamLabel is a Prometheus label name, hence also a valid template field name.
  if (o.teamLabel !== undefined) labels.team = `{{ $labels.${o.teamLabel} }}`;
  return labels;
}

function blockedAttemptRule(o: ResolvedAlertOptions, scope: ExpressionScope): AlertingRule {
  const w = o.blackhole.window;
  return {
    alert: BLOCKED_ATTEMPT_ALERT,
    expr: blockedAttemptExpr(scope, w),
    for: o.blackhole.for,
    labels: ruleLabels(o, o.blackhole.severity),
    annotations: {
      summary: `{{ if $labels.destination_service }}Blocked egress from ${SOURCE} to ${HOST}{{ else }}Blocked TCP/TLS egress from ${SOURCE}{{ end }}`,
      description:
        `{{ if $labels.destination_service }}${SOURCE} sent {{ $value | humanize }} HTTP requests in the last ${w} to ${HOST}, a host no ServiceEntry registers; ` +
        'the mesh (REGISTRY_ONLY) dropped them (BlackHoleCluster, HTTP 502).' +
        `{{ else }}${SOURCE} opened {{ $value | humanize }} TCP/TLS connections in the last ${w} to a destination no ServiceEntry registers; ` +
        'the mesh (REGISTRY_ONLY) dropped them (BlackHoleCluster, flag UH). Istio metrics do not name the destination of TCP/TLS traffic: ' +
        "find it in the sidecar's access log (upstream cluster BlackHoleCluster).{{ end }}",
      runbook:
        'Review the flow in Egress Lens. If the destination is legitimate, register it with a ServiceEntry (Egress Lens generates one from the flow); ' +
        'if not, investigate the workload: this may be attempted data exfiltration.',
    },
  };
}

function blockedSpikeRule(o: ResolvedAlertOptions, scope: ExpressionScope): AlertingRule {
  const { factor, baseline, minRate } = o.spike;
  return {
    alert: BLOCKED_SPIKE_ALERT,
    expr: blockedSpikeExpr(scope, factor, baseline, minRate),
    for: o.spike.for,
    labels: ruleLabels(o, o.spike.severity),
    annotations: {
      summary: `Spike of blocked egress attempts from ${SOURCE}`,
      description:
        `${SOURCE} makes {{ $value | humanize }} blocked egress attempts per second (rate over the last ${RECENT_WINDOW}), ` +
        `more than ${factor} times its average over the ${baseline} before, and above the floor of ${minRate}/s. ` +
        'Blocked attempts are HTTP requests and TCP connections to destinations no ServiceEntry registers (BlackHoleCluster).',
      runbook:
        "Review the workload's blocked flows in Egress Lens: a release that needs a ServiceEntry (register the hosts if they are legitimate), " +
        'or a workload probing for a way out (attempted data exfiltration): investigate it.',
    },
  };
}

function newPassthroughHostRule(o: ResolvedAlertOptions, scope: ExpressionScope): AlertingRule {
  const days = o.newPassthroughHost.lookbackDays;
  const who = o.namespaces.length > 0 ? 'no workload in the watched namespaces' : 'no workload in the mesh';
  return {
    alert: NEW_PASSTHROUGH_HOST_ALERT,
    expr: newPassthroughHostExpr(scope, days),
    for: o.newPassthroughHost.for,
    labels: ruleLabels(o, o.newPassthroughHost.severity),
    annotations: {
      summary: `New passthrough host ${HOST}, reached by ${SOURCE}`,
      description:
        `${SOURCE} reached ${HOST}, a host no ServiceEntry registers (PassthroughCluster, allowed by outboundTrafficPolicy ALLOW_ANY), ` +
        `that ${who} reached in the ${days} day${days === 1 ? '' : 's'} before.`,
      runbook:
        'Review the host in Egress Lens. If it is legitimate, register it with a ServiceEntry (Egress Lens generates one from the flow); ' +
        'if not, investigate the workload (possible data exfiltration) and consider outboundTrafficPolicy REGISTRY_ONLY.',
    },
  };
}

/** The rule group: each enabled rule, in a fixed order. */
export function buildRuleGroup(o: ResolvedAlertOptions, ruleContext?: RuleContext): RuleGroup {
  const scope: ExpressionScope = { namespaces: o.namespaces, teamLabel: o.teamLabel, ...(ruleContext ? { ruleContext } : {}) };
  const rules: AlertingRule[] = [];
  if (o.blackhole.enabled) rules.push(blockedAttemptRule(o, scope));
  if (o.spike.enabled) rules.push(blockedSpikeRule(o, scope));
  if (o.newPassthroughHost.enabled) rules.push(newPassthroughHostRule(o, scope));
  return { name: o.groupName, rules };
}
