'use client';

import { useId } from 'react';
import { displayText } from '@/lib/format';
import type { ValidationIssue } from '../api-types';
import { downloadText } from '../ui/download';

export interface YamlEditorProps {
  readonly value: string;
  readonly onChange: (yaml: string) => void;
  readonly errors: readonly ValidationIssue[];
  readonly warnings: readonly ValidationIssue[];
  readonly validating: boolean;
  readonly filename: string;
  /** Why Copy, Download and `kubectl apply` are withheld (shown beside them), or null when they are offered. */
  readonly disabledReason: string | null;
  /** Nothing may be generated yet (blocked attempts to acknowledge): no text is shown. */
  readonly locked: boolean;
  /** Conflict markers left in the text by "Apply my edits on top". */
  readonly conflicts: number;
}

function issueText(i: ValidationIssue): string {
  return displayText(`${i.kind}${i.name ? `/${i.name}` : ''} ${i.path}: ${i.message}`);
}

/** The generated YAML, editable; edits are re-validated and errors listed by field path. Copy, download, kubectl. */
export function YamlEditor({ value, onChange, errors, warnings, validating, filename, disabledReason, locked, conflicts }: YamlEditorProps) {
  const id = useId();
  const download = () => downloadText(value, 'application/yaml', filename);
  const disabled = disabledReason !== null;
  const button =
    'rounded border border-slate-300 px-2 py-0.5 text-xs enabled:hover:bg-slate-100 disabled:cursor-not-allowed disabled:opacity-50 dark:border-slate-700 dark:enabled:hover:bg-slate-800';
  return (
    <section aria-label="Generated resources" className="flex min-h-0 flex-col gap-2">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <label htmlFor={`${id}-yaml`} className="text-sm font-semibold">
          YAML
        </label>
        <div className="flex items-center gap-1">
          <button type="button" className={button} disabled={disabled} aria-describedby={`${id}-why`} onClick={() => void navigator.clipboard?.writeText(value)}>
            Copy
          </button>
          <button type="button" className={button} disabled={disabled} aria-describedby={`${id}-why`} onClick={download}>
            Download {filename}
          </button>
        </div>
      </div>
      <p id={`${id}-why`} data-testid="export-disabled-reason" className={disabled ? 'text-xs font-medium text-red-700 dark:text-red-300' : 'sr-only'}>
        {disabledReason ?? 'Ready to copy, download and apply.'}
      </p>
      {locked ? (
        <p className="rounded border border-dashed border-slate-400 p-6 text-center text-sm text-slate-600 dark:text-slate-400">No YAML is generated for a blocked destination until you acknowledge its attempts.</p>
      ) : (
        <>
          <textarea
            id={`${id}-yaml`}
            className="h-96 w-full resize-y rounded border border-slate-300 bg-white p-2 font-mono text-xs dark:border-slate-700 dark:bg-slate-900"
            spellCheck={false}
            value={value}
            aria-invalid={errors.length > 0}
            aria-describedby={`${id}-issues`}
            onChange={(e) => onChange(e.target.value)}
          />
          <div id={`${id}-issues`} aria-live="polite" className="text-xs">
            {conflicts > 0 && (
              <p className="mb-1 font-medium text-amber-800 dark:text-amber-300">
                {conflicts} place{conflicts === 1 ? '' : 's'} where your edits and the new generation differ {conflicts === 1 ? 'is' : 'are'} marked between &lt;&lt;&lt;&lt;&lt;&lt;&lt; and
                &gt;&gt;&gt;&gt;&gt;&gt;&gt;: keep one side and delete the markers.
              </p>
            )}
            {validating && <p className="text-slate-500">Validating…</p>}
            {!validating && errors.length === 0 && <p className="text-emerald-700 dark:text-emerald-400">Valid: the CRD schema and Istio&apos;s rules pass.</p>}
            {errors.length > 0 && (
              <ul aria-label="Validation errors" className="list-disc space-y-0.5 pl-5 text-red-700 dark:text-red-300">
                {errors.map((i) => (
                  <li key={issueText(i)}>{issueText(i)}</li>
                ))}
              </ul>
            )}
            {warnings.length > 0 && (
              <ul aria-label="Validation warnings" className="mt-1 list-disc space-y-0.5 pl-5 text-amber-800 dark:text-amber-300">
                {warnings.map((i) => (
                  <li key={issueText(i)}>{issueText(i)}</li>
                ))}
              </ul>
            )}
          </div>
        </>
      )}
      <p data-testid="kubectl-hint" aria-disabled={disabled} className={`text-xs ${disabled ? 'text-slate-400 dark:text-slate-600' : ''}`}>
        Apply after review: <code className="rounded bg-slate-100 px-1 dark:bg-slate-900">kubectl apply -f {filename}</code>, or commit it to your GitOps
        repository.
      </p>
    </section>
  );
}
