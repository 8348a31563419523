/**
 * The HTTP method policy, applied before Next.js sees a request: pages and
 * static files take GET and HEAD; each API route takes its own method
 * (lib/api/routes.ts); a path under /api/ that is no route is a JSON 404.
 * Every other method gets a 405 with Allow (OPTIONS a 204 with it), and the
 * security headers. Next.js cannot do this itself for every method: TRACE
 * and CONNECT cannot become a fetch Request (it answered TRACE with an empty
 * 500 and dropped CONNECT), and it rendered pages for PUT or PROPFIND and
 * failed with a 500 on static files. Installed from instrumentation.ts.
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { allowedMethods, API_ROUTES, methodNotAllowed, noSuchRoute } from '../api/routes';
import { SECURITY_HEADERS } from './headers';

/** What pages, static files and Next's own assets allow. */
export const PAGE_ALLOW = 'GET, HEAD, OPTIONS';

/** An answer the guard sends instead of passing the request on. */
export interface GuardAnswer {
  readonly status: 204 | 404 | 405;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

function answerWith(status: GuardAnswer['status'], extra: Record<string, string>, body: unknown): GuardAnswer {
  const headers: Record<string, string> = Object.fromEntries(SECURITY_HEADERS.map((h) => [h.key, h.value]));
  // Nothing in a guard answer is meant to run or be framed.
  headers['Content-Security-Policy'] = "default-src 'none'; frame-ancestors 'none'";
  headers['Cache-Control'] = 'no-store';
  Object.assign(headers, extra);
  if (status === 204) return { status, headers, body: '' };
  if (typeof body === 'string') return { status, headers: { ...headers, 'Content-Type': 'text/plain; charset=utf-8' }, body };
  return { status, headers: { ...headers, 'Content-Type': 'application/json' }, body: JSON.stringify(body) };
}

/** The path of a request target (origin-form or absolute-form), decoded where it decodes; undefined for `*` and authority-form. */
function pathOf(target: string): string | undefined {
  let path = target;
  if (/^https?:\/\//i.test(target)) {
    try {
      path = new URL(target).pathname;
    } catch {
      return undefined;
    }
  }
  if (!path.startsWith('/')) return undefined;
  path = path.replace(/[?#].*$/s, '');
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/**
 * The guard's answer for a request, or undefined to pass it on to Next.js.
 * `target` is the request target as sent (`/api/egress?window=5m`).
 */
export function guardAnswer(method: string, target: string): GuardAnswer | undefined {
  const path = pathOf(target);
  if (path !== undefined && (path === '/api' || path.startsWith('/api/'))) {
    const key = path.length > 1 ? path.replace(/\/+$/, '') : path;
    const served = Object.hasOwn(API_ROUTES, key) ? API_ROUTES[key] : undefined;
    if (served === undefined) return answerWith(404, {}, noSuchRoute(path).body);
    const allow = allowedMethods(served);
    if (method === 'OPTIONS') return answerWith(204, { Allow: allow }, null);
    if (allow.split(', ').includes(method)) return undefined;
    return answerWith(405, { Allow: allow }, methodNotAllowed(method, key, served).body);
  }
  if (method === 'GET' || method === 'HEAD') return undefined;
  if (method === 'OPTIONS') return answerWith(204, { Allow: PAGE_ALLOW }, null);
  return answerWith(405, { Allow: PAGE_ALLOW }, `Method ${method} is not allowed here; use GET.\n`);
}

/** Answers a CONNECT (a tunnel request: Node.js hands over the socket) with a 405, and closes the connection. */
function refuseTunnel(req: IncomingMessage, socket: Duplex): void {
  const answer = guardAnswer('CONNECT', req.url ?? '') ?? answerWith(405, { Allow: PAGE_ALLOW }, 'Method CONNECT is not allowed here; use GET.\n');
  const head = Object.entries({ ...answer.headers, 'Content-Length': String(Buffer.byteLength(answer.body)), Connection: 'close' }).map(([k, v]) => `${k}: ${v}\r\n`);
  socket.on('error', () => undefined);
  socket.end(`HTTP/1.1 405 Method Not Allowed\r\n${head.join('')}\r\n${answer.body}`);
}

const GUARDED = Symbol.for('egress-lens.http-guard');

type Emitting = { emit(this: http.Server, event: string | symbol, ...args: unknown[]): boolean } & { [GUARDED]?: true };

/**
 * Puts guardAnswer in front of every request an HTTP server emits (by
 * default every http.Server, those already listening included): a request
 * it answers never reaches the server's own listeners. Idempotent.
 */
export function guardHttpServers(target: Emitting = http.Server.prototype as unknown as Emitting): void {
  if (target[GUARDED]) return;
  const emit = target.emit;
  target.emit = function guardedEmit(this: http.Server, event: string | symbol, ...args: unknown[]): boolean {
    // Node.js drops CONNECT requests unless someone listens for them: listen, to answer them.
    if (event === 'connection' && this.listenerCount('connect') === 0) this.on('connect', refuseTunnel);
    if (event === 'request') {
      const [req, res] = args as [IncomingMessage, ServerResponse];
      const answer = guardAnswer(req.method ?? '', req.url ?? '');
      if (answer) {
        res.writeHead(answer.status, answer.headers);
        res.end(answer.body);
        return true;
      }
    }
    return emit.call(this, event, ...args);
  };
  target[GUARDED] = true;
}
