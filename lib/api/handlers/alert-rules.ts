import { AlertOptionsError, generateAlertRulesFromJson } from '../../alerts';
import { alertRuleContext } from '../../alerts/outbound-context';
import type { EgressDeps } from '../../egress/report';
import { resolveOutboundMode } from '../../egress/report';
import { answer, type ApiAnswer } from '../answer';
import { defaultEnd, serverContext, type ApiContext } from '../context';
import { ApiError } from '../errors';
import { joinIssues } from '../issues';

/** What POST /api/alert-rules answers. */
export interface AlertRulesAnswer {
  readonly rulesFile: string;
  readonly prometheusRule: string;
  readonly warnings: string[];
}

/** The server's dependencies, or null when it has no configured Prometheus to ask. */
function depsIfConfigured(ctx: ApiContext): EgressDeps | null {
  try {
    return ctx.deps();
  } catch {
    return null;
  }
}

/** POST /api/alert-rules: Prometheus alerting rules for egress, as a rules file and a PrometheusRule (400 naming each bad option). */
export function handleAlertRules(body: unknown, nowMs = Date.now(), ctx: ApiContext = serverContext): Promise<ApiAnswer<AlertRulesAnswer>> {
  return answer('POST /api/alert-rules', async () => {
    try {
      const deps = depsIfConfigured(ctx);
      // The decision over the last hour, as the report makes it.
      const { ruleContext, notes } = await alertRuleContext(deps && (() => resolveOutboundMode(deps, defaultEnd(nowMs, ctx.config().cacheTtlMs), 3600)));
      const { rulesFile, prometheusRule, warnings } = generateAlertRulesFromJson(body, ruleContext);
      return { rulesFile, prometheusRule, warnings: [...warnings, ...notes] };
    } catch (err) {
      if (err instanceof AlertOptionsError) throw new ApiError(400, 'bad-body', joinIssues(err.problems));
      throw err;
    }
  });
}
