import { gzipSync } from 'node:zlib';
import { allowedMethods, methodNotAllowed, type ApiAnswer, type RouteMethod } from '@/lib/api/handlers';

/**
 * Serialised (and gzipped) bodies of shared answers (lib/api/context.ts
 * sharedAnswer): fifty requests for the same view cost one JSON.stringify
 * and one gzip, where Next.js would otherwise compress the same 0.5 MB graph
 * fifty times.
 */
const serialised = new WeakMap<object, { json: string; gzip?: Uint8Array<ArrayBuffer> }>();

/** Bodies smaller than this go uncompressed (and Next.js leaves them so too). */
const GZIP_MIN_BYTES = 8 * 1024;

function encode(body: unknown, gzip: boolean): { bytes: string | Uint8Array<ArrayBuffer>; gzipped: boolean } {
  if (typeof body !== 'object' || body === null) return { bytes: JSON.stringify(body), gzipped: false };
  let entry = serialised.get(body);
  if (!entry) serialised.set(body, (entry = { json: JSON.stringify(body) }));
  if (!gzip || entry.json.length < GZIP_MIN_BYTES) return { bytes: entry.json, gzipped: false };
  entry.gzip ??= new Uint8Array(gzipSync(entry.json));
  return { bytes: entry.gzip, gzipped: true };
}

/**
 * The JSON Response for an answer; API answers are never cached by browsers
 * or proxies. With the request, a large body goes gzipped when the client
 * accepts it (compressed once per shared answer; Next.js does not compress
 * again what is already encoded).
 */
export function respond(answer: ApiAnswer<unknown>, request?: Request): Response {
  const acceptsGzip = /\bgzip\b/.test(request?.headers.get('accept-encoding') ?? '');
  const { bytes, gzipped } = encode(answer.body, acceptsGzip);
  return new Response(bytes, {
    status: answer.status,
    headers: {
      'Content-Type': 'application/json',
      'Cache-Control': 'no-store',
      ...(request ? { Vary: 'Accept-Encoding' } : {}),
      ...(gzipped ? { 'Content-Encoding': 'gzip' } : {}),
      ...answer.headers,
    },
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
