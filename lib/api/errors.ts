import { ConfigError } from '../config/env';
import { PrometheusError } from '../prometheus/errors';

/** The body of every error answer. */
export interface ApiErrorBody {
  readonly error: { readonly code: string; readonly message: string };
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
    const status = err.kind === 'timeout' ? 504 : 502;
    return { status, body: { error: { code: `prometheus-${err.kind}`, message: err.message } } };
  }
  if (err instanceof ConfigError) {
    return { status: 500, body: { error: { code: 'misconfigured', message: err.message } } };
  }
  return { status: 500, body: { error: { code: 'internal', message: 'Internal error; see the server log.' } } };
}
