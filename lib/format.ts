/** Display formatting shared by the UI (pure, framework-free). */

/** SI prefixes, one per factor of 1000: 1e9 reads "1.00G", never "1000000M". */
const SI_PREFIXES = ['', 'k', 'M', 'G', 'T', 'P', 'E'] as const;

/**
 * |value| rounded once to `digits` significant digits: the digits as a
 * string ("720" for 720 at 3 digits) and the power of ten of the first one.
 * One rounding (toExponential), so 999.5 gives "100" and 3, never "999"
 * scaled down to "1000".
 */
function significantDigits(abs: number, digits: number): { digits: string; exponent: number } {
  const [mantissa = '0', exponent = '0'] = abs.toExponential(digits - 1).split('e');
  return { digits: mantissa.replace('.', ''), exponent: Number(exponent) };
}

/** The digits with the decimal point after `whole` of them: ("123", 1) -> "1.23", ("123", -1) -> "0.0123", ("12", 3) -> "120". */
function placePoint(digits: string, whole: number): string {
  if (whole <= 0) return `0.${'0'.repeat(-whole)}${digits}`;
  if (whole >= digits.length) return digits + '0'.repeat(whole - digits.length);
  return `${digits.slice(0, whole)}.${digits.slice(whole)}`;
}

/** Drops zeros after a decimal point ("1.50" -> "1.5", "1.00" -> "1"), never before one ("720" stays). */
function trimFraction(text: string): string {
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}

/** `digits` significant digits of a positive number in plain notation, or "4.00e-5" below 0.001. */
function formatSignificant(abs: number, digits: number, trim: boolean): string {
  const r = significantDigits(abs, digits);
  if (r.exponent < -3) return `${r.digits[0]}.${r.digits.slice(1)}e${r.exponent}`;
  const text = placePoint(r.digits, r.exponent + 1);
  return trim ? trimFraction(text) : text;
}

/**
 * A rate per second, a count or any plain figure, to three significant
 * digits: it parses back to within 0.5% of the value. Plain numbers drop
 * trailing decimal zeros (1.5, 720, 0.0123); from 1000 up a prefix (k, M, G,
 * T, P, E) keeps all three digits (1.23k, 2.50M, 1.00G); below 0.001 an
 * exponent (4.00e-5). The prefix is chosen after rounding: 999.5 -> "1.00k",
 * 999 999 -> "1.00M".
 */
export function formatRate(value: number | undefined): string {
  if (value === undefined) return '–';
  if (!Number.isFinite(value)) return String(value);
  if (value === 0) return '0';
  const sign = value < 0 ? '-' : '';
  const abs = Math.abs(value);
  const r = significantDigits(abs, 3);
  if (r.exponent < 3) return sign + formatSignificant(abs, 3, true);
  const tier = Math.floor(r.exponent / 3);
  const prefix = SI_PREFIXES[tier];
  if (prefix === undefined) return `${sign}${r.digits[0]}.${r.digits.slice(1)}e+${r.exponent}`;
  return `${sign}${placePoint(r.digits, r.exponent - 3 * tier + 1)}${prefix}`;
}

const BINARY_UNITS = ['B/s', 'KiB/s', 'MiB/s', 'GiB/s', 'TiB/s', 'PiB/s', 'EiB/s'] as const;

/**
 * Bytes per second with binary units, to at least two significant digits:
 * it parses back to within 5% of the value. Two significant digits below
 * 10 B/s (0.40 B/s), whole bytes up to 1023 B/s, one decimal from KiB/s up
 * (2.0 KiB/s, 1023.9 KiB/s). The unit is chosen after rounding (1023.96
 * KiB/s -> "1.0 MiB/s") and goes on to EiB/s.
 */
export function formatBytesRate(value: number | undefined): string {
  if (value === undefined) return '–';
  if (!Number.isFinite(value)) return String(value);
  if (value === 0) return '0 B/s';
  const sign = value < 0 ? '-' : '';
  const abs = Math.abs(value);
  if (abs < 10) return `${sign}${formatSignificant(abs, 2, false)} B/s`;
  if (Math.round(abs) < 1024) return `${sign}${Math.round(abs)} B/s`;
  for (let i = 1; ; i++) {
    // Dividing by a power of two is exact: one rounding, by toFixed.
    const text = (abs / 1024 ** i).toFixed(1);
    if (Number(text) < 1024 || i === BINARY_UNITS.length - 1) return `${sign}${text} ${BINARY_UNITS[i]}`;
  }
}

/**
 * A ratio as a percentage, to two significant digits and whole percents from
 * 10%: it parses back to within 5% of the value (0.05 -> "5%", 0.0004 ->
 * "0.04%", 0.333 -> "33%"). Only exactly 1 reads "100%": 0.996 -> "99.6%",
 * so "100% ready" is never a rounding.
 */
export function formatPercent(ratio: number): string {
  const p = ratio * 100;
  if (!Number.isFinite(p)) return `${p}%`;
  if (p === 0) return '0%';
  const sign = p < 0 ? '-' : '';
  const abs = Math.abs(p);
  if (abs < 10) return `${sign}${formatSignificant(abs, 2, true)}%`;
  if (abs >= 100 || Math.round(abs) < 100) return `${sign}${Math.round(abs)}%`;
  // Just under 100: as many decimals as it takes not to round up to 100.
  for (let d = 1; ; d++) {
    const text = abs.toFixed(d);
    if (Number(text) < 100 || d === 20) return `${sign}${text}%`;
  }
}

const SPAN_UNITS: readonly (readonly [string, number])[] = [['d', 86400], ['h', 3600], ['min', 60], ['s', 1]];

/** A length of time, exact to the second: 120 -> "2 min", 12600 -> "3 h 30 min", 122 -> "2 min 2 s". */
export function formatSpan(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '–';
  let rest = Math.round(seconds);
  if (rest === 0) return '0 s';
  const parts: string[] = [];
  for (const [unit, size] of SPAN_UNITS) {
    const n = Math.floor(rest / size);
    if (n > 0) parts.push(`${n} ${unit}`);
    rest -= n * size;
  }
  return parts.join(' ');
}

export interface TimestampOptions {
  /** IANA zone; default the browser's (or the server's) own. */
  readonly timeZone?: string;
  /** BCP 47 locale; default the browser's. */
  readonly locale?: string;
  /** Show the date (default true); false for a time of day only. */
  readonly date?: boolean;
  /** Show seconds (default true). */
  readonly seconds?: boolean;
}

const timestampFormats = new Map<string, Intl.DateTimeFormat>();

function timestampFormat(opts: TimestampOptions): Intl.DateTimeFormat {
  const key = JSON.stringify([opts.locale, opts.timeZone, opts.date ?? true, opts.seconds ?? true]);
  let format = timestampFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(opts.locale, {
      ...(opts.date === false ? {} : { year: 'numeric', month: 'short', day: 'numeric' }),
      hour: 'numeric',
      minute: '2-digit',
      ...(opts.seconds === false ? {} : { second: '2-digit' }),
      timeZoneName: 'short',
      ...(opts.timeZone ? { timeZone: opts.timeZone } : {}),
    });
    timestampFormats.set(key, format);
  }
  return format;
}

/**
 * A point in time as the UI shows it: the browser's locale and time zone,
 * with the zone's name ("Jan 5, 2026, 10:42:07 AM UTC", "5. Jan. 2026,
 * 11:42:07 MEZ"). Takes an ISO 8601 string, milliseconds since the epoch or a
 * Date; anything else (or an unknown locale or zone) never throws: "–" for
 * no valid time, the UTC ISO form for a bad locale or zone.
 */
export function formatTimestamp(value: string | number | Date | null | undefined, opts: TimestampOptions = {}): string {
  if (value === null || value === undefined) return '–';
  const ms = value instanceof Date ? value.getTime() : typeof value === 'number' ? value : Date.parse(value);
  if (!Number.isFinite(ms)) return '–';
  const date = new Date(ms);
  if (Number.isNaN(date.getTime())) return '–';
  try {
    return timestampFormat(opts).format(date);
  } catch {
    const iso = date.toISOString();
    return `${opts.date === false ? iso.slice(11, 19) : iso.slice(0, 19).replace('T', ' ')} UTC`;
  }
}

/**
 * Characters that are invisible or reorder the text around them: C1 controls,
 * bidi embeddings, overrides, isolates and marks ("Trojan Source",
 * CVE-2021-42574), zero-width and other invisible format characters, line and
 * paragraph separators, and tag characters ("ASCII smuggling"). Zero-width
 * (non-)joiners and variation selectors stay: emoji sequences need them.
 */
const INVISIBLE_CLASS =
  '\\u0080-\\u009f\\u00ad\\u034f\\u061c\\u115f\\u1160\\u17b4\\u17b5\\u180b-\\u180f\\u200b\\u200e\\u200f\\u2028-\\u202e\\u2060-\\u2064\\u2066-\\u206f\\u3164\\ufeff\\uffa0\\ufff9-\\ufffb\\u{e0000}-\\u{e007f}';
const INVISIBLE = new RegExp(`[${INVISIBLE_CLASS}]`, 'gu');
/** C0 controls and DEL. */
const CONTROL = /[\u0000-\u001f\u007f]/g;
const CONTROL_BUT_LF = /[\u0000-\u0009\u000b-\u001f\u007f]/g;
const SHORT_ESCAPES: Readonly<Record<string, string>> = { '\t': '\\t', '\n': '\\n', '\r': '\\r' };

export interface DisplayTextOptions {
  /** Keep line feeds (YAML, PromQL); every other control character is still escaped. */
  readonly multiline?: boolean;
}

/** `\u001b`, `\u202e`, `\u{e0041}`: the escape JSON and JavaScript would write. */
function escapeCodePoint(c: string): string {
  const cp = c.codePointAt(0) ?? 0;
  return cp > 0xffff ? `\\u{${cp.toString(16)}}` : `\\u${cp.toString(16).padStart(4, '0')}`;
}

/**
 * A label value (Host header, workload, response flag...) as the UI shows it:
 * never a raw control, bidi or invisible character. They are written as the
 * escapes of the JSON export (`\t`, `\r`, `\n`, `\u0007`, `\u001b`, and
 * `\u202e` for a right-to-left override), in plain ASCII: Unicode's Control
 * Pictures (␇, ␛) would be clearer, but Debian's default fonts (DejaVu) lack
 * them and browsers draw empty boxes. Lone surrogates become U+FFFD. Markup
 * needs nothing here: React renders text nodes. Exports and Copy keep the
 * exact value.
 */
export function displayText(value: string, opts: DisplayTextOptions = {}): string {
  return value
    .toWellFormed()
    .replace(opts.multiline ? CONTROL_BUT_LF : CONTROL, (c) => SHORT_ESCAPES[c] ?? escapeCodePoint(c))
    .replace(INVISIBLE, escapeCodePoint);
}

const graphemes = typeof Intl !== 'undefined' && 'Segmenter' in Intl ? new Intl.Segmenter('en', { granularity: 'grapheme' }) : undefined;

function splitGraphemes(text: string): string[] {
  return graphemes ? Array.from(graphemes.segment(text), (s) => s.segment) : Array.from(text);
}

/**
 * At most `max` user-perceived characters (grapheme clusters, so an emoji or
 * a surrogate pair is never cut): the start and the end joined by "…". Both
 * ends stay visible because the end of a host name is its registered domain:
 * cutting it off would let `bank.example.com.evil.test` pass for the bank.
 */
export function truncateMiddle(text: string, max: number): string {
  if (text.length <= max) return text;
  const parts = splitGraphemes(text);
  if (parts.length <= max) return text;
  const keep = Math.max(max - 1, 0);
  const head = Math.ceil(keep / 2);
  const tail = keep - head;
  return `${parts.slice(0, head).join('')}…${tail > 0 ? parts.slice(-tail).join('') : ''}`;
}

/** displayText(), then truncateMiddle(): a label for places with a fixed size (graph nodes, headings). */
export function displayLabel(value: string, max: number): string {
  return truncateMiddle(displayText(value), max);
}

const JSON_INVISIBLE = new RegExp(`[\\u007f${INVISIBLE_CLASS}]`, 'gu');

/**
 * A value inside a message (errors, notes, logs): a JSON string, so quotes
 * and markup stay inert and C0 controls are escaped, with DEL, C1, bidi and
 * invisible characters escaped too (`\u202e`), clipped to `max` characters.
 */
export function quoteValue(value: string, max: number): string {
  const clipped = value.length > max ? `${value.slice(0, max)}…` : value;
  return JSON.stringify(clipped.toWellFormed()).replace(JSON_INVISIBLE, (c) =>
    Array.from({ length: c.length }, (_, i) => `\\u${c.charCodeAt(i).toString(16).padStart(4, '0')}`).join(''),
  );
}
