import { getEgressReport, type EgressDeps, type EgressQuery } from '../egress/report';
import { cachedRangeQuery } from '../prometheus/cached';
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
 * cached like every Prometheus answer.
 */
export async function getHostsReport(deps: EgressDeps, params: EgressQuery): Promise<HostsReport> {
  const report = await getEgressReport(deps, params);
  const step = Math.max(60, Math.ceil(params.windowSeconds / 240 / 60) * 60);
  const seenQuery = hostsSeenQuery(step);
  const range = await cachedRangeQuery(deps, { query: seenQuery, start: params.end - params.windowSeconds, end: params.end, step });
  return {
    end: report.end,
    window: report.window,
    hosts: buildHostList(report, seenByHost(range.series, report.outboundMode)),
    queries: [report.queries.http, report.queries.tcp, seenQuery],
    warnings: [...new Set([...report.warnings, ...backendWarnings(range)])],
  };
}
