/** Display formatting shared by the UI (pure, framework-free). */

/** A rate per second with a sensible number of digits: 0.0123 -> "0.012", 1234 -> "1.23k". */
export function formatRate(value: number | undefined): string {
  if (value === undefined) return '–';
  if (!Number.isFinite(value)) return String(value);
  if (value === 0) return '0';
  const abs = Math.abs(value);
  if (abs >= 1e6) return `${(value / 1e6).toPrecision(3)}M`;
  if (abs >= 1e3) return `${(value / 1e3).toPrecision(3)}k`;
  if (abs >= 1) return value.toPrecision(3).replace(/\.?0+$/, '');
  if (abs >= 0.001) return value.toFixed(3).replace(/0+$/, '');
  return value.toExponential(1);
}

/** Bytes per second with binary units. */
export function formatBytesRate(value: number | undefined): string {
  if (value === undefined) return '–';
  const units = ['B/s', 'KiB/s', 'MiB/s', 'GiB/s'];
  let v = value;
  let i = 0;
  while (Math.abs(v) >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${i === 0 ? Math.round(v) : v.toFixed(1)} ${units[i]}`;
}

/** A ratio as a percentage: 0.05 -> "5%", 0.0004 -> "0.04%". */
export function formatPercent(ratio: number): string {
  const p = ratio * 100;
  if (p === 0) return '0%';
  if (p < 0.1) return `${p.toPrecision(1)}%`;
  if (p < 10) return `${p.toFixed(1).replace(/\.0$/, '')}%`;
  return `${Math.round(p)}%`;
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
