import { displayText, formatTimestamp } from '@/lib/format';

export interface PromqlSourceProps {
  readonly query: string;
  /** PROMETHEUS_PUBLIC_URL, when configured. */
  readonly prometheusUrl?: string;
  /** Evaluation time (RFC 3339) and window of the numbers. */
  readonly end: string;
  readonly window: string;
  /** The disclosure's text. */
  readonly summary?: string;
}

/** A link into Prometheus' own UI for a query, at the same moment and range. */
export function prometheusGraphLink(base: string, query: string, end: string, window: string): string {
  const p = new URLSearchParams({ 'g0.expr': query, 'g0.tab': '1', 'g0.range_input': window, 'g0.end_input': end.replace('T', ' ').replace(/\.\d+Z$|Z$/, '') });
  return `${base}/graph?${p.toString()}`;
}

/** Says where a number came from: the PromQL, and a link to run it in Prometheus. */
export function PromqlSource({ query, prometheusUrl, end, window, summary = 'Where these numbers come from' }: PromqlSourceProps) {
  return (
    <details className="mt-2 text-xs text-slate-600 dark:text-slate-400">
      <summary className="cursor-pointer">{summary}</summary>
      <p className="mt-1">
        Rates over {window} ending {formatTimestamp(end)}, from:
      </p>
      <pre className="mt-1 max-h-40 overflow-auto whitespace-pre-wrap break-all rounded bg-slate-100 p-2 dark:bg-slate-900">{displayText(query, { multiline: true })}</pre>
      {prometheusUrl && (
        <a className="mt-1 inline-block text-indigo-700 underline dark:text-indigo-300" href={prometheusGraphLink(prometheusUrl, query, end, window)} target="_blank" rel="noreferrer noopener">
          Open in Prometheus
        </a>
      )}
    </details>
  );
}
