import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from './csv';
import { expectedCsvText, naiveFields, parseCsv } from '../../testing/export';

describe('csvCell', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['line\nbreak', '"line\nbreak"'],
    ['=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
    ['+1', `"'+1"`],
    ['-2', `"'-2"`],
    ['@SUM(A1)', `"'@SUM(A1)"`],
    ['<img src=x onerror=alert(1)>.evil.test', '<img src=x onerror=alert(1)>.evil.test'],
    // A formula after a separator some spreadsheet splits on (semicolon locales, tab, pipe, a line break).
    ['x;=1+1', `"x;'=1+1"`],
    ['y\t=2+2', `"y\t'=2+2"`],
    ['a|@SUM(A1)', `"a|'@SUM(A1)"`],
    ['a,-1+1', `"a,'-1+1"`],
    ['line\n+1', `"line\n'+1"`],
    ['b;"=1', `"b;""'=1"`],
    ['"=1', `"""'=1"`],
    ['\t=1', `"'\t'=1"`],
    // Separators alone: quoted, nothing added.
    ['p;q', '"p;q"'],
    ['tab\there', '"tab\there"'],
    ['a|b', '"a|b"'],
    ['1-2=3', '1-2=3'],
  ])('%j -> %s', (value, cell) => expect(csvCell(value)).toBe(cell));

  it('keeps numbers as numbers, negative ones included', () => {
    expect(csvCell(-2)).toBe('-2');
    expect(csvCell(0.5)).toBe('0.5');
    expect(csvCell(Number.NaN)).toBe('');
    expect(csvCell(null)).toBe('');
  });
});

describe('toCsv', () => {
  it('writes a header and rows with CRLF', () => {
    expect(toCsv(['a', 'b'], [[1, 'x'], [2, 'y,z']])).toBe('a,b\r\n1,x\r\n2,"y,z"\r\n');
  });
});

/** Text with the characters that matter here (separators, quotes, formula starters, white space) much more often than by chance. */
const cellText = fc.string({
  unit: fc.oneof(fc.constantFrom(...',;\t|\r\n"\'=+-@ '.split('')), fc.string({ minLength: 1, maxLength: 1 }), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 })),
  maxLength: 24,
});

/** Whether `shown` is `value` with apostrophes inserted and nothing else changed. */
function onlyApostrophesAdded(shown: string, value: string): boolean {
  let j = 0;
  for (let i = 0; i < shown.length; i++) {
    const c = shown[i];
    if (j < value.length && c === value[j]) j++;
    else if (c !== "'") return false;
  }
  return j === value.length;
}

describe('toCsv, any text (properties)', () => {
  it('reads back with an RFC 4180 parser: the value, only apostrophes added, exactly where the rule says', () => {
    fc.assert(
      fc.property(fc.array(fc.array(cellText, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 4 }), (rows) => {
        const width = Math.max(...rows.map((r) => r.length));
        const padded = rows.map((r) => [...r, ...new Array<string>(width - r.length).fill('')]);
        const records = parseCsv(toCsv(padded[0] ?? [], padded.slice(1)));
        expect(records).toEqual(padded.map((r) => r.map(expectedCsvText)));
        padded.forEach((r, i) => r.forEach((v, k) => expect(onlyApostrophesAdded(records[i]?.[k] ?? '', v), JSON.stringify(v)).toBe(true)));
      }),
    );
  });

  it('gives a spreadsheet splitting on , ; tab | or a line break (quotes ignored) no field that starts a formula', () => {
    fc.assert(
      fc.property(fc.array(cellText, { minLength: 1, maxLength: 6 }), (cells) => {
        for (const field of naiveFields(toCsv(['host', 'note'], [cells]))) expect(field, JSON.stringify(cells)).not.toMatch(/^[=+\-@]/);
      }),
    );
  });
});

describe('toCsv read back with an RFC 4180 parser', () => {
  const hostile = [
    '<img src=x onerror=alert(1)>.evil.test',
    `"double"-'single'-\`back\`-\${x}.evil.test`,
    'tab\there-bel\u0007-esc\u001b[31mred\u001b[0m-del\u007f-nel\u0085.evil.test',
    'crlf\r\nx-injected: 1.evil.test',
    'invoice-\u202egnp.exe-😀-👩‍💻-𝕏-שלום.evil.test',
    '=hyperlink("http://x")',
    '+1',
    '-1+1',
    '@sum(1)',
    '\tleading-tab',
    '\rleading-cr',
    ' =leading-space',
    'a,b;c',
    'x;=1+1',
    'y\t=2+2',
    'z|@sum(1);-2,+3\r\n=4',
    `${'x'.repeat(10_000)}.evil.test`,
  ];

  it('gives back every hostile value, formula starters behind an apostrophe', () => {
    const csv = toCsv(['host', 'n'], hostile.map((h, i) => [h, i]));
    const records = parseCsv(csv);
    expect(records).toHaveLength(hostile.length + 1);
    expect(records[0]).toEqual(['host', 'n']);
    hostile.forEach((h, i) => expect(records[i + 1]).toEqual([expectedCsvText(h), String(i)]));
    // No cell a spreadsheet would evaluate.
    for (const r of records) for (const cell of r) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    // Nor when it splits on another separator than the comma (the numbers of the second column aside).
    for (const field of naiveFields(csv)) if (!/^\d+$/.test(field)) expect(field).not.toMatch(/^[=+\-@]/);
  });

  it('parses quoting edge cases and refuses broken CSV', () => {
    expect(parseCsv('a,"b,c","d""e",\r\n"x\r\ny",z\r\n')).toEqual([['a', 'b,c', 'd"e', ''], ['x\r\ny', 'z']]);
    expect(parseCsv('a,b')).toEqual([['a', 'b']]);
    expect(() => parseCsv('"a"b')).toThrow(/after a closing quote/);
    expect(() => parseCsv('a"b')).toThrow(/quote inside/);
    expect(() => parseCsv('"open')).toThrow(/unterminated/);
  });
});
