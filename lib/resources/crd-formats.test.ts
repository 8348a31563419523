import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CRD_FORMATS } from './crd-formats';

const dateTime = CRD_FORMATS['date-time'].validate;

describe('CRD formats', () => {
  it('int32: integers from -2^31 to 2^31-1 (e.g. VirtualService retries.attempts)', () => {
    const int32 = CRD_FORMATS.int32.validate;
    expect([0, -(2 ** 31), 2 ** 31 - 1].map(int32)).toEqual([true, true, true]);
    expect([2 ** 31, -(2 ** 31) - 1, 1.5].map(int32)).toEqual([false, false, false]);
  });

  it('byte: base64', () => {
    const byte = CRD_FORMATS.byte.validate;
    expect(['', 'YQ==', 'YWI=', 'YWJj'].map(byte)).toEqual([true, true, true, true]);
    expect(['YQ=', 'abc', 'a b', '===='].map(byte)).toEqual([false, false, false, false]);
  });

  it('date-time: RFC 3339 with an offset, real calendar days, leap seconds only at 23:59:60 UTC', () => {
    const valid = ['2026-01-01T00:00:00Z', '2026-01-01t00:00:00z', '2026-01-01 00:00:00Z', '2026-01-01T00:00:00.123+05:30', '2026-01-01T00:00:00+0530', '2024-02-29T12:00:00Z', '2016-12-31T23:59:60Z', '2017-01-01T00:59:60+01:00'];
    const invalid = ['2026-01-01T00:00:00', '2026-01-01', '2026-02-29T00:00:00Z', '2026-02-30T00:00:00Z', '2026-13-01T00:00:00Z', '2026-01-01T24:00:00Z', '2026-01-01T00:60:00Z', '2026-01-01T12:00:60Z', '2026-01-01T00:00:00+24:00', 'x', ''];
    expect(valid.filter((s) => !dateTime(s))).toEqual([]);
    expect(invalid.filter((s) => dateTime(s))).toEqual([]);
  });

  it('date-time accepts every instant as JavaScript writes it', () => {
    fc.assert(fc.property(fc.date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true }), (d) => dateTime(d.toISOString())));
  });
});
