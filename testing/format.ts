/** Test helpers for the display formatters (lib/format.ts): read a shown figure back (unit and end-to-end tests only). */

const PREFIX: Readonly<Record<string, number>> = { '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };
const BINARY: Readonly<Record<string, number>> = { B: 1, KiB: 1024, MiB: 1024 ** 2, GiB: 1024 ** 3, TiB: 1024 ** 4, PiB: 1024 ** 5, EiB: 1024 ** 6 };

const DISPLAY_NUMBER = /^(-?)(\d+(?:\.\d+)?)(?:e([+-]\d+))?(k|M|G|T|P|E)?(?: (B|KiB|MiB|GiB|TiB|PiB|EiB)\/s)?(%)?$/;

/**
 * The number a formatted figure stands for, in the formatter's own unit:
 * "1.23k" -> 1230, "4.5 MiB/s" -> 4718592 (bytes/s), "5%" -> 0.05, "4.00e-5"
 * -> 0.00004. Throws on anything else, so a malformed figure fails the test
 * that reads it ("1000k" parses; whether it should is the test's business).
 */
export function parseDisplayNumber(text: string): number {
  const m = DISPLAY_NUMBER.exec(text);
  if (!m) throw new Error(`not a display number: ${JSON.stringify(text)}`);
  const [, sign = '', digits = '', exponent, prefix = '', unit, percent] = m;
  const value = Number(`${digits}${exponent === undefined ? '' : `e${exponent}`}`) * (PREFIX[prefix] ?? 1) * (unit === undefined ? 1 : (BINARY[unit] ?? 1));
  const scaled = percent === undefined ? value : value / 100;
  return sign === '-' ? -scaled : scaled;
}

/** The digits of a figure (no sign, point, exponent, prefix or unit): "1.20k" -> "120", "0.0123" -> "123". */
export function significantDigitsOf(text: string): string {
  const m = DISPLAY_NUMBER.exec(text);
  if (!m) throw new Error(`not a display number: ${JSON.stringify(text)}`);
  return (m[2] ?? '').replace('.', '').replace(/^0+/, '');
}
