/**
 * Splits PromQL into its string literals and the code around them, following
 * Prometheus' lexer (promql/parser/lex.go): "..." and '...' with Go escapes,
 * `...` raw, `#` to the end of the line a comment. The tests use it to prove
 * that a value from a request changes only the inside of a literal, never the
 * shape of a query.
 */

/** A query taken apart. */
export interface PromqlParts {
  /** The query with every literal replaced by `""` and comments removed: its shape. */
  readonly code: string;
  /** The literals' values, decoded, in order. */
  readonly literals: string[];
  /** Comments outside literals (generated PromQL has none). */
  readonly comments: string[];
}

/** Thrown for a literal Prometheus would refuse; the message says where and why. */
export class PromqlLexError extends Error {
  override readonly name = 'PromqlLexError';
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = { a: '\u0007', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\' };
const HEX = /^[0-9a-fA-F]+$/;
const OCTAL = /^[0-7]{3}$/;

/** Decodes one escape after a backslash at `at` (the index of the character after it); returns the value and the next index. */
function readEscape(query: string, at: number, quote: string): [string, number] {
  const ch = query[at];
  const fail = (why: string) => new PromqlLexError(`${why} at offset ${at} of ${JSON.stringify(query.slice(0, 200))}`);
  if (ch === undefined) throw fail('escape sequence not terminated');
  if (ch === quote) return [quote, at + 1];
  const simple = SIMPLE_ESCAPES[ch];
  if (simple !== undefined) return [simple, at + 1];
  if (ch >= '0' && ch <= '7') {
    const digits = query.slice(at, at + 3);
    if (!OCTAL.test(digits) || parseInt(digits, 8) > 255) throw fail('invalid octal escape');
    return [String.fromCharCode(parseInt(digits, 8)), at + 3];
  }
  const width = ch === 'x' ? 2 : ch === 'u' ? 4 : ch === 'U' ? 8 : 0;
  if (width === 0) throw fail(`unknown escape sequence \\${ch}`);
  const digits = query.slice(at + 1, at + 1 + width);
  if (digits.length !== width || !HEX.test(digits)) throw fail(`invalid \\${ch} escape`);
  const code = parseInt(digits, 16);
  if (code > 0x10ffff || (code >= 0xd800 && code < 0xe000)) throw fail('escape sequence is an invalid Unicode code point');
  return [ch === 'x' ? String.fromCharCode(code) : String.fromCodePoint(code), at + 1 + width];
}

/** Reads the literal opened at `start`; returns its value and the index after the closing quote. */
function readLiteral(query: string, start: number): [string, number] {
  const quote = query[start] as string;
  let value = '';
  let i = start + 1;
  for (;;) {
    const ch = query[i];
    if (ch === undefined) throw new PromqlLexError(`unterminated quoted string at offset ${start}`);
    if (ch === '\ufffd') throw new PromqlLexError(`invalid UTF-8 rune (a raw U+FFFD) at offset ${i}`);
    if (ch === quote) return [value, i + 1];
    if (quote !== '`' && ch === '\n') throw new PromqlLexError(`unterminated quoted string (a raw newline) at offset ${i}`);
    if (quote !== '`' && ch === '\\') {
      const [decoded, next] = readEscape(query, i + 1, quote);
      value += decoded;
      i = next;
      continue;
    }
    const cp = query.codePointAt(i) as number;
    value += String.fromCodePoint(cp);
    i += cp > 0xffff ? 2 : 1;
  }
}

/** Splits a query into shape, literals and comments; throws PromqlLexError on a literal Prometheus would refuse. */
export function splitPromql(query: string): PromqlParts {
  let code = '';
  const literals: string[] = [];
  const comments: string[] = [];
  let i = 0;
  while (i < query.length) {
    const ch = query[i] as string;
    if (ch === '"' || ch === "'" || ch === '`') {
      const [value, next] = readLiteral(query, i);
      literals.push(value);
      code += '""';
      i = next;
    } else if (ch === '#') {
      const end = query.indexOf('\n', i);
      comments.push(query.slice(i, end < 0 ? query.length : end));
      i = end < 0 ? query.length : end;
    } else {
      code += ch;
      i++;
    }
  }
  return { code, literals, comments };
}
