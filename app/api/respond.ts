import { allowedMethods, methodNotAllowed, type ApiAnswer, type RouteMethod } from '@/lib/api/handlers';

/** The JSON Response for an answer; API answers are never cached. */
export function respond(answer: ApiAnswer<unknown>): Response {
  return Response.json(answer.body, { status: answer.status, headers: { 'Cache-Control': 'no-store', ...answer.headers } });
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
