/**
 * CSV for spreadsheets, RFC 4180 quoting. Label values are untrusted (Host
 * headers come from applications, and Envoy lets `,;=+-@` through), so a
 * text cell must not run as a formula (OWASP "CSV injection") in any
 * spreadsheet, whatever separator it splits on:
 *
 * - Neutralised: an apostrophe goes before a formula starter (`=`, `+`, `-`,
 *   `@`) at the start of the value or right after a separator a spreadsheet
 *   may split on (`,`, `;`, tab, `|`, CR, LF), double quotes in between
 *   skipped; and before a leading tab or CR. `x;=1+1` is written `x;'=1+1`,
 *   so a reader splitting on `;` gets the text `'=1+1`, never a formula.
 * - Quoted: a cell holding a separator, a double quote (doubled), an
 *   apostrophe, or leading or trailing white space.
 *
 * Numbers and booleans are written as they are (`-2` is a number, not a
 * formula). The JSON exports keep the exact values.
 */
const FORMULA_STARTERS = '=+-@';
const SEPARATORS = ',;\t|\r\n';
const NEEDS_QUOTES = /[",;\t|\r\n']/;

/** The text with an apostrophe before each formula starter that begins a cell for some separator (see above). */
export function neutraliseFormulas(text: string): string {
  let out = /^[\t\r]/.test(text) ? "'" : '';
  let cellStart = true;
  for (const c of text) {
    if (cellStart && FORMULA_STARTERS.includes(c)) out += "'";
    out += c;
    // A double quote keeps the cell start: `;"=1` opens a quoted "=1" for a reader splitting on `;`.
    if (SEPARATORS.includes(c)) cellStart = true;
    else if (c !== '"') cellStart = false;
  }
  return out;
}

/** One CSV cell: text neutralised and quoted as above, numbers and booleans as they are, null and NaN empty. */
export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : String(value);
  if (typeof value === 'string') text = neutraliseFormulas(text);
  return NEEDS_QUOTES.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A CSV document: a header row, then one row per record; CRLF line ends. */
export function toCsv(headers: readonly string[], rows: readonly (readonly (string | number | boolean | null | undefined)[])[]): string {
  return [headers, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
