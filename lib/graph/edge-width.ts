/**
 * Edge width by traffic: a log scale, because egress rates span five orders
 * of magnitude (a 0.05 req/s health probe and a 600 req/s API client are both
 * normal). Width is a second channel next to colour, never a replacement:
 * red still means blocked only (graph-styles.ts).
 */

/** Thinnest edge: idle (0), unknown (NaN) or at or below RATE_FLOOR. */
export const EDGE_WIDTH_MIN = 1;
/** Widest edge: at or above RATE_CEILING. */
export const EDGE_WIDTH_MAX = 8;
/** Blocked edges are never thinner than this, so a trickle of blocked traffic still reads as a red line. */
export const BLOCKED_EDGE_WIDTH_MIN = 3;
/** Events per second where the scale starts (one request every 100 s). */
export const RATE_FLOOR = 0.01;
/** Events per second where the scale tops out. */
export const RATE_CEILING = 1000;

const SPAN = Math.log10(RATE_CEILING / RATE_FLOOR);

/**
 * The width in pixels of an edge carrying `rate` events per second (HTTP/gRPC:
 * requests/s, TCP: connections/s; see edgeRate). Monotone non-decreasing in
 * rate, between EDGE_WIDTH_MIN and EDGE_WIDTH_MAX; 0, negative and NaN give
 * the minimum, +Infinity the maximum. Blocked edges start at BLOCKED_EDGE_WIDTH_MIN.
 */
export function edgeWidth(rate: number | undefined, opts: { readonly blocked?: boolean } = {}): number {
  const min = opts.blocked ? BLOCKED_EDGE_WIDTH_MIN : EDGE_WIDTH_MIN;
  if (rate === undefined || Number.isNaN(rate) || rate <= RATE_FLOOR) return min;
  if (rate >= RATE_CEILING) return EDGE_WIDTH_MAX;
  const t = Math.log10(rate / RATE_FLOOR) / SPAN;
  const w = EDGE_WIDTH_MIN + t * (EDGE_WIDTH_MAX - EDGE_WIDTH_MIN);
  // Two decimals: cytoscape style values stay short and equal rates give equal widths.
  return Math.max(min, Math.round(w * 100) / 100);
}

/**
 * The rate an edge's width shows: requests/s for HTTP/gRPC, connections/s for
 * TCP (Istio's istio_tcp_connections_opened_total; bytes would put a chatty
 * database and a rare TLS handshake on different scales than requests).
 */
export function edgeRate(e: { readonly protocol: string; readonly requestsPerSecond?: number; readonly connectionsPerSecond?: number }): number | undefined {
  return e.protocol === 'tcp' ? e.connectionsPerSecond : e.requestsPerSecond;
}
