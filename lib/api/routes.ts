/**
 * Every API route and the method it serves, and what every other method or
 * path under /api/ gets: the one table the HTTP method guard
 * (lib/http/guard.ts) and the routes' own 405s answer from.
 * routes.test.ts checks it against app/api/ ** /route.ts.
 */
import { show } from './query';

/** The HTTP methods a route answers, as routes declare them. */
export type RouteMethod = 'GET' | 'POST';

/** Every API route (path without a trailing slash) and the method it serves. */
export const API_ROUTES: Readonly<Record<string, RouteMethod>> = {
  '/api/alert-rules': 'POST',
  '/api/blocked': 'GET',
  '/api/egress': 'GET',
  '/api/graph': 'GET',
  '/api/health': 'GET',
  '/api/hosts': 'GET',
  '/api/livez': 'GET',
  '/api/readiness': 'GET',
  '/api/readyz': 'GET',
  '/api/serviceentries': 'POST',
  '/api/serviceentries/validate': 'POST',
  '/api/timeseries': 'GET',
};

/** The methods to list in Allow for a route serving `method` (HEAD goes with GET, and every route answers OPTIONS). */
export function allowedMethods(method: RouteMethod): string {
  return method === 'GET' ? 'GET, HEAD, OPTIONS' : 'POST, OPTIONS';
}

/** The JSON error body of an API answer (lib/api/errors.ts ApiErrorBody). */
interface ErrorBody {
  readonly error: { readonly code: string; readonly message: string };
}

/** 405 for a method the route does not serve, naming it and the allowed ones, with an Allow header (`method` is an HTTP token: Node's parser and Request accept no other). */
export function methodNotAllowed(method: string, path: string, allowed: RouteMethod): { status: 405; body: ErrorBody; headers: { Allow: string } } {
  const message = `method: ${method} is not allowed on ${path}; use ${allowed}`;
  return { status: 405, body: { error: { code: 'method-not-allowed', message } }, headers: { Allow: allowedMethods(allowed) } };
}

/** 404 for a path under /api/ that is no route. */
export function noSuchRoute(path: string): { status: 404; body: ErrorBody } {
  return { status: 404, body: { error: { code: 'not-found', message: `path: ${show(path)} is not an API route; the routes are ${Object.keys(API_ROUTES).join(', ')}` } } };
}
