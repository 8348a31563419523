import { NextResponse, type NextRequest } from 'next/server';
import { IDENTITY_HEADER, loadTrustedProxyAuth, resolveIdentity, UNAUTHENTICATED_PATHS, type IdentityResult, type TrustedProxyAuth } from '@/lib/auth/trusted-proxy';
import { contentSecurityPolicy, createNonce } from '@/lib/http/headers';

// Runs before every page and API route (Next.js 16 Proxy, Node.js runtime):
// 1. sign-in through a trusted authenticating proxy, when configured: the
//    verified identity is passed on in IDENTITY_HEADER, which is stripped
//    from every incoming request so nobody can forge it;
// 2. a fresh CSP nonce per page; Next.js puts it on its own <script> tags.
// Static headers (nosniff, framing, referrer) are in next.config.ts.

let auth: { value: TrustedProxyAuth | undefined } | { error: string } | undefined;

function signIn(request: NextRequest): IdentityResult {
  // The kubelet's probes never come through the sign-in proxy, and answer even
  // when sign-in is misconfigured: /api/readyz reports that (503), and a
  // liveness restart would not fix it.
  if (UNAUTHENTICATED_PATHS.includes(request.nextUrl.pathname)) return { ok: true };
  auth ??= (() => {
    try {
      return { value: loadTrustedProxyAuth(process.env) };
    } catch (err) {
      return { error: err instanceof Error ? err.message : String(err) };
    }
  })();
  // Misconfigured sign-in fails closed: nobody gets in until it is fixed.
  if ('error' in auth) return { ok: false, status: 500, message: auth.error };
  return resolveIdentity((name) => request.headers.get(name), auth.value, request.nextUrl.pathname);
}

export function proxy(request: NextRequest): NextResponse {
  // The image optimiser is off (next.config.ts images.unoptimized): nothing to fetch or resize.
  if (request.nextUrl.pathname === '/_next/image') {
    return new NextResponse('Not found: the image optimizer is off.\n', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } });
  }
  const identity = signIn(request);
  const isApi = request.nextUrl.pathname.startsWith('/api/');
  if (!identity.ok) {
    const headers = { 'Cache-Control': 'no-store' };
    return isApi
      ? NextResponse.json({ error: identity.message, kind: 'unauthenticated' }, { status: identity.status, headers })
      : new NextResponse(identity.message, { status: identity.status, headers: { ...headers, 'Content-Type': 'text/plain; charset=utf-8' } });
  }

  // An API request that carries no identity header and gets none passes on as it is (no headers to rewrite).
  if (isApi && identity.user === undefined && !request.headers.has(IDENTITY_HEADER)) return NextResponse.next();
  const requestHeaders = new Headers(request.headers);
  requestHeaders.delete(IDENTITY_HEADER);
  if (identity.user !== undefined) requestHeaders.set(IDENTITY_HEADER, identity.user);
  if (isApi) return NextResponse.next({ request: { headers: requestHeaders } });

  const nonce = createNonce();
  const csp = contentSecurityPolicy(nonce, { development: process.env.NODE_ENV === 'development' });
  requestHeaders.set('x-nonce', nonce);
  requestHeaders.set('Content-Security-Policy', csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set('Content-Security-Policy', csp);
  return response;
}

export const config = {
  // Everything but Next's immutable static assets and the icon.
  matcher: ['/((?!_next/static|favicon.ico|icon.svg).*)'],
};
