import { DEFAULT_WINDOW } from '@/lib/view/state';

/** The review page's request, kept in the URL so a review can be shared. */
export interface PromoteRequest {
  readonly hosts: string[];
  readonly unattributed?: 'passthrough' | 'blocked';
  readonly window: string;
  readonly end?: number;
}

/** Longest `host` read from the URL: far beyond any DNS name, so a hostile 10 kB Host header still gets its refusal. */
export const MAX_REQUEST_HOST = 64 * 1024;

/** Reads the review's URL: `host` (repeatable), `unattributed`, `window` (default DEFAULT_WINDOW), `end`. */
export function parsePromoteRequest(params: URLSearchParams): PromoteRequest {
  const u = params.get('unattributed');
  const end = params.get('end');
  return {
    hosts: [...new Set(params.getAll('host').filter((h) => h.length > 0 && h.length <= MAX_REQUEST_HOST))],
    ...(u === 'passthrough' || u === 'blocked' ? { unattributed: u } : {}),
    window: params.get('window') ?? DEFAULT_WINDOW,
    ...(end && /^\d{1,12}$/.test(end) ? { end: Number(end) } : {}),
  };
}

/** The review URL for one destination (host null = the unattributed TLS/TCP destination of that status). */
export function promoteHref(host: string | null, status: 'passthrough' | 'blocked', window?: string, end?: number | null): string {
  const p = new URLSearchParams();
  if (host === null) p.set('unattributed', status);
  else p.set('host', host);
  if (window) p.set('window', window);
  if (end) p.set('end', String(end));
  return `/promote?${p.toString()}`;
}
