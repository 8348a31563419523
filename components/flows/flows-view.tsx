'use client';

import { useState } from 'react';
import { useEgress, useHealth } from '../queries';
import { FlowsTable } from './flows-table';

const WINDOWS = ['1m', '5m', '15m', '1h', '6h', '1d', '7d'] as const;

/** The flows page: backend status, window picker, flow table, warnings and the PromQL behind it. */
export function FlowsView() {
  const [windowParam, setWindowParam] = useState<string>('5m');
  const health = useHealth();
  const egress = useEgress(new URLSearchParams({ window: windowParam }));
  const report = egress.data;
  const counts = { passthrough: 0, blocked: 0, registered: 0 };
  for (const f of report?.flows ?? []) counts[f.destination.status]++;

  return (
    <main className="mx-auto max-w-7xl p-6">
      <header className="mb-4 flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-xl font-semibold">Egress Lens</h1>
        <div className="flex items-center gap-3 text-sm">
          <span role="status" aria-label="Prometheus status">
            {health.isError ? (
              <span className="text-red-600">Prometheus unreachable: {health.error.message}</span>
            ) : health.data ? (
              <span className="text-emerald-700 dark:text-emerald-400">
                Prometheus {health.data.prometheus.version ?? ''} answering ({health.data.prometheus.latencyMs} ms)
              </span>
            ) : (
              'Checking Prometheus…'
            )}
          </span>
          <label className="flex items-center gap-1">
            Window
            <select className="rounded border border-slate-300 bg-transparent px-1 py-0.5 dark:border-slate-700" value={windowParam} onChange={(e) => setWindowParam(e.target.value)}>
              {WINDOWS.map((w) => (
                <option key={w}>{w}</option>
              ))}
            </select>
          </label>
        </div>
      </header>

      {egress.isError && (
        <p role="alert" className="mb-3 rounded border border-red-400 bg-red-50 p-2 text-sm text-red-800 dark:bg-red-950 dark:text-red-200">
          {egress.error.message}
          {report ? ' Showing the last data received.' : ''}
        </p>
      )}
      {report && (
        <>
          <p className="mb-3 text-sm text-slate-600 dark:text-slate-400">
            {report.flows.length} flows over {report.window} ending {new Date(report.end).toLocaleString()}: {counts.passthrough} passthrough,{' '}
            {counts.blocked} blocked, {counts.registered} registered.
          </p>
          {report.warnings.length > 0 && (
            <ul className="mb-3 list-disc pl-5 text-sm text-amber-800 dark:text-amber-300" aria-label="Warnings">
              {report.warnings.map((w) => (
                <li key={w}>{w}</li>
              ))}
            </ul>
          )}
          {report.flows.length === 0 ? (
            <p className="rounded border border-slate-300 p-4 text-sm dark:border-slate-700">
              No egress in this window. Check that the sidecars report istio_requests_total and istio_tcp_* with reporter=&quot;source&quot;, or widen the window.
            </p>
          ) : (
            <FlowsTable flows={report.flows} />
          )}
          <details className="mt-4 text-xs text-slate-600 dark:text-slate-400">
            <summary className="cursor-pointer">PromQL behind these numbers</summary>
            <pre className="mt-2 whitespace-pre-wrap break-all">{report.queries.http}</pre>
            <pre className="mt-2 whitespace-pre-wrap break-all">{report.queries.tcp}</pre>
          </details>
        </>
      )}
      {!report && egress.isPending && <p className="text-sm text-slate-500">Loading egress flows…</p>}
    </main>
  );
}
