'use client';

import Link from 'next/link';
import { useId, type ReactNode } from 'react';
import { SignedInAs } from './identity';

export const CONTROL = 'rounded border border-slate-300 bg-white px-1.5 py-0.5 text-sm dark:border-slate-700 dark:bg-slate-900';

export interface PageHeaderProps {
  readonly title: ReactNode;
  readonly description?: ReactNode;
  /** Extra controls beside the back link. */
  readonly children?: ReactNode;
}

/** Title, one-line description and the way back to the graph, as every secondary page has them. */
export function PageHeader({ title, description, children }: PageHeaderProps) {
  return (
    <header className="mb-4 flex flex-wrap items-baseline justify-between gap-2">
      <div>
        <h1 className="text-lg font-semibold">{title}</h1>
        {description && <p className="text-sm text-slate-600 dark:text-slate-400">{description}</p>}
      </div>
      <span className="flex items-center gap-3 text-sm">
        <SignedInAs />
        {children}
        <Link href="/" className="underline">
          Back to the graph
        </Link>
      </span>
    </header>
  );
}

/** The time range of a page from its URL: `window` (one of `windows`) and an optional fixed `end`. */
export function readRange<W extends string>(params: URLSearchParams, windows: readonly W[], fallback: W): { window: W; end: string | null; query: string } {
  const window = windows.find((w) => w === params.get('window')) ?? fallback;
  const rawEnd = params.get('end');
  const end = rawEnd !== null && /^\d{1,12}$/.test(rawEnd) ? rawEnd : null;
  return { window, end, query: new URLSearchParams({ window, ...(end ? { end } : {}) }).toString() };
}

export interface WindowSelectProps {
  readonly value: string;
  readonly options: readonly string[];
  readonly onChange: (window: string) => void;
}

/** The "Window" select. */
export function WindowSelect({ value, options, onChange }: WindowSelectProps) {
  const id = useId();
  return (
    <span className="flex items-center gap-1">
      <label htmlFor={id}>Window</label>
      <select id={id} className={CONTROL} value={value} onChange={(e) => onChange(e.target.value)}>
        {options.map((w) => (
          <option key={w}>{w}</option>
        ))}
      </select>
    </span>
  );
}

export interface FilterInputProps {
  readonly value: string;
  readonly placeholder: string;
  readonly onChange: (text: string) => void;
}

/** The "Filter" search box. */
export function FilterInput({ value, placeholder, onChange }: FilterInputProps) {
  const id = useId();
  return (
    <span className="flex items-center gap-1">
      <label htmlFor={id}>Filter</label>
      <input id={id} type="search" className={`${CONTROL} w-60`} value={value} placeholder={placeholder} onChange={(e) => onChange(e.target.value)} />
    </span>
  );
}
