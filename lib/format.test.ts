import { describe, expect, it } from 'vitest';
import { displayLabel, displayText, formatBytesRate, formatPercent, formatRate, quoteValue, truncateMiddle } from './format';

describe('formatRate', () => {
  it.each([
    [undefined, '–'],
    [0, '0'],
    [0.0123, '0.012'],
    [0.5, '0.5'],
    [1, '1'],
    [12.34, '12.3'],
    [1234, '1.23k'],
    [2_500_000, '2.50M'],
    [0.00004, '4.0e-5'],
  ])('%s -> %s', (v, s) => expect(formatRate(v)).toBe(s));
});

describe('formatBytesRate', () => {
  it('uses binary units', () => {
    expect(formatBytesRate(512)).toBe('512 B/s');
    expect(formatBytesRate(2048)).toBe('2.0 KiB/s');
    expect(formatBytesRate(5 * 1024 * 1024)).toBe('5.0 MiB/s');
  });
});

describe('formatPercent', () => {
  it('keeps small error ratios visible', () => {
    expect(formatPercent(0)).toBe('0%');
    expect(formatPercent(0.0004)).toBe('0.04%');
    expect(formatPercent(0.05)).toBe('5%');
    expect(formatPercent(0.333)).toBe('33%');
  });
});

describe('displayText', () => {
  it('leaves ordinary text, markup, quotes, emoji and right-to-left letters alone (React renders them as text)', () => {
    for (const v of ['api.example.com', '<img src=x onerror=alert(1)>', `"'\``, '=HYPERLINK("http://x")', 'emoji-😀-𝕏-👩‍💻', 'שלום.example', 'flag-🇫🇷']) {
      expect(displayText(v)).toBe(v);
    }
  });

  it('writes C0 controls and DEL as the escapes of the JSON export', () => {
    expect(displayText('a\tb\u0007c\u001b[31md\r\ne\u007f\u0000')).toBe('a\\tb\\u0007c\\u001b[31md\\r\\ne\\u007f\\u0000');
  });

  it('keeps line feeds in multi-line text only', () => {
    expect(displayText('kind: X\n  team: "a\u0007"\r\n', { multiline: true })).toBe('kind: X\n  team: "a\\u0007"\\r\n');
  });

  it('escapes bidi controls and invisible characters so they can neither reorder nor hide text', () => {
    expect(displayText('invoice-\u202egnp.exe')).toBe('invoice-\\u202egnp.exe');
    expect(displayText('\u2066a\u2069\u200e\u200f\u061c')).toBe('\\u2066a\\u2069\\u200e\\u200f\\u061c');
    expect(displayText('zero\u200bwidth\ufeff\u00ad\u2028\u0085')).toBe('zero\\u200bwidth\\ufeff\\u00ad\\u2028\\u0085');
    expect(displayText('tag\u{e0041}')).toBe('tag\\u{e0041}');
  });

  it('replaces lone surrogates', () => {
    expect(displayText('a\ud800b')).toBe('a\ufffdb');
  });

  it('leaves nothing raw that it promises to escape', () => {
    const all = Array.from({ length: 0x3000 }, (_, i) => String.fromCodePoint(i)).join('');
    expect(displayText(all)).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
  });
});

describe('truncateMiddle', () => {
  it('keeps short text, and both ends of long text', () => {
    expect(truncateMiddle('short', 10)).toBe('short');
    expect(truncateMiddle('bank.example.com.evil.test', 11)).toBe('bank.….test');
    expect(truncateMiddle('x'.repeat(10_000), 64)).toHaveLength(64);
  });

  it('never cuts an emoji, a surrogate pair or a flag', () => {
    const t = truncateMiddle('😀'.repeat(10) + '👩‍💻'.repeat(10) + '🇫🇷'.repeat(10), 9);
    expect(t).toBe('😀😀😀😀…🇫🇷🇫🇷🇫🇷🇫🇷');
    expect(t.isWellFormed()).toBe(true);
  });
});

describe('displayLabel', () => {
  it('escapes, then truncates to a bound', () => {
    expect(displayLabel('a\u0007b', 10)).toBe('a\\u0007b');
    expect(displayLabel('\u202e'.repeat(100), 20)).toHaveLength(20);
  });
});

describe('quoteValue', () => {
  it('is a JSON string that escapes controls, DEL, C1, bidi and invisible characters, and parses back', () => {
    const v = '<b>"x"</b>\t\u0007\u001b\u007f\u0085\u202e\u200b\u{e0041}😀';
    const q = quoteValue(v, 100);
    expect(q).toBe('"<b>\\"x\\"</b>\\t\\u0007\\u001b\\u007f\\u0085\\u202e\\u200b\\udb40\\udc41😀"');
    expect(JSON.parse(q)).toBe(v);
  });

  it('clips long values', () => {
    expect(quoteValue('x'.repeat(10), 4)).toBe('"xxxx…"');
  });
});
