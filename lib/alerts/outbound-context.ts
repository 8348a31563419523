import type { OutboundModeDecision } from '../egress/outbound-mode';

/** What rules generated now take a host named without a namespace to be, and the notes that say so. */
export interface AlertRuleContext {
  readonly ruleContext?: OutboundModeDecision;
  readonly notes: string[];
}

/**
 * What a host named without a namespace is, for rules generated now: the
 * report's decision over the last hour (`decide`), or (Prometheus
 * unreachable) the default, said in a note. Without a configured server
 * (`decide` null) there is nothing to ask, and rules are still generated.
 */
export async function alertRuleContext(decide: (() => Promise<OutboundModeDecision>) | null): Promise<AlertRuleContext> {
  if (decide === null) return { notes: [] };
  try {
    const decision = await decide();
    return { ruleContext: decision, notes: decision.hostNamedWithoutNamespace === 'passthrough' ? [`New passthrough hosts include hosts named without a namespace. ${decision.reason}`] : [] };
  } catch (err) {
    return { notes: [`Proxy versions could not be read (${err instanceof Error ? err.message : String(err)}): hosts named without a namespace are not counted as passthrough. Set ISTIO_OUTBOUND_MODE to say what they are.`] };
  }
}
