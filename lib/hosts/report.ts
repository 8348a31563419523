import { getEgressReport, type EgressDeps, type EgressQuery } from '../egress/report';
import type { CoalescingCache } from '../prometheus/cache';
import type { RangeQueryResult } from '../prometheus/types';
import { backendWarnings } from '../warnings';
import { buildHostList, hostsSeenQuery, seenByHost, type ExternalHost } from './hosts';

/** Every external host seen in a window, with its callers and when it was first and last seen. */
export interface HostsReport {
  readonly end: string;
  readonly window: string;
  readonly hosts: ExternalHost[];
  readonly queries: readonly string[];
  readonly warnings: readonly string[];
}

/**
 * The hosts of the window: the flows' hosts (the egress report) with first
 * and last seen from a range query at about 240 steps (at least a minute),
 * cached in `rangeCache` when given.
 */
export async function getHostsReport(deps: EgressDeps, rangeCache: CoalescingCache<RangeQueryResult> | undefined, params: EgressQuery): Promise<HostsReport> {
  const report = await getEgressReport(deps, params);
  const step = Math.max(60, Math.ceil(params.windowSeconds / 240 / 60) * 60);
  const seenQuery = hostsSeenQuery(step);
  const runRange = () => deps.client.rangeQuery(seenQuery, params.end - params.windowSeconds, params.end, step);
  const range = await (rangeCache ? rangeCache.get(`${params.end}:${params.windowSeconds}:${step}\u0000${seenQuery}`, runRange) : runRange());
  return {
    end: report.end,
    window: report.window,
    hosts: buildHostList(report, seenByHost(range.series, report.outboundMode)),
    queries: [report.queries.http, report.queries.tcp, seenQuery],
    warnings: [...new Set([...report.warnings, ...backendWarnings(range)])],
  };
}
