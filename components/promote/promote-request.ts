import { pageHref, type SharedRange } from '@/lib/view/range';

/** The review page's request, kept in the URL so a review can be shared. */
export interface PromoteRequest {
  readonly hosts: string[];
  readonly unattributed?: 'passthrough' | 'blocked';
  readonly window: string;
  readonly end?: number;
}

/** Longest `host` read from the URL: far beyond any DNS name, so a hostile 10 kB Host header still gets its refusal. */
export const MAX_REQUEST_HOST = 64 * 1024;

/** Reads the review's URL: `host` (repeatable), `unattributed`, `window` (default 1h), `end`. */
export function parsePromoteRequest(params: URLSearchParams): PromoteRequest {
  const u = params.get('unattributed');
  const end = params.get('end');
  return {
    hosts: [...new Set(params.getAll('host').filter((h) => h.length > 0 && h.length <= MAX_REQUEST_HOST))],
    ...(u === 'passthrough' || u === 'blocked' ? { unattributed: u } : {}),
    window: params.get('window') ?? '1h',
    ...(end && /^\d{1,12}$/.test(end) ? { end: Number(end) } : {}),
  };
}

/**
 * The review URL for one destination (host null = the unattributed TLS/TCP
 * destination of that status), carrying the range of the page it is opened
 * from (window, end time, namespaces), so the review shows the same time.
 */
export function promoteHref(host: string | null, status: 'passthrough' | 'blocked', range: SharedRange): string {
  return pageHref('promote', range, [host === null ? ['unattributed', status] : ['host', host]]);
}

/** The review URL for several hosts at once (readiness: every host a namespace must register). */
export function promoteHostsHref(hosts: readonly string[], range: SharedRange): string {
  return pageHref('promote', range, hosts.map((h) => ['host', h] as const));
}
