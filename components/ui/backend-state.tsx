import { failureHeadline, failureHint, NETWORK_FAILURE } from '@/lib/api/failure-text';
import { displayText, formatTimestamp } from '@/lib/format';
import { presentWarnings } from '@/lib/warnings';
import { ApiRequestError, ERROR_RETRY_MS } from '../queries';

const LAYOUT = {
  /** A full-width strip under a toolbar (the graph page). */
  strip: 'border-b px-4 py-2',
  /** A box in a page's flow (the secondary pages). */
  box: 'mb-3 rounded border p-3',
} as const;

export interface BackendErrorProps {
  readonly error: Error;
  /** When the data still on screen was fetched, if some is kept. */
  readonly keptSince?: number;
  readonly layout?: keyof typeof LAYOUT;
}

/**
 * A failed /api/* call, the same on every page: what failed, the message
 * (Prometheus's own words where it gave some, always as text), what to
 * check, what is still on screen, and that it retries by itself.
 */
export function BackendError({ error, keptSince, layout = 'box' }: BackendErrorProps) {
  const code = error instanceof ApiRequestError ? error.code : NETWORK_FAILURE;
  const hint = error instanceof ApiRequestError ? error.hint : failureHint(code);
  const { title, detail } = failureHeadline(code, error.message);
  return (
    <div
      role="alert"
      data-testid="backend-banner"
      data-code={code}
      className={`${LAYOUT[layout]} border-red-300 bg-red-50 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100`}
    >
      <p>
        <strong>{title}</strong> <span className="break-words">{displayText(detail)}</span>
      </p>
      {hint && <p className="mt-1">{displayText(hint)}</p>}
      <p className="mt-1 text-xs">
        {keptSince ? `Showing the data from ${formatTimestamp(keptSince, { date: false })}. ` : ''}Retrying every {ERROR_RETRY_MS / 1000} s.
      </p>
    </div>
  );
}

export interface DataWarningsProps {
  readonly warnings: readonly string[] | undefined;
  readonly layout?: keyof typeof LAYOUT;
}

/** A visible, non-blocking notice of the backend's warnings ("Data may be incomplete: ...") and the app's own notes. */
export function DataWarnings({ warnings, layout = 'box' }: DataWarningsProps) {
  const shown = presentWarnings(warnings);
  if (shown.length === 0) return null;
  return (
    <div
      role="status"
      aria-label="Warnings"
      data-testid="data-warnings"
      className={`${LAYOUT[layout]} border-amber-300 bg-amber-50 text-xs text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100`}
    >
      <ul className="space-y-0.5">
        {shown.map((w) => (
          <li key={w.text} className={`break-words ${w.fromBackend ? 'font-medium' : ''}`}>
            {displayText(w.text)}
          </li>
        ))}
      </ul>
    </div>
  );
}
