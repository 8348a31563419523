/**
 * The answer plumbing every route handler shares (lib/api/handlers/*): the
 * framework-free answer, errors mapped to their status and body, and the one
 * path a POST's JSON body is read by.
 */
import { readJsonBody } from './body';
import { toErrorResponse, type ApiErrorBody } from './errors';

/** A framework-free answer: route handlers turn it into a Response. */
export interface ApiAnswer<T> {
  readonly status: number;
  readonly body: T | ApiErrorBody;
  /** Extra response headers (Allow on a 405). */
  readonly headers?: Readonly<Record<string, string>>;
}

/** Runs a handler's work: 200 with its result, or the error mapped to its answer (5xx logged server-side with `what`). */
export async function answer<T>(what: string, run: () => Promise<T>): Promise<ApiAnswer<T>> {
  try {
    return { status: 200, body: await run() };
  } catch (err) {
    const mapped = toErrorResponse(err);
    if (mapped.status >= 500) console.error(`[egress-lens] ${what} failed:`, err);
    return mapped;
  }
}

/** Reads a JSON request body (readJsonBody: 415, 413, 400) and hands it to `handle`. */
export async function handleJsonPost<T>(request: Request, handle: (body: unknown) => Promise<ApiAnswer<T>>): Promise<ApiAnswer<T>> {
  let body: unknown;
  try {
    body = await readJsonBody(request);
  } catch (err) {
    return toErrorResponse(err);
  }
  return handle(body);
}
