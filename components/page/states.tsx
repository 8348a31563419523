'use client';

import { describeSpan, formatTime, type DataSpan } from '@/lib/view/time-text';
import { useNowSeconds } from '../ui/use-now';

/** Placeholder while the first graph loads. */
export function GraphSkeleton() {
  return (
    <div className="flex flex-1 animate-pulse gap-8 p-8" aria-busy="true" aria-label="Loading the egress graph">
      {[0, 1, 2].map((i) => (
        <div key={i} className="flex-1 space-y-4">
          {[0, 1, 2, 3].map((j) => (
            <div key={j} className="h-12 rounded bg-slate-200 dark:bg-slate-800" />
          ))}
        </div>
      ))}
    </div>
  );
}

export interface EmptyStateProps {
  readonly reason: 'no-egress' | 'no-istio-metrics' | 'no-data-in-window' | 'filtered' | 'error';
  readonly window?: string;
  /** The fixed end time of the view, or null for live. */
  readonly end?: number | null;
  /** Where the Istio metrics are (/api/health), once known. */
  readonly span?: DataSpan;
  /** Back to live. */
  readonly onLive?: () => void;
}

const BOX = 'm-auto max-w-xl rounded border border-slate-300 p-6 text-sm dark:border-slate-700';

/** The window holds no Istio metrics, though Prometheus has some: say where they are. */
function NoDataInWindow({ window, end, span, onLive }: Omit<EmptyStateProps, 'reason'>) {
  const now = useNowSeconds();
  return (
    <div className={BOX} role="status">
      <h2 className="mb-2 font-semibold">No data in this window</h2>
      <p>
        The {window} ending {end == null ? 'now' : formatTime(end)} holds no Istio metrics.
        {span && span.first !== null ? ` Prometheus has them ${describeSpan(span, now)}.` : ''}
      </p>
      {end != null && onLive && (
        <button type="button" className="mt-2 underline" onClick={onLive}>
          Show the latest data (Live)
        </button>
      )}
    </div>
  );
}

/** Says why there is nothing to draw, and what to check. */
export function EmptyState({ reason, window, end, span, onLive }: EmptyStateProps) {
  const box = BOX;
  switch (reason) {
    case 'no-data-in-window':
      return <NoDataInWindow window={window} end={end} span={span} onLive={onLive} />;
    case 'no-egress':
      return (
        <div className={box} role="status">
          <h2 className="mb-2 font-semibold">No egress in the last {window}</h2>
          <p>Istio metrics are there, but no workload called an external host in this window. Widen the window or pick an earlier end time.</p>
        </div>
      );
    case 'no-istio-metrics':
      return (
        <div className={box} role="status">
          <h2 className="mb-2 font-semibold">No Istio metrics in Prometheus</h2>
          <ul className="list-disc space-y-1 pl-5">
            <li>Does Prometheus scrape the sidecars (port 15020, <code>/stats/prometheus</code>)? Look for <code>istio_requests_total</code> in its UI.</li>
            <li>Is telemetry enabled in the mesh (the default Telemetry API / stats plugin)?</li>
            <li>Is PROMETHEUS_URL the Prometheus that scrapes this mesh (and the right tenant, via PROMETHEUS_HEADERS)?</li>
          </ul>
        </div>
      );
    case 'filtered':
      return (
        <div className={box} role="status">
          Nothing matches the namespace and status filters. Clear them to see every flow.
        </div>
      );
    case 'error':
      return (
        <div className={box} role="status">
          No graph yet: the last request failed (see above). It is retried every few seconds.
        </div>
      );
  }
}
