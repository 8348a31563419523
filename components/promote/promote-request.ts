import type { UnregisteredStatus } from '@/lib/egress/types';
import { z } from 'zod';
import { egressQuery, everyValid, firstOr, hostIdParam, hostParam, queryRecord, viewEndParam, writeQuery } from '@/lib/api/params-schema';
import { DEFAULT_WINDOW, pageHref, parseRange, type SharedRange } from '@/lib/view/range';
import type { EgressReport } from '../api-types';

/** The review page's request, kept in the URL so a review can be shared. */
export interface PromoteRequest {
  readonly hosts: string[];
  /** Hosts named by their id (destination.hostId), found among the flows of the window. */
  readonly hostIds: string[];
  readonly unattributed?: UnregisteredStatus;
  readonly window: string;
  readonly end?: number;
}

/**
 * Longest host a link names by itself: a DNS name has at most 255 characters.
 * A longer host (a hostile Host header, never registrable) is named by its
 * hostId, so no link outgrows the server's URL limit.
 */
const MAX_LINK_HOST = 255;

/** The review's own parameters, read leniently by the API's schemas (a host the API would refuse is dropped). */
const requestUrl = z.object({
  host: everyValid(hostParam),
  hostId: everyValid(hostIdParam),
  unattributed: firstOr(z.enum(['passthrough', 'blocked']), undefined),
  end: firstOr(viewEndParam, undefined),
});

/** Reads the review's URL: `host` and `hostId` (repeatable), `unattributed`, `window` (default DEFAULT_WINDOW), `end`. */
export function parsePromoteRequest(params: URLSearchParams): PromoteRequest {
  const { host, hostId, unattributed, end } = requestUrl.parse(queryRecord(params));
  return {
    hosts: host,
    hostIds: hostId,
    ...(unattributed !== undefined ? { unattributed } : {}),
    window: parseRange(params).window ?? DEFAULT_WINDOW,
    ...(end !== undefined ? { end } : {}),
  };
}

/** The GET /api/egress query that finds the hosts a review names by id (its window and end), or null when it names none. */
export function namedHostsQuery(request: PromoteRequest): URLSearchParams | null {
  if (request.hostIds.length === 0) return null;
  return writeQuery(egressQuery, { hostId: request.hostIds, window: request.window, end: request.end });
}

/** The hosts of those flows that the ids name, in the ids' order. */
export function namedHosts(report: Pick<EgressReport, 'flows'>, ids: readonly string[]): string[] {
  const byId = new Map(report.flows.flatMap((f) => (f.destination.hostId !== undefined && f.destination.host !== null ? [[f.destination.hostId, f.destination.host] as const] : [])));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/**
 * The review URL for one destination: a host (by its hostId when the host is
 * too long to be a DNS name), or null for the unattributed TLS/TCP
 * destination of that status. It carries the range of the page it is opened
 * from (window, end time, namespaces), so the review shows the same time.
 */
export function promoteHref(host: string | { readonly host: string; readonly hostId?: string } | null, status: UnregisteredStatus, range: SharedRange): string {
  const named = typeof host === 'string' ? { host } : host;
  const own: [string, string] = named === null ? ['unattributed', status] : named.hostId !== undefined && named.host.length > MAX_LINK_HOST ? ['hostId', named.hostId] : ['host', named.host];
  return pageHref('promote', range, [own]);
}

/** The review URL for several hosts at once (readiness: every host a namespace must register). */
export function promoteHostsHref(hosts: readonly string[], range: SharedRange): string {
  return pageHref('promote', range, hosts.map((h) => ['host', h] as const));
}
