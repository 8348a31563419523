import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareSortValues, filterTerms, shownRows, timeValue, toggleSort, type SortDirection, type SortValue, type TableColumn } from './data-table-model';

interface Row {
  readonly id: string;
  readonly value: SortValue;
  readonly text: string;
}

const COLUMNS: readonly TableColumn<Row>[] = [
  { id: 'value', label: 'Value', sortValue: (r) => r.value, cell: (r) => String(r.value) },
  { id: 'text', label: 'Text', sortValue: (r) => r.text, cell: (r) => r.text },
  { id: 'plain', label: 'Plain', cell: () => '' },
];

const shown = (rows: readonly Row[], column: string, direction: SortDirection, filters: readonly string[] = []) =>
  shownRows({ rows, columns: COLUMNS, rowKey: (r) => r.id, searchText: (r) => r.text, sort: { column, direction }, filters });

// Few distinct values, so ties are common; numbers, text, missing and NaN mixed.
const valueArb: fc.Arbitrary<SortValue> = fc.oneof(fc.constantFrom(undefined, Number.NaN, 0, -1, 2.5), fc.integer({ min: -3, max: 3 }), fc.constantFrom('a', 'B', 'b', 'a10', 'a9'));
const rowsArb = fc
  .array(fc.record({ value: valueArb, text: fc.string({ maxLength: 8 }) }), { maxLength: 30 })
  .map((rows) => rows.map((r, i): Row => ({ ...r, id: `r${i}` })));
const present = (v: SortValue) => v !== undefined && !Number.isNaN(v);

describe('the table model (TanStack Table)', () => {
  it('sorts as a stable permutation of the filtered rows: ordered values, ties in the given order, missing values last both ways', () => {
    fc.assert(
      fc.property(rowsArb, fc.constantFrom<SortDirection>('ascending', 'descending'), fc.string({ maxLength: 2 }), (rows, direction, query) => {
        const filtered = shown(rows, 'plain', 'ascending', [query]);
        const sorted = shown(rows, 'value', direction, [query]);
        expect([...sorted].sort((a, b) => a.id.localeCompare(b.id))).toEqual([...filtered].sort((a, b) => a.id.localeCompare(b.id)));
        const sign = direction === 'ascending' ? 1 : -1;
        const index = (r: Row) => rows.indexOf(r);
        for (let i = 1; i < sorted.length; i++) {
          const a = sorted[i - 1]!;
          const b = sorted[i]!;
          if (!present(a.value) || !present(b.value)) {
            // Missing only after missing; among missing, the given order.
            expect(present(a.value) || !present(b.value)).toBe(true);
            if (!present(a.value)) expect(index(a)).toBeLessThan(index(b));
            continue;
          }
          const c = sign * compareSortValues(a.value!, b.value!);
          expect(c).toBeLessThanOrEqual(0);
          if (c === 0) expect(index(a)).toBeLessThan(index(b));
        }
      }),
    );
  });

  it('keeps exactly the rows whose text holds every word of every filter, in any case, in their order', () => {
    fc.assert(
      fc.property(rowsArb, fc.array(fc.string({ maxLength: 3 }), { maxLength: 3 }), (rows, filters) => {
        const words = filterTerms(...filters);
        const expected = rows.filter((r) => words.every((w) => r.text.toLowerCase().includes(w)));
        expect(shown(rows, 'plain', 'ascending', filters)).toEqual(expected);
      }),
    );
  });

  it('never drops a row that contains the filter text', () => {
    fc.assert(
      fc.property(rowsArb, fc.nat(), fc.nat(), fc.nat(), (rows, pick, from, length) => {
        fc.pre(rows.length > 0);
        const row = rows[pick % rows.length]!;
        const start = from % (row.text.length + 1);
        const query = row.text.slice(start, start + (length % 4)).toUpperCase();
        expect(shown(rows, 'value', 'descending', [query])).toContain(row);
      }),
    );
  });

  it('compares text case-insensitively with numbers in it read as numbers, and numbers before text', () => {
    const rows = ['a10', 'B', 'a9', 'b', 3, 'A'].map((value, i): Row => ({ id: `r${i}`, value, text: '' }));
    expect(shown(rows, 'value', 'ascending').map((r) => r.value)).toEqual([3, 'A', 'a9', 'a10', 'B', 'b']);
  });

  it('ignores a sort by a column that does not sort or does not exist: the rows keep their order', () => {
    const rows = [3, 1, 2].map((value, i): Row => ({ id: `r${i}`, value, text: '' }));
    expect(shown(rows, 'plain', 'descending').map((r) => r.value)).toEqual([3, 1, 2]);
    expect(shown(rows, 'no-such-column', 'descending').map((r) => r.value)).toEqual([3, 1, 2]);
  });

  it('starts a column in its first direction, then flips it', () => {
    const first = toggleSort({ column: 'text', direction: 'ascending' }, { ...COLUMNS[0]!, firstDirection: 'descending' });
    expect(first).toEqual({ column: 'value', direction: 'descending' });
    expect(toggleSort(first, COLUMNS[0]!)).toEqual({ column: 'value', direction: 'ascending' });
    expect(toggleSort(first, COLUMNS[1]!)).toEqual({ column: 'text', direction: 'ascending' });
  });

  it('sorts times by instant, missing or unreadable ones last', () => {
    expect(timeValue('2026-12-07T18:24:45Z')).toBe(Date.UTC(2026, 11, 7, 18, 24, 45));
    expect(timeValue('2026-12-07T19:24:45+01:00')).toBe(timeValue('2026-12-07T18:24:45Z'));
    expect(timeValue(undefined)).toBeUndefined();
    expect(timeValue('soon')).toBeNaN();
  });
});
