import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from './csv';
import { expectedCsvText, parseCsv } from './testing';

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
  });

  it('parses quoting edge cases and refuses broken CSV', () => {
    expect(parseCsv('a,"b,c","d""e",\r\n"x\r\ny",z\r\n')).toEqual([['a', 'b,c', 'd"e', ''], ['x\r\ny', 'z']]);
    expect(parseCsv('a,b')).toEqual([['a', 'b']]);
    expect(() => parseCsv('"a"b')).toThrow(/after a closing quote/);
    expect(() => parseCsv('a"b')).toThrow(/quote inside/);
    expect(() => parseCsv('"open')).toThrow(/unterminated/);
  });
});
