import { describe, expect, it } from 'vitest';
import { loadTrustedProxyAuth, resolveIdentity, UNAUTHENTICATED_PATHS } from './trusted-proxy';

const headers = (h: Record<string, string>) => (name: string) => new Headers(h).get(name);

describe('loadTrustedProxyAuth', () => {
  it('is off unless a user header is configured', () => {
    expect(loadTrustedProxyAuth({})).toBeUndefined();
    expect(loadTrustedProxyAuth({ AUTH_PROXY_USER_HEADER: '  ' })).toBeUndefined();
  });

  it('reads the user header and an optional shared secret', () => {
    expect(loadTrustedProxyAuth({ AUTH_PROXY_USER_HEADER: 'X-Forwarded-Email' })).toEqual({ userHeader: 'x-forwarded-email' });
    expect(loadTrustedProxyAuth({ AUTH_PROXY_USER_HEADER: 'X-Forwarded-Email', AUTH_PROXY_SECRET: 's'.repeat(32) })).toEqual({
      userHeader: 'x-forwarded-email',
      secret: { header: 'x-egress-lens-proxy-secret', value: 's'.repeat(32) },
    });
  });

  it('lists every bad variable', () => {
    expect(() => loadTrustedProxyAuth({ AUTH_PROXY_USER_HEADER: 'X Email', AUTH_PROXY_SECRET: 'short' })).toThrow(
      /AUTH_PROXY_USER_HEADER: must be an HTTP header name.*AUTH_PROXY_SECRET: must be at least 16/,
    );
    expect(() => loadTrustedProxyAuth({ AUTH_PROXY_SECRET: 'x'.repeat(20) })).toThrow(/only applies with AUTH_PROXY_USER_HEADER/);
    expect(() => loadTrustedProxyAuth({ AUTH_PROXY_USER_HEADER: 'X-Egress-Lens-User' })).toThrow(/reserved/);
  });
});

describe('resolveIdentity', () => {
  const auth = loadTrustedProxyAuth({ AUTH_PROXY_USER_HEADER: 'X-Forwarded-Email' });
  const withSecret = loadTrustedProxyAuth({ AUTH_PROXY_USER_HEADER: 'X-Forwarded-Email', AUTH_PROXY_SECRET: 'correct-horse-battery' });

  it('lets everyone in, anonymously, when sign-in is off', () => {
    expect(resolveIdentity(headers({ 'X-Forwarded-Email': 'mallory@example.com' }), undefined, '/')).toEqual({ ok: true });
  });

  it('takes the user from the proxy header', () => {
    expect(resolveIdentity(headers({ 'x-forwarded-email': ' alice@example.com ' }), auth, '/api/egress')).toEqual({ ok: true, user: 'alice@example.com' });
  });

  it('answers 401 with a clear message when the header is missing or empty', () => {
    const r = resolveIdentity(headers({}), auth, '/');
    expect(r).toMatchObject({ ok: false, status: 401 });
    expect(!r.ok && r.message).toContain('x-forwarded-email');
    expect(resolveIdentity(headers({ 'X-Forwarded-Email': '' }), auth, '/')).toMatchObject({ ok: false, status: 401 });
  });

  it('refuses identities that could not be recorded faithfully', () => {
    expect(resolveIdentity(headers({ 'X-Forwarded-Email': 'a'.repeat(300) }), auth, '/')).toMatchObject({ ok: false, status: 401 });
    expect(resolveIdentity(() => 'alice\u0007@example.com', auth, '/')).toMatchObject({ ok: false, status: 401 });
  });

  it('requires the shared secret when one is configured', () => {
    const user = { 'X-Forwarded-Email': 'alice@example.com' };
    expect(resolveIdentity(headers(user), withSecret, '/')).toMatchObject({ ok: false, status: 401 });
    expect(resolveIdentity(headers({ ...user, 'X-Egress-Lens-Proxy-Secret': 'correct-horse-batterz' }), withSecret, '/')).toMatchObject({ ok: false });
    expect(resolveIdentity(headers({ ...user, 'X-Egress-Lens-Proxy-Secret': 'correct-horse-battery' }), withSecret, '/')).toEqual({ ok: true, user: 'alice@example.com' });
  });

  it('leaves the probes open', () => {
    for (const p of UNAUTHENTICATED_PATHS) expect(resolveIdentity(headers({}), withSecret, p)).toEqual({ ok: true });
  });
});
