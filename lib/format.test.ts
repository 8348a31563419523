import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { displayLabel, displayText, formatBytesRate, formatPercent, formatRate, formatSpan, formatTimestamp, quoteValue, truncateMiddle } from './format';
import { parseDisplayNumber, significantDigitsOf } from '../testing/format';

/** Magnitudes from 1e-6 to 1e12: any mantissa, exact powers of ten, values with trailing zeros, rounding boundaries. */
const exponent = fc.integer({ min: -6, max: 12 });
const magnitude = fc.oneof(
  fc.tuple(fc.double({ min: 1, max: 10, maxExcluded: true, noNaN: true }), exponent).map(([m, e]) => m * 10 ** e),
  exponent.map((e) => 10 ** e),
  fc.tuple(fc.integer({ min: 1, max: 999 }), exponent).map(([n, e]) => n * 10 ** e),
  fc.tuple(fc.constantFrom(999.5, 999.49, 999.95, 99.95, 9.995, 1023.5, 1023.95, 1.05), exponent).map(([m, e]) => m * 10 ** (e - 2)),
);
const signed = fc.tuple(magnitude, fc.boolean()).map(([v, negative]) => (negative ? -v : v));

/** |shown - value| <= tolerance * |value|, with room for the double arithmetic of the parse. */
function expectWithin(shown: string, value: number, tolerance: number): void {
  const back = parseDisplayNumber(shown);
  expect(Math.abs(back - value), `${value} shown as ${shown}`).toBeLessThanOrEqual(tolerance * Math.abs(value) * (1 + 1e-9));
}

describe('formatRate', () => {
  it.each([
    [undefined, '–'],
    [0, '0'],
    // Was "0.012": two significant digits here, one at 0.001, against three everywhere else.
    [0.0123, '0.0123'],
    [0.5, '0.5'],
    [1, '1'],
    [12.34, '12.3'],
    [1234, '1.23k'],
    [2_500_000, '2.50M'],
    // Was "4.0e-5": three significant digits like every other figure.
    [0.00004, '4.00e-5'],
  ])('%s -> %s', (v, s) => expect(formatRate(v)).toBe(s));

  it.each([
    [720, '720'],
    [180, '180'],
    [100, '100'],
    [10, '10'],
    [-720, '-720'],
    [-0.5, '-0.5'],
    [999.4, '999'],
    [999.5, '1.00k'],
    [999_999, '1.00M'],
    [123_456, '123k'],
    [1e9, '1.00G'],
    [1e12, '1.00T'],
    [1e15, '1.00P'],
    [0.001, '0.001'],
    [0.00099, '9.90e-4'],
  ])('keeps every digit it shows: %s -> %s', (v, s) => expect(formatRate(v)).toBe(s));

  it('parses back to within 0.5% (three significant digits), from 1e-6 to 1e12, negative values too', () => {
    fc.assert(fc.property(signed, (v) => expectWithin(formatRate(v), v, 0.005)));
  });

  it('shows at most three significant digits, and exactly three with a prefix or an exponent; a prefixed figure is below 1000', () => {
    fc.assert(
      fc.property(signed, (v) => {
        const s = formatRate(v);
        const digits = significantDigitsOf(s);
        if (/[kMGTPE]$|e/.test(s)) {
          expect(digits, s).toHaveLength(3);
          expect(Math.abs(Number(s.replace(/[kMGTPE]$/, ''))), s).toBeLessThan(1000);
        }
        expect(digits.replace(/0+$/, '').length, s).toBeLessThanOrEqual(3);
      }),
    );
  });

  it('keeps the order of the values (a table sorted by value reads sorted)', () => {
    fc.assert(
      fc.property(magnitude, magnitude, (a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(parseDisplayNumber(formatRate(lo))).toBeLessThanOrEqual(parseDisplayNumber(formatRate(hi)));
      }),
    );
  });
});

describe('formatBytesRate', () => {
  it('uses binary units', () => {
    expect(formatBytesRate(512)).toBe('512 B/s');
    expect(formatBytesRate(2048)).toBe('2.0 KiB/s');
    expect(formatBytesRate(5 * 1024 * 1024)).toBe('5.0 MiB/s');
  });

  it.each([
    [0, '0 B/s'],
    [0.4, '0.40 B/s'],
    [5, '5.0 B/s'],
    [1023.4, '1023 B/s'],
    [1023.6, '1.0 KiB/s'],
    [1024 ** 2 - 1, '1.0 MiB/s'],
    [1024 ** 3 * 1023.96, '1.0 TiB/s'],
    [1024 ** 4, '1.0 TiB/s'],
    [1024 ** 5 * 3, '3.0 PiB/s'],
    [-3000, '-2.9 KiB/s'],
  ])('picks the unit after rounding and goes past GiB: %s -> %s', (v, s) => expect(formatBytesRate(v)).toBe(s));

  it('parses back to within 5% (at least two significant digits), from 1e-6 to 1e12, negative values too; never 1024 of a unit', () => {
    fc.assert(
      fc.property(signed, (v) => {
        const s = formatBytesRate(v);
        expectWithin(s, v, 0.05);
        expect(Math.abs(Number(s.split(' ')[0])), s).toBeLessThan(1024);
      }),
    );
  });
});

describe('formatPercent', () => {
  it('keeps small error ratios visible', () => {
    expect(formatPercent(0)).toBe('0%');
    expect(formatPercent(0.0004)).toBe('0.04%');
    expect(formatPercent(0.05)).toBe('5%');
    expect(formatPercent(0.333)).toBe('33%');
  });

  it.each([
    [1, '100%'],
    [0.996, '99.6%'],
    [0.9999, '99.99%'],
    [0.0014, '0.14%'],
    [-0.5, '-50%'],
    [-0.0004, '-0.04%'],
    [12, '1200%'],
  ])('%s -> %s', (v, s) => expect(formatPercent(v)).toBe(s));

  it('parses back to within 5% (two significant digits, whole percents from 10%), from 1e-6 to 1e12, negative values too', () => {
    fc.assert(fc.property(signed, (v) => expectWithin(formatPercent(v), v, 0.05)));
  });

  it('reads 100% only for exactly 1, and 0% only for exactly 0', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true, minExcluded: true, maxExcluded: true }), (r) => {
        const shown = parseDisplayNumber(formatPercent(r));
        expect(shown, formatPercent(r)).toBeGreaterThan(0);
        expect(shown, formatPercent(r)).toBeLessThan(1);
      }),
    );
  });
});

describe('formatSpan', () => {
  it.each([
    [0, '0 s'],
    [45, '45 s'],
    [120, '2 min'],
    [122, '2 min 2 s'],
    [12600, '3 h 30 min'],
    [86400, '1 d'],
    [2_592_000, '30 d'],
  ])('%s s -> %s', (v, s) => expect(formatSpan(v)).toBe(s));

  it('reads back exactly, to the second', () => {
    const size: Record<string, number> = { d: 86400, h: 3600, min: 60, s: 1 };
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 400 * 86400 }), (v) => {
        const parts = formatSpan(v).split(' ');
        let total = 0;
        for (let i = 0; i < parts.length; i += 2) total += Number(parts[i]) * (size[parts[i + 1] ?? ''] ?? NaN);
        expect(total).toBe(v);
      }),
    );
  });
});

/** What each locale writes for the zone: an independent oracle, not Intl asked twice. */
const ZONE_CASES = [
  { locale: 'en-US', timeZone: 'UTC', zone: / UTC$/ },
  { locale: 'en-US', timeZone: 'America/New_York', zone: / E[SD]T$/ },
  // GMT+1: British Standard Time, all year from 1968 to 1971.
  { locale: 'en-GB', timeZone: 'Europe/London', zone: / (GMT|GMT\+1|BST)$/ },
  { locale: 'de-DE', timeZone: 'Europe/Berlin', zone: / MES?Z$/ },
  { locale: 'ja-JP', timeZone: 'Asia/Tokyo', zone: / JST$/ },
  { locale: 'en-US', timeZone: 'Asia/Kolkata', zone: / GMT\+5:30$/ },
  // GMT+9: China's daylight saving time, 1986 to 1991.
  { locale: 'zh-CN', timeZone: 'Asia/Shanghai', zone: /GMT\+[89]/ },
] as const;

/** 1970 to 2100, to the millisecond. */
const instant = fc.integer({ min: 0, max: 4_102_444_800_000 });

describe('formatTimestamp', () => {
  it('writes the date, the time and the time zone in the given locale', () => {
    const t = Date.UTC(2026, 0, 5, 10, 42, 7);
    expect(formatTimestamp(t, { locale: 'en-US', timeZone: 'UTC' })).toBe('Jan 5, 2026, 10:42:07 AM UTC');
    expect(formatTimestamp('2026-01-05T10:42:07Z', { locale: 'de-DE', timeZone: 'Europe/Berlin' })).toBe('5. Jan. 2026, 11:42:07 MEZ');
    expect(formatTimestamp(new Date(t), { locale: 'en-GB', timeZone: 'Europe/London', date: false })).toBe('10:42:07 GMT');
    expect(formatTimestamp(t, { locale: 'en-US', timeZone: 'America/New_York', seconds: false })).toBe('Jan 5, 2026, 5:42 AM EST');
  });

  it('always names the zone: every locale and zone, summer and winter', () => {
    fc.assert(
      fc.property(instant, fc.constantFrom(...ZONE_CASES), fc.boolean(), (t, c, date) => {
        expect(formatTimestamp(t, { locale: c.locale, timeZone: c.timeZone, date })).toMatch(c.zone);
      }),
    );
  });

  it('names the zone in every IANA zone (abbreviation, UTC or a GMT offset)', () => {
    const zones = Intl.supportedValuesOf('timeZone');
    fc.assert(
      fc.property(instant, fc.constantFrom(...zones), (t, timeZone) => {
        expect(formatTimestamp(t, { locale: 'en-US', timeZone })).toMatch(/ (GMT([+-]\d{1,2}(:\d{2}){0,2})?|UTC|[A-Z][A-Za-z]{1,4})$/);
      }),
    );
  });

  it('reads back as the same instant (to the second) in UTC', () => {
    fc.assert(
      fc.property(instant, (t) => {
        const shown = formatTimestamp(t, { locale: 'en-US', timeZone: 'UTC' });
        expect(Date.parse(shown.replace(/ UTC$/, ' GMT').replace(', ', ' ').replace(/, /, ' '))).toBe(Math.floor(t / 1000) * 1000);
      }),
    );
  });

  it('never throws: any value, locale or zone; "–" when there is no valid time', () => {
    const value = fc.oneof(fc.double(), fc.string(), fc.date({ noInvalidDate: false }), fc.constantFrom(null, undefined, '', 'not a date', 8.64e15 + 1, -0));
    const opts = fc.record({ locale: fc.option(fc.string(), { nil: undefined }), timeZone: fc.option(fc.oneof(fc.string(), fc.constantFrom('UTC', 'Nope/Zone')), { nil: undefined }), date: fc.boolean() }, { requiredKeys: [] });
    fc.assert(
      fc.property(value, opts, (v, o) => {
        const s = formatTimestamp(v, o);
        expect(typeof s).toBe('string');
        if (s !== '–') expect(s).toMatch(/ (\S+)$/);
      }),
    );
    expect(formatTimestamp('not a date')).toBe('–');
    expect(formatTimestamp(Number.NaN)).toBe('–');
    expect(formatTimestamp(null)).toBe('–');
    expect(formatTimestamp(0, { timeZone: 'Nope/Zone' })).toBe('1970-01-01 00:00:00 UTC');
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
