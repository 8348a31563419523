/** Why a Prometheus call failed, as the rest of the app needs to know it. */
export type PrometheusErrorKind = 'unreachable' | 'timeout' | 'bad-query' | 'upstream' | 'bad-response';

/** The only error lib/prometheus lets escape: no Node error or raw answer above this layer. */
export class PrometheusError extends Error {
  override readonly name = 'PrometheusError';
  constructor(
    readonly kind: PrometheusErrorKind,
    message: string,
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

function field(obj: unknown, key: string): unknown {
  return typeof obj === 'object' && obj !== null ? (obj as Record<string, unknown>)[key] : undefined;
}

/** Milliseconds as users write them: 2000 -> "2 s", 1500 -> "1.5 s", 250 -> "250 ms". */
export function formatTimeout(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${Math.round(ms / 100) / 10} s`;
}

/** The error of a call that got no answer within PROMETHEUS_TIMEOUT_MS. */
export function timeoutError(timeoutMs: number | undefined, cause?: unknown): PrometheusError {
  const message = timeoutMs === undefined ? 'Prometheus did not answer in time' : `Prometheus did not answer within ${formatTimeout(timeoutMs)} (PROMETHEUS_TIMEOUT_MS)`;
  return new PrometheusError('timeout', message, undefined, { cause });
}

/** What the backend is saying, when it is not the Prometheus API: an HTML page (titled...), text, other JSON. */
export function describeAnswer(body: unknown): string {
  if (body === undefined || body === null || (typeof body === 'string' && body.trim() === '')) return 'an empty answer';
  if (typeof body === 'string') {
    if (!/^\s*</.test(body)) return 'text that is not JSON';
    // The title is data from whoever answered: plain text here, rendered as text by the UI.
    const title = /<title[^>]*>([^<]*)<\/title>/i.exec(body)?.[1]?.replace(/\s+/g, ' ').trim();
    return title ? `an HTML page titled "${clip(title, 80)}"` : 'an HTML page';
  }
  if (typeof body !== 'object' || Array.isArray(body)) return 'JSON that is not an object';
  const status = field(body, 'status');
  if (status === undefined) return 'JSON without the API\'s "status" field';
  return `JSON with status "${clip(String(status), 40)}"`;
}

/** Why the answer is not the API's: the status is kept, the body (a proxy's page, text) is not repeated. */
const NOT_PROMETHEUS = 'the answer is not from a Prometheus API (check the URL and any proxy in between)';

/**
 * The error of an answer with an error status (4xx, 5xx, a redirect left
 * unfollowed). `body` is its JSON, or its text, or undefined when it could not
 * be read; Prometheus's own error JSON is `{status: "error", errorType, error}`
 * and its words are quoted. The upstream URL is never part of the message.
 */
export function errorAnswer(status: number, body: unknown, statusText?: string): PrometheusError {
  const prometheus = field(body, 'status') !== undefined && field(body, 'status') !== null;
  const upstreamMessage = prometheus ? String(field(body, 'error') ?? statusText ?? `HTTP ${status}`) : NOT_PROMETHEUS;
  const promType = prometheus ? field(body, 'errorType') : undefined;
  // Kept for the server log: Prometheus's JSON, or the start of the page that came instead.
  const cause = { cause: typeof body === 'string' ? clip(body, 2000) : body };
  // Prometheus's own timeout (evaluation, or waiting in its query queue): 503 with errorType "timeout".
  if (promType === 'timeout' || (status === 503 && /timeout|timed out/i.test(upstreamMessage)))
    return new PrometheusError('timeout', `Prometheus gave up on the query: ${clip(upstreamMessage)}`, status, cause);
  if (status === 400 || status === 422 || promType === 'bad_data')
    return new PrometheusError('bad-query', `Prometheus refused the query: ${clip(upstreamMessage)}`, status, cause);
  if (status === 401 || status === 403) return new PrometheusError('upstream', `Prometheus refused the credentials (HTTP ${status})`, status, cause);
  return new PrometheusError('upstream', `Prometheus answered HTTP ${status}: ${clip(upstreamMessage)}`, status, cause);
}

/**
 * The error of a call that got no answer (refused, reset, DNS, TLS), named by
 * its error code only: the message never carries the upstream address.
 */
export function transportError(err: unknown, timeoutMs?: number): PrometheusError {
  const code = field(err, 'code');
  if (code === 'ECONNABORTED' || code === 'ETIMEDOUT') return timeoutError(timeoutMs, err);
  return new PrometheusError('unreachable', `Prometheus is unreachable (${typeof code === 'string' ? code : 'network error'})`, undefined, { cause: err });
}

/** The error of an answer that broke off midway (the connection dropped, a truncated gzip stream). */
export function brokenAnswer(err: unknown): PrometheusError {
  const code = field(err, 'code');
  return new PrometheusError('unreachable', `Prometheus broke off its answer (${typeof code === 'string' ? code : 'connection lost'})`, undefined, { cause: err });
}

function clip(s: string, max = 300): string {
  return s.length > max ? `${s.slice(0, max)}…` : s;
}
