'use client';

import { useMemo } from 'react';
import { displayText } from '@/lib/format';
import { diffLines, type DiffLine } from '@/lib/promote/merge';

/** Unchanged lines shown around each change; longer unchanged runs are folded. */
const CONTEXT = 2;

export interface EditMergeProps {
  /** The approver's text. */
  readonly edit: string;
  /** The generation for the options as they are now. */
  readonly incoming: string;
  readonly onApplyMine: () => void;
  readonly onDiscardMine: () => void;
}

type Row = DiffLine | { readonly kind: 'folded'; readonly count: number };

function fold(lines: readonly DiffLine[]): Row[] {
  const rows: Row[] = [];
  for (let i = 0; i < lines.length; ) {
    if (lines[i]!.kind !== 'same') {
      rows.push(lines[i]!);
      i++;
      continue;
    }
    let end = i;
    while (end < lines.length && lines[end]!.kind === 'same') end++;
    const head = i === 0 ? 0 : CONTEXT;
    const tail = end === lines.length ? 0 : CONTEXT;
    if (end - i > head + tail + 1) {
      rows.push(...lines.slice(i, i + head), { kind: 'folded', count: end - i - head - tail }, ...lines.slice(end - tail, end));
    } else rows.push(...lines.slice(i, end));
    i = end;
  }
  return rows;
}

const STYLE: Record<Row['kind'], string> = {
  same: 'text-slate-600 dark:text-slate-400',
  removed: 'bg-sky-100 text-sky-900 dark:bg-sky-950 dark:text-sky-100',
  added: 'bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-100',
  folded: 'text-slate-400 italic',
};
const MARK: Record<Row['kind'], string> = { same: ' ', removed: '-', added: '+', folded: ' ' };

/** The approver's edit beside the new generation, and the explicit choice between them. */
export function EditMerge({ edit, incoming, onApplyMine, onDiscardMine }: EditMergeProps) {
  const rows = useMemo(() => fold(diffLines(edit, incoming)), [edit, incoming]);
  const button = 'rounded border px-2 py-0.5 text-xs font-medium';
  return (
    <section aria-label="Your edits and the new generation" className="rounded border-2 border-amber-500 bg-amber-50 p-2 text-xs dark:bg-amber-950">
      <p className="text-sm font-semibold">The options changed after you edited the YAML. Your edits are kept in the editor.</p>
      <p className="mt-0.5">
        <span className="bg-sky-100 px-1 font-mono text-sky-900 dark:bg-sky-950 dark:text-sky-100">-</span> lines are only in your text,{' '}
        <span className="bg-emerald-100 px-1 font-mono text-emerald-900 dark:bg-emerald-950 dark:text-emerald-100">+</span> lines only in the generation
        for the new options. Applying your edits on top keeps what you changed and takes the rest from the new generation; where both changed the same line,
        both are kept between conflict markers for you to resolve.
      </p>
      <div className="mt-2 flex gap-2">
        <button type="button" className={`${button} border-emerald-700 bg-emerald-700 text-white hover:bg-emerald-800`} onClick={onApplyMine}>
          Apply my edits on top
        </button>
        <button type="button" className={`${button} border-slate-400 bg-white text-slate-900 hover:bg-slate-100 dark:bg-slate-900 dark:text-slate-100`} onClick={onDiscardMine}>
          Discard my edits
        </button>
      </div>
      <pre aria-label="Difference" className="mt-2 max-h-72 overflow-auto rounded bg-white p-1 font-mono dark:bg-slate-900">
        {rows.map((r, i) => (
          <div key={i} className={STYLE[r.kind]}>
            {r.kind === 'folded' ? `  … ${r.count} unchanged line${r.count === 1 ? '' : 's'}` : `${MARK[r.kind]} ${displayText(r.text)}`}
          </div>
        ))}
      </pre>
    </section>
  );
}
