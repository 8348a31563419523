import { allowedMethods, methodNotAllowed, type ApiAnswer, type RouteMethod } from '@/lib/api/handlers';

/** Serialised bodies of shared answers (lib/api/context.ts sharedAnswer): fifty requests, one JSON.stringify. */
const serialised = new WeakMap<object, string>();

function toJson(body: unknown): string {
  if (typeof body !== 'object' || body === null) return JSON.stringify(body);
  let text = serialised.get(body);
  if (text === undefined) serialised.set(body, (text = JSON.stringify(body)));
  return text;
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
