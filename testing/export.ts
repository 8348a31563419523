/** Test helpers for exports: an RFC 4180 CSV reader (unit and end-to-end tests only). */

/**
 * Parses RFC 4180 CSV: fields separated by commas, records by CRLF (a lone
 * LF or CR also ends a record outside quotes), fields in double quotes may
 * hold commas, quotes (doubled) and line breaks. Strict: a quote inside an
 * unquoted field, or text after a closing quote, is an error, so a broken
 * export cannot pass for a good one. A final line break ends the last record.
 */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let i = 0;
  const endField = () => {
    record.push(field);
    field = '';
  };
  const endRecord = () => {
    endField();
    records.push(record);
    record = [];
  };
  while (i < text.length) {
    const c = text[i];
    if (c === '"' && field === '') {
      // A quoted field: up to the closing quote, "" is a quote.
      i++;
      for (;;) {
        if (i >= text.length) throw new Error('CSV: unterminated quoted field');
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        field += text[i];
        i++;
      }
      const next = text[i];
      if (next !== undefined && next !== ',' && next !== '\r' && next !== '\n') throw new Error(`CSV: text after a closing quote at ${i}`);
      continue;
    }
    if (c === ',') endField();
    else if (c === '\r' || c === '\n') {
      endRecord();
      if (c === '\r' && text[i + 1] === '\n') i++;
    } else if (c === '"') throw new Error(`CSV: quote inside an unquoted field at ${i}`);
    else field += c;
    i++;
  }
  if (field !== '' || record.length > 0) endRecord();
  return records;
}

/**
 * What a formula-safe CSV must hold for a text value, written apart from
 * lib/export/csv.ts: an apostrophe before a leading tab or CR, and before
 * each of `= + - @` that starts the value or follows one of `, ; tab | CR LF`
 * (double quotes in between skipped), i.e. wherever a spreadsheet splitting
 * on any of those separators would start a cell (OWASP "CSV injection").
 */
export function expectedCsvText(value: string): string {
  const lead = /^[\t\r]/.test(value) ? "'" : '';
  return lead + value.replace(/(^|[,;\t|\r\n])("*)([=+\-@])/g, "$1$2'$3");
}

/** The fields a spreadsheet would see if it split the raw CSV text on `,`, `;`, tab, `|` or a line break, ignoring quotes (leading double quotes dropped). */
export function naiveFields(csv: string): string[] {
  return csv.split(/[,;\t|\r\n]/).map((f) => f.replace(/^"+/, ''));
}
