/**
 * The YAML of a review as the approver edits it, across regenerations: an
 * edit is never dropped without an explicit choice. When the options change
 * after an edit, the new generation waits beside the edit until the approver
 * applies the edit on top of it, or discards the edit.
 */
import { mergeEdits } from './merge';

export interface EditState {
  /** The generation the text started from. */
  readonly baseline: string;
  /** What the editor shows. */
  readonly text: string;
  /** A newer generation, held back because the text was edited. */
  readonly incoming: string | null;
  /** Conflicts marked in the text by the last "apply my edits on top". */
  readonly conflicts: number;
}

export const NO_EDITS: EditState = { baseline: '', text: '', incoming: null, conflicts: 0 };

export type EditAction =
  | { readonly type: 'generated'; readonly yaml: string }
  | { readonly type: 'edit'; readonly text: string }
  | { readonly type: 'apply-mine' }
  | { readonly type: 'discard-mine' };

/** Whether the text differs from the generation it started from. */
export function isEdited(s: EditState): boolean {
  return s.text !== s.baseline;
}

/** The next state of the editor. */
export function reduceEdits(s: EditState, action: EditAction): EditState {
  switch (action.type) {
    case 'generated':
      // Nothing generated (e.g. waiting for an acknowledgement): keep everything as it is.
      if (action.yaml === '') return s;
      if (!isEdited(s)) return { baseline: action.yaml, text: action.yaml, incoming: null, conflicts: 0 };
      return { ...s, incoming: action.yaml === s.baseline ? null : action.yaml };
    case 'edit':
      return { ...s, text: action.text };
    case 'apply-mine': {
      if (s.incoming === null) return s;
      const merged = mergeEdits(s.baseline, s.text, s.incoming);
      return { baseline: s.incoming, text: merged.text, incoming: null, conflicts: merged.conflicts };
    }
    case 'discard-mine':
      return s.incoming === null ? s : { baseline: s.incoming, text: s.incoming, incoming: null, conflicts: 0 };
  }
}

export interface ExportState {
  /** Blocked attempts are waiting for the approver's acknowledgement. */
  readonly acknowledgementPending: boolean;
  readonly edits: EditState;
  /** Errors of the current text; null while it is being validated. */
  readonly errors: number | null;
}

/** Why Copy, Download and `kubectl apply` are not offered for the current text, or null when they are. */
export function exportBlockedReason(s: ExportState): string | null {
  if (s.acknowledgementPending) return 'Acknowledge the blocked attempts above first: no YAML is generated until then.';
  if (s.edits.text === '') return 'Nothing generated yet.';
  if (s.edits.incoming !== null) return 'The options changed after your edits: apply your edits on top of the new generation, or discard them, first.';
  if (s.errors === null) return 'Checking your edits against the schema…';
  if (s.errors > 0) return `Validation fails (${s.errors} error${s.errors === 1 ? '' : 's'}): fix the YAML first.`;
  return null;
}
