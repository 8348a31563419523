import { describe, expect, it } from 'vitest';
import { acceptsGzip, GZIP_ACCEPTED, precompressedHeaderRules } from './precompressed';

describe('acceptsGzip', () => {
  it.each([
    ['gzip, deflate, br, zstd', true],
    ['gzip, deflate', true],
    ['gzip', true],
    ['deflate, gzip', true],
    ['br,gzip', true],
    ['gzip;q=0', false],
    ['gzip;q=0.5, identity', false],
    ['br', false],
    ['x-gzip', false],
    ['gzipx', false],
    ['identity', false],
    ['', false],
  ])('%j -> %s', (header, want) => {
    expect(acceptsGzip(header)).toBe(want);
  });

  it('takes a missing header as no', () => {
    expect(acceptsGzip(null)).toBe(false);
    expect(acceptsGzip(undefined)).toBe(false);
  });

  it('is the rule next.config gives Next (which anchors it), so the header and the bytes always agree', () => {
    for (const rule of precompressedHeaderRules()) {
      expect(rule.has).toEqual([{ type: 'header', key: 'accept-encoding', value: GZIP_ACCEPTED }]);
      expect(rule.headers).toEqual([{ key: 'Content-Encoding', value: 'gzip' }]);
      const next = new RegExp(`^${rule.has[0]!.value}$`);
      for (const v of ['gzip, deflate, br', 'gzip;q=0', 'deflate', 'a, gzip , b']) expect(next.test(v)).toBe(acceptsGzip(v));
    }
  });
});
