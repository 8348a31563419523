/**
 * Optional sign-in through a trusted authenticating proxy (oauth2-proxy,
 * Pomerium, an ingress with auth_request): the proxy signs the user in and
 * passes who they are in a request header; Egress Lens trusts that header
 * and records the identity in the evidence annotations of what it generates.
 *
 * A header is only as trustworthy as the path to the app: run the proxy as a
 * sidecar with the app on 127.0.0.1, or restrict who can reach the app with a
 * NetworkPolicy, and/or have the proxy add a shared secret header
 * (AUTH_PROXY_SECRET) that direct callers cannot know.
 */
import { z } from 'zod';

/** The request header proxy.ts sets to the verified identity (and strips from every incoming request). */
export const IDENTITY_HEADER = 'x-egress-lens-user';

/** Paths that answer without sign-in: the kubelet's probes do not pass through the proxy. */
export const UNAUTHENTICATED_PATHS: readonly string[] = ['/api/health', '/api/livez', '/api/readyz'];

export interface TrustedProxyAuth {
  /** Header carrying the signed-in user, e.g. X-Forwarded-Email (lower-cased). */
  readonly userHeader: string;
  /** When set, every request must also carry `secretHeader: secret`. */
  readonly secret?: { readonly header: string; readonly value: string };
}

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const optional = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

const schema = z
  .object({
    AUTH_PROXY_USER_HEADER: optional.refine((v) => v === undefined || HEADER_NAME.test(v), 'must be an HTTP header name such as X-Forwarded-Email'),
    AUTH_PROXY_SECRET: optional.refine((v) => v === undefined || v.length >= 16, 'must be at least 16 characters'),
    AUTH_PROXY_SECRET_HEADER: optional.refine((v) => v === undefined || HEADER_NAME.test(v), 'must be an HTTP header name'),
  })
  .superRefine((e, ctx) => {
    if (e.AUTH_PROXY_SECRET && !e.AUTH_PROXY_USER_HEADER)
      ctx.addIssue({ code: 'custom', path: ['AUTH_PROXY_SECRET'], message: 'only applies with AUTH_PROXY_USER_HEADER' });
    if (e.AUTH_PROXY_USER_HEADER?.toLowerCase() === IDENTITY_HEADER)
      ctx.addIssue({ code: 'custom', path: ['AUTH_PROXY_USER_HEADER'], message: `${IDENTITY_HEADER} is reserved` });
  });

/** Every environment variable the sign-in settings read (see CONFIG_VARIABLES for the rest). */
export const SIGN_IN_VARIABLES: readonly string[] = Object.freeze(Object.keys(schema.shape));

/** Sign-in settings from the environment; undefined when sign-in is off. Throws a message listing every bad variable. */
export function loadTrustedProxyAuth(env: Readonly<Record<string, string | undefined>>): TrustedProxyAuth | undefined {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    throw new Error(`Invalid sign-in configuration: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  const e = parsed.data;
  if (!e.AUTH_PROXY_USER_HEADER) return undefined;
  return {
    userHeader: e.AUTH_PROXY_USER_HEADER.toLowerCase(),
    ...(e.AUTH_PROXY_SECRET ? { secret: { header: (e.AUTH_PROXY_SECRET_HEADER ?? 'X-Egress-Lens-Proxy-Secret').toLowerCase(), value: e.AUTH_PROXY_SECRET } } : {}),
  };
}

export type IdentityResult =
  | { readonly ok: true; /** The signed-in user; absent when sign-in is off. */ readonly user?: string }
  | { readonly ok: false; readonly status: 401 | 500; readonly message: string };

const MAX_IDENTITY = 256;

/**
 * Who is asking, according to the trusted proxy. `get` reads a request header
 * (case-insensitive, as the Fetch Headers object does).
 */
export function resolveIdentity(get: (name: string) => string | null, auth: TrustedProxyAuth | undefined, pathname: string): IdentityResult {
  if (!auth || UNAUTHENTICATED_PATHS.includes(pathname)) return { ok: true };
  if (auth.secret && !constantTimeEqual(get(auth.secret.header) ?? '', auth.secret.value)) {
    return { ok: false, status: 401, message: 'This request did not come through the sign-in proxy (its shared secret header is missing or wrong).' };
  }
  const raw = get(auth.userHeader)?.trim() ?? '';
  if (raw === '') return { ok: false, status: 401, message: `Sign-in required: this Egress Lens expects its authenticating proxy to pass the user in ${auth.userHeader}.` };
  if (raw.length > MAX_IDENTITY || /[\u0000-\u001f\u007f]/.test(raw)) {
    return { ok: false, status: 401, message: `The ${auth.userHeader} header does not hold a usable identity (control characters or over ${MAX_IDENTITY} characters).` };
  }
  return { ok: true, user: raw };
}

function constantTimeEqual(a: string, b: string): boolean {
  const x = new TextEncoder().encode(a);
  const y = new TextEncoder().encode(b);
  let diff = x.length ^ y.length;
  for (let i = 0; i < y.length; i++) diff |= (x[i] ?? 0) ^ (y[i] ?? 0);
  return diff === 0;
}
