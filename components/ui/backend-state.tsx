'use client';

import { failureHeadline, failureHint, NETWORK_FAILURE } from '@/lib/api/failure-text';
import { displayText, formatTimestamp } from '@/lib/format';
import { describeRefusal } from '@/lib/view/time-text';
import { presentWarnings } from '@/lib/warnings';
import { ApiRequestError, ERROR_RETRY_MS, isRefusal } from '../queries';
import { useNowSeconds } from './use-now';

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
  /** The end time of the page's range (unix seconds), to name it in words when it was refused. */
  readonly end?: number | null;
}

/**
 * A failed /api/* call, the same on every page: what failed, the message
 * (Prometheus's own words where it gave some, always as text), what to
 * check, what is still on screen, and that it retries by itself. A request
 * the API refused (4xx) is said once, in words, and not retried.
 */
export function BackendError({ error, keptSince, layout = 'box', end = null }: BackendErrorProps) {
  if (isRefusal(error)) return <RefusedRequest error={error as ApiRequestError} layout={layout} end={end} />;
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

function RefusedRequest({ error, layout, end }: { error: ApiRequestError; layout: keyof typeof LAYOUT; end: number | null }) {
  const now = useNowSeconds();
  const { title, detail } = describeRefusal(error, end, now);
  return (
    <div
      role="alert"
      data-testid="backend-banner"
      data-code={error.code}
      className={`${LAYOUT[layout]} border-amber-300 bg-amber-50 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100`}
    >
      <p>
        <strong>{title}</strong> <span className="break-words">{displayText(detail)}</span>
      </p>
      <p className="mt-1 text-xs">Not retried: the same request would be refused again.</p>
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
