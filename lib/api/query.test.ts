import { describe, expect, it } from 'vitest';
import { expectBadParameter } from '../../testing/api';
import { paramName, parseQuery, rejectUnknownParams, single } from './query';

describe('parseQuery', () => {
  it('decodes as URLSearchParams does for well-formed input', () => {
    const raw = '?a=1&b=x+y&c=%22%7D%20or&d&&e=&a=2&f=%E2%9C%93';
    expect([...parseQuery(raw)]).toEqual([...new URLSearchParams(raw)]);
    expect(parseQuery('') .toString()).toBe('');
  });

  it('passes decoded parameters through', () => {
    const params = new URLSearchParams('a=1');
    expect(parseQuery(params)).toBe(params);
  });

  it.each([
    ['window=%ZZ', /^window: the value is not valid percent-encoded UTF-8/],
    ['host=%', /^host: /],
    ['host=%FF', /^host: /],
    ['host=%C0%AF', /^host: /],
    ['host=%ED%A0%80', /^host: /],
    ['a=1&%ZZ=1', /^%ZZ: the parameter name is not valid/],
  ])('refuses %s, which URLSearchParams would turn into U+FFFD or keep as is', (raw, message) => {
    expect(expectBadParameter(() => parseQuery(raw), raw).message).toMatch(message);
  });
});

describe('rejectUnknownParams and single', () => {
  it('names unknown parameters, quoting and clipping hostile names', () => {
    expect(expectBadParameter(() => rejectUnknownParams(new URLSearchParams('bogus=1'), ['end']), 'bogus').message).toBe('bogus: unknown parameter (allowed: end)');
    expect(expectBadParameter(() => rejectUnknownParams(new URLSearchParams('x=1'), []), 'x').message).toBe('x: unknown parameter (allowed: none)');
    const hostile = expectBadParameter(() => rejectUnknownParams(new URLSearchParams({ ['<script>'.repeat(1000)]: '1' }), []), 'hostile').message;
    expect(hostile.startsWith('"<script><script>')).toBe(true);
    expect(hostile).toMatch(/…": unknown parameter/);
    expect(hostile.length).toBeLessThan(200);
  });

  it('refuses a repeated parameter', () => {
    expect(expectBadParameter(() => single(new URLSearchParams('a=1&a=1'), 'a'), 'a').message).toBe('a: given more than once');
  });

  it('prints plain names as they are', () => {
    expect(paramName('window')).toBe('window');
    expect(paramName('a b')).toBe('a b');
    expect(paramName(' a')).toBe('" a"');
    expect(paramName('"} or vector(1) #')).toBe('"\\"} or vector(1) #"');
    expect(paramName('a\nb')).toBe('"a\\nb"');
    expect(paramName('x'.repeat(65))).toMatch(/^"x{64}…"$/);
    expect(paramName('')).toBe('""');
  });
});
