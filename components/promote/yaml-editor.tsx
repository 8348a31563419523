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
}

function issueText(i: ValidationIssue): string {
  return displayText(`${i.kind}${i.name ? `/${i.name}` : ''} ${i.path}: ${i.message}`);
}

/** The generated YAML, editable; edits are re-validated and errors listed by field path. Copy, download, kubectl. */
export function YamlEditor({ value, onChange, errors, warnings, validating, filename }: YamlEditorProps) {
  const id = useId();
  const download = () => downloadText(value, 'application/yaml', filename);
  const button = 'rounded border border-slate-300 px-2 py-0.5 text-xs hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800';
  return (
    <section aria-label="Generated resources" className="flex min-h-0 flex-col gap-2">
      <div className="flex items-center justify-between">
        <label htmlFor={`${id}-yaml`} className="text-sm font-semibold">
          YAML
        </label>
        <div className="flex gap-1">
          <button type="button" className={button} onClick={() => void navigator.clipboard?.writeText(value)}>
            Copy
          </button>
          <button type="button" className={button} onClick={download}>
            Download {filename}
          </button>
        </div>
      </div>
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
      <p className="text-xs">
        Apply after review: <code className="rounded bg-slate-100 px-1 dark:bg-slate-900">kubectl apply -f {filename}</code>, or commit it to your GitOps
        repository.
      </p>
    </section>
  );
}
