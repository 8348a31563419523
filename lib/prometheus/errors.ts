/** Why a Prometheus call failed, as the rest of the app needs to know it. */
export type PrometheusErrorKind = 'unreachable' | 'timeout' | 'bad-query' | 'upstream' | 'bad-response';

/** The only error lib/prometheus lets escape: no axios or raw objects above this layer. */
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

export interface ObservedCall {
  /** The HTTP status seen on the wire, for answers that were not Prometheus JSON. */
  readonly status?: number;
  /** PROMETHEUS_TIMEOUT_MS, named in timeout messages. */
  readonly timeoutMs?: number;
}

/**
 * Normalises what prometheus-query rejects with (plain objects with
 * `errorType`, `error`, `httpStatus`, `code`) into a PrometheusError.
 * `observed` is what the client saw besides (a bare number is the HTTP
 * status). The upstream URL is never part of the message.
 */
export function toPrometheusError(raw: unknown, observed?: number | ObservedCall): PrometheusError {
  if (raw instanceof PrometheusError) return raw;
  const seen: ObservedCall = typeof observed === 'number' ? { status: observed } : (observed ?? {});
  const code = field(raw, 'code');
  const httpStatus = field(raw, 'httpStatus');
  const status = typeof httpStatus === 'number' ? httpStatus : seen.status;
  // An error status with a body that is not Prometheus JSON is still an HTTP error.
  const notProm = field(raw, 'errorType') === 'client_error' && status !== undefined && status >= 400;
  const errorType = notProm ? 'http_error' : field(raw, 'errorType');
  const upstreamMessage = notProm
    ? 'the answer is not from a Prometheus API (check the URL and any proxy in between)'
    : String(field(raw, 'error') ?? (raw instanceof Error ? raw.message : 'unknown error'));
  const cause = { cause: raw };

  if (errorType === 'timeout_error' || code === 'ECONNABORTED' || code === 'ETIMEDOUT') return timeoutError(seen.timeoutMs, raw);
  if (errorType === 'network_error' || errorType === 'ssl_error')
    return new PrometheusError('unreachable', `Prometheus is unreachable (${typeof code === 'string' ? code : 'network error'})`, undefined, cause);
  if (errorType === 'http_error' && status !== undefined) {
    const promType = field(field(raw, 'prometheus'), 'errorType');
    // Prometheus's own timeout (evaluation, or waiting in its query queue): 503 with errorType "timeout".
    if (promType === 'timeout' || (status === 503 && /timeout|timed out/i.test(upstreamMessage)))
      return new PrometheusError('timeout', `Prometheus gave up on the query: ${clip(upstreamMessage)}`, status, cause);
    if (status === 400 || status === 422 || promType === 'bad_data')
      return new PrometheusError('bad-query', `Prometheus refused the query: ${clip(upstreamMessage)}`, status, cause);
    if (status === 401 || status === 403)
      return new PrometheusError('upstream', `Prometheus refused the credentials (HTTP ${status})`, status, cause);
    return new PrometheusError('upstream', `Prometheus answered HTTP ${status}: ${clip(upstreamMessage)}`, status, cause);
  }
  return new PrometheusError('bad-response', `The backend did not answer like Prometheus: ${clip(upstreamMessage)}`, status, cause);
}

function clip(s: string, max = 300): string {
  return s.length > max ? `${s.slice(0, max)}…` : s;
}
