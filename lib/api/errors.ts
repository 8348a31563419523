import { ConfigError } from '../config/env';
import { PrometheusError } from '../prometheus/errors';
import { failureHint } from './failure-text';

/** The body of every error answer; `hint` says what to check, when there is something to check. */
export interface ApiErrorBody {
  readonly error: { readonly code: string; readonly message: string; readonly hint?: string };
}

/** An error that maps to a specific HTTP answer. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** A 400 naming the bad parameter. */
export function badParameter(param: string, message: string): ApiError {
  return new ApiError(400, 'bad-parameter', `${param}: ${message}`);
}

/**
 * Maps any error to an HTTP status and body. Messages never carry stack
 * traces, the upstream URL or credentials; unexpected errors get a generic
 * message (the caller logs the detail server-side).
 */
export function toErrorResponse(err: unknown): { status: number; body: ApiErrorBody } {
  if (err instanceof ApiError) return { status: err.status, body: { error: { code: err.code, message: err.message } } };
  if (err instanceof PrometheusError) {
    // Every Prometheus failure is a 5xx: the request was valid, the backend did not serve it.
    // Timeouts (ours, or Prometheus's own 503) are 504; everything else, refused queries included, 502.
    const status = err.kind === 'timeout' ? 504 : 502;
    const code = `prometheus-${err.kind}`;
    return { status, body: { error: { code, message: err.message, hint: failureHint(code, { status: err.status, message: err.message }) } } };
  }
  if (err instanceof ConfigError) {
    return { status: 500, body: { error: { code: 'misconfigured', message: err.message, hint: failureHint('misconfigured') } } };
  }
  return { status: 500, body: { error: { code: 'internal', message: 'Internal error; see the server log.' } } };
}
