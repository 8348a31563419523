import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, createNonce, SECURITY_HEADERS } from './headers';

function directives(csp: string): Map<string, string[]> {
  return new Map(csp.split('; ').map((d) => {
    const [name, ...values] = d.split(' ');
    return [name!, values];
  }));
}

describe('contentSecurityPolicy', () => {
  const nonce = createNonce();
  const csp = directives(contentSecurityPolicy(nonce));

  it('runs scripts only from our origin with the request nonce, never inline or eval', () => {
    const scripts = csp.get('script-src')!;
    expect(scripts).toContain(`'nonce-${nonce}'`);
    expect(scripts).toContain("'strict-dynamic'");
    expect(scripts).not.toContain("'unsafe-inline'");
    expect(scripts).not.toContain("'unsafe-eval'");
  });

  it('forbids framing, plugins, base rewriting and connections to anything but us', () => {
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
    expect(csp.get('connect-src')).toEqual(["'self'"]);
    expect(csp.get('style-src')).not.toContain("'unsafe-inline'");
  });

  it('allows eval only for next dev', () => {
    expect(directives(contentSecurityPolicy(nonce, { development: true })).get('script-src')).toContain("'unsafe-eval'");
  });

  it('refuses a nonce that could break out of the header', () => {
    expect(() => contentSecurityPolicy("abc'; script-src *")).toThrow(/nonce/);
    expect(() => contentSecurityPolicy('short')).toThrow(/nonce/);
  });
});

describe('createNonce', () => {
  it('is fresh each time and 128 bits of base64', () => {
    const a = createNonce();
    expect(a).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(createNonce()).not.toBe(a);
  });
});

describe('SECURITY_HEADERS', () => {
  it('includes nosniff and forbids framing for every response', () => {
    const byName = new Map(SECURITY_HEADERS.map((h) => [h.key, h.value]));
    expect(byName.get('X-Content-Type-Options')).toBe('nosniff');
    expect(byName.get('X-Frame-Options')).toBe('DENY');
  });
});
