import { hostsById } from '../egress/host-id';
import { getEgressReport, type EgressDeps, type EgressReport } from '../egress/report';
import { formatDuration } from '../prometheus/promql';
import { ApiError } from './errors';
import { endOrNow, DEFAULT_WINDOW_SECONDS, type FlowParams } from './params';
import { egressQuery } from './params-schema';
import { readQuery } from './query';

/**
 * Hosts named by their id (`hostId`, lib/egress/host-id.ts). An id is a
 * hash: the server finds its host among the hosts /api/egress reports for
 * the request's end and window (the cached report the graph was drawn from),
 * and answers 404 `unknown-host` when that report has no such host.
 */

/** The window a report covers, for messages: "the 1h window ending at 2026-01-01T01:00:00.000Z". */
function windowText(end: number, windowSeconds: number): string {
  return `the ${formatDuration(windowSeconds)} window ending at ${new Date(end * 1000).toISOString()}`;
}

/** The 404 for a host id the window does not report; `name` is the parameter or field that gave it. */
export function unknownHostId(name: string, hostId: string, end: number, windowSeconds: number): ApiError {
  return new ApiError(
    404,
    'unknown-host',
    `${name}: ${hostId} is not a host /api/egress reports for ${windowText(end, windowSeconds)}; ids name the hosts of a window (a host folded into "other hosts" has none): ask with the end and window the id came from`,
  );
}

/**
 * The hosts `ids` name, in order, found in the report of [end - window, end];
 * 404 naming (`nameOf`: the parameter or body field) the first id it does not report.
 */
export async function resolveHostIds(
  deps: EgressDeps,
  ids: readonly string[],
  end: number,
  windowSeconds: number,
  nameOf: (index: number) => string = () => 'hostId',
): Promise<string[]> {
  if (ids.length === 0) return [];
  const hosts = hostsById(await getEgressReport(deps, { end, windowSeconds, namespaces: [] }));
  return ids.map((id, i) => {
    const host = hosts.get(id);
    if (host === undefined) throw unknownHostId(nameOf(i), id, end, windowSeconds);
    return host;
  });
}

/** The parameters of GET /api/egress (params-schema.ts egressQuery): those of every flow route, and repeated `hostId` filters. Throws ApiError (400). */
export function parseEgressParams(params: URLSearchParams, nowSeconds: number): FlowParams & { readonly hostIds: string[] } {
  const q = readQuery(params, egressQuery);
  return { end: endOrNow(q.end, params.get('end'), nowSeconds), windowSeconds: q.window ?? DEFAULT_WINDOW_SECONDS, namespaces: q.namespace, hostIds: q.hostId };
}

/** The report's flows to the hosts `ids` name (every id must be reported: 404 otherwise); all flows without ids. */
export function onlyHosts(report: EgressReport, ids: readonly string[], end: number, windowSeconds: number): EgressReport {
  if (ids.length === 0) return report;
  const reported = hostsById(report);
  const missing = ids.findIndex((id) => !reported.has(id));
  if (missing >= 0) throw unknownHostId('hostId', ids[missing]!, end, windowSeconds);
  const wanted = new Set(ids);
  return { ...report, flows: report.flows.filter((f) => f.destination.hostId !== undefined && wanted.has(f.destination.hostId)) };
}
