import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { observedHostPattern, parseObservedHost } from './host';
import { re2Matches } from '../../testing/re2';

/** Whether a chart of `host` selects the series whose destination_service is `raw`. */
const charted = (host: string, raw: string) => re2Matches(observedHostPattern(host), raw);

/** Characters that steer the parser: case (ASCII, Kelvin sign, long s, Unicode), dots, colons, brackets, digits, hex, whitespace. */
const CHARS = ['a', 'A', 'k', 'K', 's', 'S', '\u212a', '\u017f', 'é', 'É', 'İ', 'x', 'f', 'F', '0', '1', '8', '9', '.', ':', '[', ']', '-', '=', '+', '\t', ' ', '\n', '\u00a0', '(', '|', '\\', '*'];
const core = fc.string({ unit: fc.constantFrom(...CHARS), minLength: 1, maxLength: 12 });
const ws = fc.string({ unit: fc.constantFrom('\t', ' ', '\r', '\n', '\v', '\f'), maxLength: 2 });
const port = fc.oneof(fc.constant(''), fc.stringMatching(/^:[0-9]{0,6}$/));

/** A Host header as a client may send it: the core, maybe bracketed, dotted, with a port, padded. */
const raw = fc
  .record({ core, bracket: fc.boolean(), dot: fc.constantFrom('', '.', '..'), port, before: ws, after: ws })
  .map(({ core, bracket, dot, port, before, after }) => `${before}${bracket ? `[${core}${dot}]` : `${core}${dot}`}${port}${after}`);

/** The same value with letters in another case, or decorated differently. */
function variant(value: string, flips: readonly boolean[]): string {
  return [...value].map((c, i) => (flips[i % Math.max(1, flips.length)] ? (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase()) : c)).join('');
}

describe('parseObservedHost', () => {
  it.each([
    ['httpbin.org', { host: 'httpbin.org', ip: false }],
    ['\t=1+1', { host: '=1+1', ip: false }],
    [' Example.COM.:8080\r\n', { host: 'example.com', port: 8080, ip: false }],
    ['h:0', { host: 'h', ip: false }],
    ['h:123456', { host: 'h:123456', ip: false }],
    ['x:80:80', { host: 'x:80', port: 80, ip: false }],
    ['[::1].', { host: '[::1]', ip: false }],
    ['\u00a0nbsp.test', { host: '\u00a0nbsp.test', ip: false }],
    ['\u212aELVIN.test', { host: '\u212aelvin.test', ip: false }],
    ['ÉTÉ.test', { host: 'ÉtÉ.test', ip: false }],
  ])('%j', (value, expected) => {
    expect(parseObservedHost(value)).toEqual(expected);
  });

  it('never reports "unknown", Istio\'s placeholder, in any spelling', () => {
    for (const v of ['unknown', 'UNKNOWN', ' unknown', 'unknown.', 'unknown:80', '\t', '', '.']) expect(parseObservedHost(v)).toBeNull();
  });

  it('never throws, and never reports a host with surrounding whitespace, upper-case ASCII or an empty name', () => {
    fc.assert(
      fc.property(fc.oneof(raw, fc.string({ unit: 'binary' })), (v) => {
        const h = parseObservedHost(v)?.host;
        if (h === undefined) return;
        expect(h).not.toBe('');
        expect(h).not.toMatch(/^[\t\n\v\f\r ]|[A-Z]/);
      }),
    );
  });
});

describe('observedHostPattern', () => {
  it('charts the raw values of a host: a tab-prefixed Host header, any ASCII case, a trailing dot, a port', () => {
    for (const v of ['\t=1+1', '=1+1', ' =1+1.:80 ']) expect(charted('=1+1', v), JSON.stringify(v)).toBe(true);
    for (const v of ['HTTPBIN.org', 'httpbin.org.', 'httpbin.org:8080', '\thttpbin.org\r\n']) expect(charted('httpbin.org', v), v).toBe(true);
    for (const v of ['[2001:DB8::1]:443', '2001:db8::1', ' [2001:db8::1.] ']) expect(charted('2001:db8::1', v), v).toBe(true);
  });

  it('charts nothing else: other hosts, other cases of non-ASCII, the Kelvin sign and long s, regex metacharacters', () => {
    for (const v of ['httpbinxorg', 'api.httpbin.org', 'httpbin.org:', 'httpbin.org:80x', 'httpbin.org.evil', 'httpbin.org..', '\u00a0httpbin.org']) expect(charted('httpbin.org', v), v).toBe(false);
    expect(charted('kiosk.test', 'KIOSK.test')).toBe(true);
    expect(charted('kiosk.test', '\u212aio\u017fk.test')).toBe(false);
    expect(charted('été.test', 'ÉTÉ.test')).toBe(false);
    expect(charted('x|y', 'x')).toBe(false);
    expect(charted('a.b*c', 'aXbbbc')).toBe(false);
    expect(charted('x:80', 'x:80')).toBe(false);
    expect(charted('x:80', 'X:80:80')).toBe(true);
  });

  it('keeps an ordinary host readable: one case-insensitive run per stretch without k or s', () => {
    expect(observedHostPattern('httpbin.org')).toBe('[\\t\\n\\v\\f\\r ]*(?i:httpbin\\.org)\\.?(?::[0-9]{1,5})?[\\t\\n\\v\\f\\r ]*');
    expect(observedHostPattern('api.stripe.com')).toContain('(?i:api\\.)[sS](?i:tripe\\.com)');
  });

  it('law: every raw value reported as a host is charted under that host', () => {
    fc.assert(
      fc.property(fc.oneof(raw, fc.string({ unit: 'binary', maxLength: 16 })), (v) => {
        const h = parseObservedHost(v)?.host;
        if (h !== undefined) expect(charted(h, v), `${JSON.stringify(v)} -> ${JSON.stringify(h)}`).toBe(true);
      }),
      { numRuns: Number(process.env.HOST_LAW_RUNS ?? 2000) },
    );
  });

  it('law: a chart selects a raw value only if it is reported as that host', () => {
    fc.assert(
      fc.property(raw, raw, fc.array(fc.boolean(), { minLength: 1, maxLength: 5 }), fc.boolean(), (v1, other, flips, related) => {
        const h = parseObservedHost(v1)?.host;
        if (h === undefined) return;
        // Related values (the same characters in other cases) are where mistakes hide; unrelated ones keep it honest.
        const v2 = related ? variant(v1, flips) : other;
        expect(charted(h, v2), `${JSON.stringify(v2)} under ${JSON.stringify(h)}`).toBe(parseObservedHost(v2)?.host === h);
      }),
      { numRuns: Number(process.env.HOST_LAW_RUNS ?? 3000) },
    );
  });

  it('law: the pattern of a host is as exact for decorations of it (whitespace, dots, ports, brackets)', () => {
    fc.assert(
      fc.property(core, fc.array(fc.record({ bracket: fc.boolean(), dot: fc.constantFrom('', '.', '..'), port, before: ws, after: ws }), { minLength: 2, maxLength: 2 }), (c, [d1, d2]) => {
        const make = (d: typeof d1) => `${d!.before}${d!.bracket ? `[${c}${d!.dot}]` : `${c}${d!.dot}`}${d!.port}${d!.after}`;
        const h = parseObservedHost(make(d1))?.host;
        if (h === undefined) return;
        const v2 = make(d2);
        expect(charted(h, v2), `${JSON.stringify(v2)} under ${JSON.stringify(h)}`).toBe(parseObservedHost(v2)?.host === h);
      }),
      { numRuns: Number(process.env.HOST_LAW_RUNS ?? 3000) },
    );
  });
});
