import { describe, expect, it } from 'vitest';
import { escapeRegex, formatDuration, matcher, parseDuration, quote, regexAnyOf } from './promql';

describe('quote', () => {
  it.each([
    ['plain', '"plain"'],
    ['a"b', '"a\\"b"'],
    ['back\\slash', '"back\\\\slash"'],
    ['new\nline', '"new\\nline"'],
    ['tab\tcr\r', '"tab\\tcr\\r"'],
    ['"} or vector(1) #', '"\\"} or vector(1) #"'],
    ['\u0000', '"\\u0000"'],
  ])('%j', (value, expected) => expect(quote(value)).toBe(expected));

  it('replaces lone surrogates, which UTF-8 cannot carry, with an escaped U+FFFD', () => {
    expect(quote('a\ud800b')).toBe('"a\\ufffdb"');
  });

  it('escapes U+FFFD, which Prometheus refuses raw ("invalid UTF-8 rune")', () => {
    expect(quote('\ufffd')).toBe('"\\ufffd"');
    expect(quote('x\ufffd\ufffdy')).toBe('"x\\ufffd\\ufffdy"');
    expect(quote('\ufffd')).not.toContain('\ufffd');
  });
});

describe('escapeRegex', () => {
  it('escapes every RE2 metacharacter', () => {
    expect(escapeRegex('.+*?()|[]{}^$\\')).toBe('\\.\\+\\*\\?\\(\\)\\|\\[\\]\\{\\}\\^\\$\\\\');
  });

  it('makes a wildcard host match itself only', () => {
    const re = new RegExp(`^(?:${escapeRegex('*.googleapis.com')})$`);
    expect(re.test('*.googleapis.com')).toBe(true);
    expect(re.test('x.googleapis.com')).toBe(false);
  });

  it('inside a matcher, regex escapes survive string quoting', () => {
    expect(matcher('ns', '=~', regexAnyOf(['a.b', 'c|d']))).toBe('ns=~"a\\\\.b|c\\\\|d"');
  });
});

describe('matcher', () => {
  it('rejects invalid label names (programmer error)', () => {
    expect(() => matcher('bad-name', '=', 'x')).toThrow(/invalid label name/);
    expect(() => matcher('x"}', '=', 'x')).toThrow();
  });

  it('quotes hostile values so they stay one string', () => {
    expect(matcher('destination_service', '=', '"} or up{x="')).toBe('destination_service="\\"} or up{x=\\""');
  });
});

describe('regexAnyOf', () => {
  it('needs at least one value', () => {
    expect(() => regexAnyOf([])).toThrow();
  });
});

describe('durations', () => {
  it.each([
    ['30s', 30],
    ['5m', 300],
    ['1h30m', 5400],
    ['1d', 86400],
    ['30d', 2592000],
    ['1w', 604800],
    ['1500ms', 1.5],
  ])('parses %s', (text, seconds) => expect(parseDuration(text)).toBe(seconds));

  it.each(['', '5', 'm', '5 m', '-5m', '5M', '1.5h', 'abc', '5m '])('rejects %j', (text) => expect(parseDuration(text)).toBeNull());

  it.each(['5m5m', '30m1h', '1s1m', '1ms1s', '1e3s', 'Infinity', 'NaN', '0x10s', '300y', `${'9'.repeat(400)}s`])('rejects %j as Prometheus does (units largest first, each once)', (text) =>
    expect(parseDuration(text)).toBeNull(),
  );

  it('reads "0" as Prometheus does', () => {
    expect(parseDuration('0')).toBe(0);
  });

  it('formats the shortest form', () => {
    expect(formatDuration(300)).toBe('5m');
    expect(formatDuration(5400)).toBe('1h30m');
    expect(formatDuration(90061)).toBe('1d1h1m1s');
    expect(() => formatDuration(0)).toThrow();
  });
});
