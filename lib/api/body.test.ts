import { describe, expect, it } from 'vitest';
import { checkJsonContentType, MAX_BODY_BYTES, readJsonBody } from './body';
import { ApiError } from './errors';

const post = (body: BodyInit | null, headers: Record<string, string> = { 'content-type': 'application/json' }, url = 'http://localhost/api/x') =>
  new Request(url, { method: 'POST', body, headers });

async function rejection(run: Promise<unknown>): Promise<ApiError> {
  try {
    await run;
  } catch (e) {
    expect(e).toBeInstanceOf(ApiError);
    return e as ApiError;
  }
  throw new Error('expected a rejection');
}

describe('readJsonBody', () => {
  it('reads a JSON body', async () => {
    expect(await readJsonBody(post('{"a": [1, "é"]}'))).toEqual({ a: [1, 'é'] });
  });

  it('answers 413 from Content-Length alone, before reading', async () => {
    let pulled = false;
    const body = new ReadableStream({ pull: (c) => { pulled = true; c.close(); } }, { highWaterMark: 0 });
    const req = new Request('http://localhost/x', { method: 'POST', body, headers: { 'content-type': 'application/json', 'content-length': '100000000' }, duplex: 'half' } as RequestInit & { duplex: 'half' });
    const e = await rejection(readJsonBody(req));
    expect(e).toMatchObject({ status: 413, code: 'too-large' });
    expect(e.message).toMatch(/larger than 1 MiB/);
    expect(pulled).toBe(false);
  });

  it('answers 413 while reading a body without Content-Length, and stops reading', async () => {
    let chunks = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(c) {
        chunks++;
        c.enqueue(new Uint8Array(64 * 1024).fill(32));
      },
    });
    const req = new Request('http://localhost/x', { method: 'POST', body, headers: { 'content-type': 'application/json' }, duplex: 'half' } as RequestInit & { duplex: 'half' });
    expect(await rejection(readJsonBody(req))).toMatchObject({ status: 413 });
    expect(chunks).toBeLessThan(MAX_BODY_BYTES / (64 * 1024) + 3);
  });

  it('takes a body of exactly the limit', async () => {
    const json = JSON.stringify({ pad: '' });
    const body = JSON.stringify({ pad: 'x'.repeat(MAX_BODY_BYTES - json.length) });
    expect(new TextEncoder().encode(body).byteLength).toBe(MAX_BODY_BYTES);
    expect(await readJsonBody(post(body))).toMatchObject({ pad: expect.any(String) });
    expect(await rejection(readJsonBody(post(`${body} `)))).toMatchObject({ status: 413 });
  });

  it('counts bytes, not characters', async () => {
    const body = JSON.stringify({ pad: 'é'.repeat(MAX_BODY_BYTES / 2) });
    expect(await rejection(readJsonBody(post(body)))).toMatchObject({ status: 413 });
  });

  it('refuses query parameters on a POST', async () => {
    expect(await rejection(readJsonBody(post('{}', undefined, 'http://localhost/api/x?debug=1')))).toMatchObject({ status: 400, message: 'debug: unknown parameter (allowed: none)' });
  });
});

describe('checkJsonContentType', () => {
  it.each(['application/json', 'application/json; charset=utf-8', 'Application/JSON;charset=UTF-8', 'application/json; charset="utf-8"', 'application/json; foo=bar'])('takes %s', (ct) => {
    expect(() => checkJsonContentType(ct)).not.toThrow();
  });

  it.each([null, '', 'text/plain', 'application/json; charset=latin1', 'application/json-patch+json', 'text/json', 'application/jsonx'])('answers 415 to %j, naming Content-Type', (ct) => {
    try {
      checkJsonContentType(ct);
      throw new Error('accepted');
    } catch (e) {
      expect(e).toMatchObject({ status: 415, code: 'unsupported-media-type', message: expect.stringMatching(/^Content-Type: /) });
    }
  });
});
