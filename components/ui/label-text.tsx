'use client';

import { useState } from 'react';
import { displayLabel, displayText } from '@/lib/format';

export interface LabelTextProps {
  /** A label value from the metrics (host, workload, namespace, response code or flag), exactly as received. */
  readonly value: string;
  /** Classes of the isolating element, e.g. `block max-w-md truncate` for a cell that ellipsizes. */
  readonly className?: string;
  /** Cut to this many characters in the middle (headings, titles); by default the whole value, for CSS to truncate. */
  readonly max?: number;
  /** The whole value (control characters made visible) on hover; default true. */
  readonly title?: boolean;
}

/**
 * A label value as text, the one way the UI shows one: a text node (markup is
 * never interpreted), control characters and bidi or
 * invisible characters as escapes such as `\u202e` (displayText), inside a <bdi> so that
 * right-to-left text cannot reorder what surrounds it.
 */
export function LabelText({ value, className, max, title = true }: LabelTextProps) {
  const full = displayText(value);
  return (
    <bdi className={className} title={title ? full : undefined}>
      {max === undefined ? full : displayLabel(value, max)}
    </bdi>
  );
}

export interface FullValueProps {
  readonly value: string;
  /** What the value is, e.g. "Host". */
  readonly label: string;
}

/**
 * The whole of a long or unusual value, scrollable, with Copy (which copies
 * the exact value, control characters included): where a heading or a cell
 * can only show part of it.
 */
export function FullValue({ value, label }: FullValueProps) {
  const [copied, setCopied] = useState(false);
  const shown = displayText(value);
  const altered = shown !== value;
  return (
    <section aria-label={`Full ${label.toLowerCase()}`} className="mt-2 text-xs">
      <div className="flex items-center justify-between gap-2">
        <span className="text-slate-500">
          {label}: {Array.from(value).length.toLocaleString('en')} characters{altered ? ', control and invisible characters shown as escapes (\\u…)' : ''}
        </span>
        <button
          type="button"
          className="rounded border border-slate-300 px-1.5 py-0.5 hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800"
          onClick={() => void navigator.clipboard?.writeText(value).then(() => setCopied(true))}
        >
          {copied ? 'Copied' : `Copy exact ${label.toLowerCase()}`}
        </button>
      </div>
      <bdi className="mt-1 block max-h-32 overflow-auto rounded bg-slate-100 p-1 font-mono break-all whitespace-pre-wrap dark:bg-slate-900" data-testid="full-value">
        {shown}
      </bdi>
    </section>
  );
}
