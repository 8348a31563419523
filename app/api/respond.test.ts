import { gunzipSync } from 'node:zlib';
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
});

describe('respond with the request', () => {
  const big = { flows: Array.from({ length: 500 }, (_, i) => ({ host: `h${i}.example.com`, rate: i })) };
  const request = (encoding: string) => new Request('http://localhost/api/graph', { headers: { 'Accept-Encoding': encoding } });

  it('gzips a large answer for a client that accepts it, and the bytes decode to the same JSON', async () => {
    const res = respond({ status: 200, body: big }, request('gzip, deflate, br'));
    expect(res.headers.get('content-encoding')).toBe('gzip');
    expect(res.headers.get('vary')).toBe('Accept-Encoding');
    expect(JSON.parse(gunzipSync(Buffer.from(await res.arrayBuffer())).toString('utf8'))).toEqual(big);
  });

  it('compresses a shared answer once: the same bytes for every request', async () => {
    const a = new Uint8Array(await respond({ status: 200, body: big }, request('gzip')).arrayBuffer());
    const b = new Uint8Array(await respond({ status: 200, body: big }, request('gzip')).arrayBuffer());
    expect(b).toEqual(a);
  });

  it('sends plain JSON to clients without gzip, and small answers uncompressed', async () => {
    const plain = respond({ status: 200, body: big }, request('identity'));
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(await plain.json()).toEqual(big);
    const small = respond({ status: 200, body: { ok: true } }, request('gzip'));
    expect(small.headers.get('content-encoding')).toBeNull();
    expect(await small.json()).toEqual({ ok: true });
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
