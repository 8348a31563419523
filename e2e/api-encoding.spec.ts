import http from 'node:http';
import zlib from 'node:zlib';
import { expect, test } from './fixtures';

/** One request with exactly this Accept-Encoding (or none), its body as sent on the wire. */
function rawGet(url: string, acceptEncoding: string | undefined): Promise<{ status: number; encoding: string | undefined; vary: string | undefined; bytes: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers: acceptEncoding === undefined ? {} : { 'Accept-Encoding': acceptEncoding } }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (c: Buffer) => parts.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, encoding: res.headers['content-encoding'], vary: res.headers.vary, bytes: Buffer.concat(parts) }));
      res.on('error', reject);
    });
    req.on('error', reject);
  });
}

/** The body as the Content-Encoding header says it is encoded. */
function decode(encoding: string | undefined, bytes: Buffer): string {
  switch (encoding) {
    case undefined:
    case 'identity':
      return bytes.toString('utf8');
    case 'gzip':
      return zlib.gunzipSync(bytes).toString('utf8');
    case 'deflate':
      return zlib.inflateSync(bytes).toString('utf8');
    case 'br':
      return zlib.brotliDecompressSync(bytes).toString('utf8');
    default:
      throw new Error(`unexpected Content-Encoding ${encoding}`);
  }
}

const ACCEPT = ['gzip, deflate, br, zstd', 'gzip', 'deflate, gzip', 'gzip;q=0', 'gzip;q=0.5, identity', 'br', 'deflate', 'identity', 'GZIP', undefined];

test.describe('API answers on the wire', () => {
  test('Content-Encoding always says what the bytes are, whatever the client accepts, on the routes that gzip shared answers once and the rest', async ({ appUrl, mesh }) => {
    const end = mesh.origin + 80 * 60;
    const paths = [`/api/graph?end=${end}&window=10m`, `/api/egress?end=${end}&window=10m`, '/api/egress?window=forever', `/api/hosts?end=${end}&window=1h`];
    for (const path of paths) {
      const plain = await rawGet(`${appUrl}${path}`, undefined);
      expect(plain.encoding, path).toBeUndefined();
      const expected = JSON.parse(plain.bytes.toString('utf8')) as unknown;
      for (const accept of ACCEPT) {
        const res = await rawGet(`${appUrl}${path}`, accept);
        const what = `${path} with Accept-Encoding ${JSON.stringify(accept)}`;
        expect(res.status, what).toBe(plain.status);
        expect(JSON.parse(decode(res.encoding, res.bytes)), what).toEqual(expected);
        if (accept === 'gzip;q=0' || accept === 'identity' || accept === undefined) expect(res.encoding ?? 'identity', what).toBe('identity');
        // Routes that send shared answers gzipped once do so whenever gzip is listed; for the others Next
        // decides (it leaves answers under 1 KiB alone).
        const precompressed = path.startsWith('/api/graph') || path.startsWith('/api/egress');
        if (precompressed && (accept?.startsWith('gzip,') || accept === 'gzip' || accept === 'deflate, gzip')) expect(res.encoding, what).toBe('gzip');
        if (precompressed) expect(res.vary, what).toMatch(/Accept-Encoding/i);
      }
    }
  });

  test('the browser reads the gzipped graph', async ({ page, mesh }) => {
    const end = mesh.origin + 80 * 60;
    await page.goto('/');
    const answer = await page.evaluate(async (url) => {
      const res = await fetch(url);
      return { encoding: res.headers.get('content-encoding'), nodes: ((await res.json()) as { nodes: unknown[] }).nodes.length };
    }, `/api/graph?end=${end}&window=10m`);
    expect(answer.encoding).toBe('gzip');
    expect(answer.nodes).toBeGreaterThan(10);
  });
});
