import type { ApiRequestError } from '../queries';

export interface StatusBannerProps {
  readonly error: ApiRequestError | Error;
  /** When the graph on screen was fetched, if one is kept. */
  readonly keptSince?: number;
}

/** The backend is failing: say so, say what is on screen, and that it retries. */
export function StatusBanner({ error, keptSince }: StatusBannerProps) {
  const unreachable = 'status' in error && (error.status === 502 || error.status === 504);
  return (
    <div role="alert" data-testid="backend-banner" className="border-b border-red-300 bg-red-50 px-4 py-2 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100">
      <strong>{unreachable ? 'Prometheus is not answering.' : 'The graph could not be loaded.'}</strong> {error.message}{' '}
      {keptSince ? `Showing the graph from ${new Date(keptSince).toLocaleTimeString()}. ` : ''}Retrying every 5 s.
    </div>
  );
}
