'use client';

import type { ReactNode } from 'react';
import { downloadText } from '../ui/download';
import { CONTROL } from '../ui/page-controls';
import { TextFilter } from '../ui/text-filter';

/** The table's filter box. With `value` and `onCommit` its text lives in the URL (written after typing pauses); without, in the table (applied as typed). */
export interface TableFilter {
  readonly label: string;
  readonly placeholder: string;
  readonly value?: string;
  readonly onCommit?: (text: string) => void;
  /** Width class of the box. */
  readonly width?: string;
}

/** Exports of exactly the rows shown, in their order: `{name}.csv` and `{name}.json`. */
export interface TableExports<Row> {
  readonly name: string;
  readonly csv: (rows: readonly Row[]) => string;
  /** The JSON document (written with two-space indent). */
  readonly json: (rows: readonly Row[]) => unknown;
}

export interface TableToolbarProps<Row> {
  readonly filter: TableFilter;
  /** The filter's text now, and where typing goes. */
  readonly text: string;
  readonly onText: (text: string) => void;
  readonly controls?: ReactNode;
  /** "N of M rows"; empty while there is no data. */
  readonly count: string;
  readonly exports?: TableExports<Row>;
  /** The rows shown, in order; undefined while there is no data (exports disabled). */
  readonly shown?: () => readonly Row[];
}

/** Filter, extra controls, the row count (a live status) and the export buttons above a table. */
export function TableToolbar<Row>({ filter, text, onText, controls, count, exports, shown }: TableToolbarProps<Row>) {
  return (
    <div className="mb-3 flex flex-wrap items-center gap-x-4 gap-y-2">
      <TextFilter label={filter.label} value={text} placeholder={filter.placeholder} onCommit={onText} width={filter.width} delayMs={filter.onCommit ? undefined : 0} />
      {controls}
      <span role="status" className="text-slate-600 tabular-nums dark:text-slate-400">
        {count}
      </span>
      {exports && (
        <span className="ml-auto flex gap-1">
          <button type="button" className={CONTROL} disabled={!shown} onClick={() => shown && downloadText(exports.csv(shown()), 'text/csv', `${exports.name}.csv`)}>
            Export CSV
          </button>
          <button type="button" className={CONTROL} disabled={!shown} onClick={() => shown && downloadText(JSON.stringify(exports.json(shown()), null, 2), 'application/json', `${exports.name}.json`)}>
            Export JSON
          </button>
        </span>
      )}
    </div>
  );
}
