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

/**
 * Normalises what prometheus-query rejects with (plain objects with
 * `errorType`, `error`, `httpStatus`, `code`) into a PrometheusError.
 * `observedStatus` is the HTTP status seen on the wire, for answers that were
 * not Prometheus JSON. The upstream URL is never part of the message.
 */
export function toPrometheusError(raw: unknown, observedStatus?: number): PrometheusError {
  if (raw instanceof PrometheusError) return raw;
  const code = field(raw, 'code');
  const httpStatus = field(raw, 'httpStatus');
  const status = typeof httpStatus === 'number' ? httpStatus : observedStatus;
  // An error status with a body that is not Prometheus JSON is still an HTTP error.
  const notProm = field(raw, 'errorType') === 'client_error' && status !== undefined && status >= 400;
  const errorType = notProm ? 'http_error' : field(raw, 'errorType');
  const upstreamMessage = notProm
    ? 'the answer is not from a Prometheus API (check the URL and any proxy in between)'
    : String(field(raw, 'error') ?? (raw instanceof Error ? raw.message : 'unknown error'));
  const cause = { cause: raw };

  if (errorType === 'timeout_error' || code === 'ECONNABORTED' || code === 'ETIMEDOUT')
    return new PrometheusError('timeout', 'Prometheus did not answer in time', undefined, cause);
  if (errorType === 'network_error' || errorType === 'ssl_error')
    return new PrometheusError('unreachable', `Prometheus is unreachable (${typeof code === 'string' ? code : 'network error'})`, undefined, cause);
  if (errorType === 'http_error' && status !== undefined) {
    const promType = field(field(raw, 'prometheus'), 'errorType');
    if (promType === 'timeout' || status === 503 && /timeout|timed out/i.test(upstreamMessage))
      return new PrometheusError('timeout', `Prometheus query timed out: ${clip(upstreamMessage)}`, status, cause);
    if (status === 400 || status === 422 || promType === 'bad_data')
      return new PrometheusError('bad-query', `Prometheus rejected the query: ${clip(upstreamMessage)}`, status, cause);
    if (status === 401 || status === 403)
      return new PrometheusError('upstream', `Prometheus refused the credentials (HTTP ${status})`, status, cause);
    return new PrometheusError('upstream', `Prometheus answered HTTP ${status}: ${clip(upstreamMessage)}`, status, cause);
  }
  return new PrometheusError('bad-response', `Unexpected answer from Prometheus: ${clip(upstreamMessage)}`, status, cause);
}

function clip(s: string): string {
  return s.length > 300 ? `${s.slice(0, 300)}…` : s;
}
