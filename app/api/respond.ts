import { allowedMethods, methodNotAllowed, type RouteMethod } from '@/lib/api/routes';
import type { ApiAnswer } from '@/lib/api/answer';

/**
 * Serialised bodies of shared answers (lib/prometheus/cached.ts):
 * fifty requests, one JSON.stringify and one UTF-8 encoding. Bytes, not a
 * string: a Response made from a string scans it for lone surrogates and
 * encodes it again for every client (about 2 ms per 0.5 MB graph).
 */
const serialised = new WeakMap<object, Uint8Array<ArrayBuffer>>();
const utf8 = new TextEncoder();

function toJson(body: unknown): Uint8Array<ArrayBuffer> {
  if (typeof body !== 'object' || body === null) return utf8.encode(JSON.stringify(body));
  let bytes = serialised.get(body);
  if (bytes === undefined) serialised.set(body, (bytes = utf8.encode(JSON.stringify(body))));
  return bytes;
}

/** The JSON Response for an answer; API answers are never cached by browsers or proxies. */
export function respond(answer: ApiAnswer<unknown>): Response {
  return new Response(toJson(answer.body), {
    status: answer.status,
    headers: { 'Content-Type': 'application/json', 'Cache-Control': 'no-store', ...answer.headers },
  });
}

type Handler = (request: Request) => Response;

/**
 * Handlers for every method a route does not serve: a JSON 405 with an Allow
 * header (Next's own 405 has neither), and OPTIONS listing what is allowed.
 * A route exports the ones it does not define itself.
 */
export function otherMethods(allowed: RouteMethod): Record<'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH' | 'OPTIONS', Handler> {
  const notAllowed: Handler = (request) => respond(methodNotAllowed(request.method, new URL(request.url).pathname, allowed));
  return {
    GET: notAllowed,
    POST: notAllowed,
    PUT: notAllowed,
    DELETE: notAllowed,
    PATCH: notAllowed,
    OPTIONS: () => new Response(null, { status: 204, headers: { Allow: allowedMethods(allowed) } }),
  };
}
