import { describe, expect, it } from 'vitest';
import { matcher, quote, regexAnyOf, selector } from '../lib/prometheus/promql';
import { PromqlLexError, splitPromql } from './promql-literals';

describe('splitPromql', () => {
  it('separates the shape of a query from its literals', () => {
    expect(splitPromql('sum by (a) (rate(x{a="b", c=~"d|e"}[5m]))')).toEqual({ code: 'sum by (a) (rate(x{a="", c=~""}[5m]))', literals: ['b', 'd|e'], comments: [] });
  });

  it('decodes Go escapes, single quotes and raw strings', () => {
    expect(splitPromql(`x{a="q\\"\\\\\\n\\t\\u00e9\\U0001F600\\x41\\101", b='it\\'s', c=\`raw \\n "x"\`}`).literals).toEqual(['q"\\\n\té😀AA', "it's", 'raw \\n "x"']);
  });

  it('finds comments outside literals only', () => {
    expect(splitPromql('up{a="#not"} # a comment\n+ 1')).toEqual({ code: 'up{a=""} \n+ 1', literals: ['#not'], comments: ['# a comment'] });
  });

  it('shows an injection for what it is: code outside the literal', () => {
    const injected = `up{a="${'"} or vector(1) #'}"}`;
    const parts = splitPromql(injected);
    expect(parts.code).toBe('up{a=""} or vector(1) ');
    expect(parts.comments).toEqual(['#"}']);
  });

  it.each([
    ['an unterminated literal', 'up{a="b}'],
    ['a raw newline', 'up{a="b\nc"}'],
    ['a raw U+FFFD', 'up{a="\ufffd"}'],
    ['an unknown escape', 'up{a="\\q"}'],
    ["an escaped quote of the other kind", `up{a="\\'"}`],
    ['a surrogate escape', 'up{a="\\ud800"}'],
    ['a short \\u escape', 'up{a="\\u12"}'],
    ['an octal escape past 255', 'up{a="\\777"}'],
  ])('refuses %s as Prometheus does', (_what, query) => {
    expect(() => splitPromql(query)).toThrow(PromqlLexError);
  });

  it('reads back every value quote() writes', () => {
    for (const value of ['"} or vector(1) #', '\\', 'a\nb', '\u0000\u001f\u007f', '\ufffd', 'a\ud800b', '\u2028', '😀', "'`", '{__name__=~".+"}']) {
      const parts = splitPromql(selector([matcher('a', '=', value), matcher('b', '=~', regexAnyOf([value]))]));
      expect(parts.code).toBe('{a="", b=~""}');
      expect(parts.literals[0]).toBe(value.toWellFormed());
      expect(new RegExp(`^(?:${parts.literals[1] ?? ''})$`, 'u').test(value.toWellFormed())).toBe(true);
    }
    expect(splitPromql(quote('x')).literals).toEqual(['x']);
  });
});
