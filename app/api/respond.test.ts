import { describe, expect, it } from 'vitest';
import { otherMethods, respond } from './respond';

describe('respond', () => {
  it('answers JSON, never cached, with the answer headers', async () => {
    const res = respond({ status: 405, body: { error: { code: 'x', message: 'y' } }, headers: { Allow: 'GET' } });
    expect(res.status).toBe(405);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('allow')).toBe('GET');
    expect(await res.json()).toEqual({ error: { code: 'x', message: 'y' } });
  });

  it('sends the same bytes to every client of a shared answer, non-ASCII text intact', async () => {
    const body = { nodes: [{ label: 'caf\u00e9 \u{1f600} \ud800 <b>"x"</b>' }] };
    const first = await respond({ status: 200, body }).text();
    const second = await respond({ status: 200, body }).text();
    expect(second).toBe(first);
    expect(JSON.parse(first)).toEqual(body);
  });
});

describe('otherMethods', () => {
  it.each([
    ['GET', 'PUT', 'GET, HEAD, OPTIONS'],
    ['GET', 'DELETE', 'GET, HEAD, OPTIONS'],
    ['GET', 'POST', 'GET, HEAD, OPTIONS'],
    ['POST', 'GET', 'POST, OPTIONS'],
    ['POST', 'PATCH', 'POST, OPTIONS'],
  ] as const)('a %s route answers %s with a JSON 405 and Allow', async (allowed, method, allow) => {
    const res = otherMethods(allowed)[method](new Request('http://localhost/api/egress', { method }));
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe(allow);
    expect(await res.json()).toEqual({ error: { code: 'method-not-allowed', message: `method: ${method} is not allowed on /api/egress; use ${allowed}` } });
  });

  it('answers OPTIONS with what is allowed', () => {
    const res = otherMethods('POST').OPTIONS(new Request('http://localhost/api/alert-rules', { method: 'OPTIONS' }));
    expect(res.status).toBe(204);
    expect(res.headers.get('allow')).toBe('POST, OPTIONS');
  });
});
