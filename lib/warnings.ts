/**
 * Warnings the backend attaches to successful answers (`warnings`/`infos` in
 * the API envelope): Thanos and Mimir say so when a store or ingester did not
 * answer and the data is partial. The API passes them on in every answer's
 * `warnings`, marked with BACKEND_WARNING_PREFIX so that the UI can tell them
 * from the app's own notes. Framework-free: the server and the browser share it.
 */
export const BACKEND_WARNING_PREFIX = 'Prometheus: ';

/** The backend's warnings of one or more answers, deduplicated and marked. */
export function backendWarnings(...answers: readonly { readonly warnings: readonly string[] }[]): string[] {
  return [...new Set(answers.flatMap((a) => a.warnings))].map((w) => `${BACKEND_WARNING_PREFIX}${w}`);
}

/** A warning as the UI shows it: the backend's say the data may be incomplete. */
export interface ShownWarning {
  readonly text: string;
  readonly fromBackend: boolean;
}

/** Backend warnings first ("Data may be incomplete: ..."), then the app's own notes, each once. */
export function presentWarnings(warnings: readonly string[] | undefined): ShownWarning[] {
  const unique = [...new Set(warnings ?? [])];
  const backend = unique.filter((w) => w.startsWith(BACKEND_WARNING_PREFIX));
  const own = unique.filter((w) => !w.startsWith(BACKEND_WARNING_PREFIX));
  return [
    ...backend.map((w) => ({ text: `Data may be incomplete: ${w.slice(BACKEND_WARNING_PREFIX.length)}`, fromBackend: true })),
    ...own.map((w) => ({ text: w, fromBackend: false })),
  ];
}
