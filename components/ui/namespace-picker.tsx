'use client';

import { displayText } from '@/lib/format';
import { CONTROL } from './page-controls';
import { LabelText } from './label-text';
import { useDismissibleDetails } from './use-dismiss';

export interface NamespacePickerProps {
  /** The namespaces chosen; empty = all. */
  readonly value: readonly string[];
  /** The namespaces to choose from (those the page's data has); chosen ones are always offered. */
  readonly options: readonly string[];
  readonly onChange: (namespaces: string[]) => void;
  /** Said in the list, e.g. that this page keeps the choice without filtering by it. */
  readonly note?: string;
  /** What is picked: source namespaces (the default) or, with several clusters, source clusters. */
  readonly noun?: 'namespaces' | 'clusters';
}

const NOUNS = {
  namespaces: { name: 'Namespaces', legend: 'Source namespaces', none: 'No namespaces in this window.' },
  clusters: { name: 'Clusters', legend: 'Source clusters', none: 'No clusters in this window.' },
} as const;

/** The source-namespace filter, the same on every page; the source-cluster filter is the same control. */
export function NamespacePicker({ value, options, onChange, note, noun = 'namespaces' }: NamespacePickerProps) {
  const words = NOUNS[noun];
  const menu = useDismissibleDetails({ outsideClick: true });
  const all = [...new Set([...options, ...value])].sort();
  const toggle = (ns: string) => {
    const set = new Set(value);
    if (set.has(ns)) set.delete(ns);
    else set.add(ns);
    onChange([...set].sort());
  };
  return (
    <details ref={menu} className="relative">
      <summary className={`${CONTROL} block max-w-[14rem] cursor-pointer list-none truncate`} aria-label={words.name}>
        {words.name}: {value.length === 0 ? 'all' : displayText(value.join(', '))}
      </summary>
      <fieldset className="absolute z-30 mt-1 max-h-72 w-max max-w-[calc(100vw-2rem)] min-w-48 overflow-auto rounded border border-slate-300 bg-white p-2 shadow dark:border-slate-700 dark:bg-slate-900">
        <legend className="sr-only">{words.legend}</legend>
        {note && <p className="mb-1 max-w-64 text-xs text-slate-600 dark:text-slate-400">{note}</p>}
        {all.length === 0 && <p className="text-xs text-slate-500">{words.none}</p>}
        {all.map((ns) => (
          <label key={ns} className="flex items-center gap-2 py-0.5">
            <input type="checkbox" checked={value.includes(ns)} onChange={() => toggle(ns)} />
            <LabelText value={ns} className="font-mono text-xs" />
          </label>
        ))}
        {value.length > 0 && (
          <button type="button" className="mt-1 text-xs underline" onClick={() => onChange([])}>
            Show all
          </button>
        )}
      </fieldset>
    </details>
  );
}
