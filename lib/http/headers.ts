/**
 * HTTP security headers. Pages get a Content-Security-Policy with a fresh
 * nonce per request (set by proxy.ts): scripts run only from our origin and
 * with that nonce ('strict-dynamic' lets Next's own chunks load the rest), so
 * an injected <script> or inline handler never runs. Nothing may frame the
 * dashboard (clickjacking), and the browser only ever talks to us.
 */

export interface CspOptions {
  /** `next dev` needs eval for React's debugging; never in production. */
  readonly development?: boolean;
}

/** The Content-Security-Policy for one page response. */
export function contentSecurityPolicy(nonce: string, opts: CspOptions = {}): string {
  if (!/^[A-Za-z0-9+/=_-]{16,}$/.test(nonce)) throw new Error('CSP nonce must be at least 16 base64 characters');
  const directives: [string, ...string[]][] = [
    ['default-src', "'self'"],
    ['script-src', "'self'", `'nonce-${nonce}'`, "'strict-dynamic'", ...(opts.development ? ["'unsafe-eval'"] : [])],
    // Stylesheets come from our origin or carry the nonce. Style *attributes*
    // (React's style prop, cytoscape's and uPlot's positioning) cannot run
    // code, so they are allowed; <style> elements without the nonce are not.
    ['style-src', "'self'", `'nonce-${nonce}'`],
    ['style-src-attr', "'unsafe-inline'"],
    // PNG export and chart canvases use blob: and data: URLs.
    ['img-src', "'self'", 'blob:', 'data:'],
    ['font-src', "'self'"],
    // The browser never talks to Prometheus: only to our own API.
    ['connect-src', "'self'"],
    ['object-src', "'none'"],
    ['base-uri', "'none'"],
    ['form-action', "'self'"],
    ['frame-ancestors', "'none'"],
  ];
  return directives.map((d) => d.join(' ')).join('; ');
}

/** Headers for every response, pages and API alike (next.config.ts). */
export const SECURITY_HEADERS: readonly { readonly key: string; readonly value: string }[] = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  // Legacy twin of frame-ancestors 'none', for browsers without CSP level 2.
  { key: 'X-Frame-Options', value: 'DENY' },
  // Dashboard URLs carry filters (namespaces, hosts): never leak them to other sites.
  { key: 'Referrer-Policy', value: 'no-referrer' },
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
  { key: 'Cross-Origin-Resource-Policy', value: 'same-origin' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=(), usb=()' },
];

/** A nonce from 16 random bytes (base64). */
export function createNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}
