import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HOST_ID, hostIdOf, sha256 } from './host-id';

/** The id as Node's own SHA-256 gives it: an independent implementation of the same definition. */
const nodeId = (host: string) => `h_${createHash('sha256').update(host, 'utf8').digest('base64url').slice(0, 22)}`;

describe('hostIdOf', () => {
  it('is SHA-256 (FIPS 180-4 test vectors)', () => {
    const hex = (s: string) => Buffer.from(sha256(new TextEncoder().encode(s))).toString('hex');
    expect(hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(hex('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe('248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1');
  });

  it('law: the id of any host is h_ and 22 base64url characters of its SHA-256, as Node computes it', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme', maxLength: 200 }), fc.string({ minLength: 50, maxLength: 300 })), (host) => {
        const id = hostIdOf(host);
        expect(id).toMatch(HOST_ID);
        expect(id).toBe(nodeId(host));
      }),
      { numRuns: 1000 },
    );
  });

  it('is short and stable for a 20 kB host, and tells hosts that differ in one character apart', () => {
    const long = `${'l'.repeat(20_000)}.evil.test`;
    expect(hostIdOf(long)).toHaveLength(24);
    expect(hostIdOf(long)).toBe(nodeId(long));
    expect(hostIdOf('httpbin.org')).toBe(nodeId('httpbin.org'));
    expect(hostIdOf('httpbin.org')).not.toBe(hostIdOf('httpbin.orh'));
  });
});
