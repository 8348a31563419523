/**
 * Shared answers, gzipped once. Next.js compresses every response itself,
 * once per client: fifty dashboards refreshing the same 0.5 MB graph cost
 * fifty gzips of the same bytes (~8 ms each on one core), most of the time
 * fifty clients add over one. A route handler cannot answer gzip itself:
 * Next drops the Content-Encoding header of a handler's Response. So for the
 * routes below, next.config.ts sets `Content-Encoding: gzip` on the response
 * (its header rules write to the response before the handler runs, and
 * Next's compression leaves an encoded response alone) when the request's
 * Accept-Encoding matches GZIP_ACCEPTED, and the handler sends gzip exactly
 * when acceptsGzip() says the same. Requests that do not match get plain JSON,
 * which Next compresses as it negotiates (e.g. `gzip;q=0.5`).
 */

/** Routes whose answers are shared by concurrent clients and sent gzipped once (next.config.ts). */
export const PRECOMPRESSED_ROUTES = ['/api/graph', '/api/egress'] as const;

/**
 * Accept-Encoding values that list a plain `gzip` (no q-value), as a regular
 * expression source for next.config's `has` rule, which anchors it (^...$).
 */
export const GZIP_ACCEPTED = '(?:.*,)?[ \\t]*gzip[ \\t]*(?:,.*)?';

const gzipAccepted = new RegExp(`^${GZIP_ACCEPTED}$`);

/** Whether next.config.ts has marked the answer to a request with this Accept-Encoding as gzip. */
export function acceptsGzip(acceptEncoding: string | null | undefined): boolean {
  return typeof acceptEncoding === 'string' && gzipAccepted.test(acceptEncoding);
}

/** The header rules for next.config.ts `headers()`. */
export function precompressedHeaderRules(): { source: string; has: { type: 'header'; key: string; value: string }[]; headers: { key: string; value: string }[] }[] {
  return PRECOMPRESSED_ROUTES.map((source) => ({
    source,
    has: [{ type: 'header', key: 'accept-encoding', value: GZIP_ACCEPTED }],
    headers: [{ key: 'Content-Encoding', value: 'gzip' }],
  }));
}
