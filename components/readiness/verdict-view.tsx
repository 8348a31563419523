'use client';

import type { ReadinessVerdict, VerdictDetailKind, VerdictLine } from '@/lib/readiness/verdict';
import { LabelText } from '../ui/label-text';

const DETAIL_TONE: Readonly<Record<VerdictDetailKind, string>> = {
  'would-break': 'text-amber-800 dark:text-amber-300',
  unattributed: 'text-amber-800 dark:text-amber-300',
  'pod-ip': 'text-amber-800 dark:text-amber-300',
  'still-blocked': 'text-slate-700 dark:text-slate-300',
  'nothing-works': 'text-slate-700 dark:text-slate-300',
  'no-egress': 'text-slate-600 dark:text-slate-400',
  'in-mesh': 'text-slate-600 dark:text-slate-400',
  ambient: 'text-sky-800 dark:text-sky-300',
};

const HEADLINE_TONE: Readonly<Record<ReadinessVerdict['kind'], string>> = {
  ready: 'bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200',
  'not-ready': 'bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200',
  'no-egress': 'bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-300',
};

/** A verdict line: text, with label values from the metrics shown as such (escaped, isolated, cut in the middle). */
export function VerdictLineText({ line }: { readonly line: VerdictLine }) {
  return (
    <>
      {line.map((part, i) => (typeof part === 'string' ? <span key={i}>{part}</span> : <LabelText key={i} value={part.label} max={48} className="font-mono" />))}
    </>
  );
}

export interface VerdictHeadlineProps {
  readonly verdict: ReadinessVerdict;
  readonly testId: string;
}

/** The verdict in one line, coloured by kind. */
export function VerdictHeadline({ verdict, testId }: VerdictHeadlineProps) {
  return (
    <span className={`rounded px-1.5 py-0.5 text-sm font-medium ${HEADLINE_TONE[verdict.kind]}`} data-testid={testId} data-verdict={verdict.kind}>
      {verdict.headline}
    </span>
  );
}

/** The verdict's detail lines, one paragraph each. */
export function VerdictDetails({ verdict }: { readonly verdict: ReadinessVerdict }) {
  if (verdict.details.length === 0) return null;
  return (
    <ul className="mt-1 space-y-0.5 text-sm">
      {verdict.details.map((d) => (
        <li key={d.kind} className={DETAIL_TONE[d.kind]} data-detail={d.kind}>
          <VerdictLineText line={d.line} />
        </li>
      ))}
    </ul>
  );
}
