'use client';

import { useMemo } from 'react';
import { displayLabel, displayText } from '@/lib/format';
import { RateChart } from '../charts/rate-chart';

/** Whole seconds as a short duration: 3600 -> "1h", 300 -> "5m". */
function formatSeconds(s: number): string {
  if (s % 3600 === 0) return `${s / 3600}h`;
  if (s % 60 === 0) return `${s / 60}m`;
  return `${Math.round(s)}s`;
}

import { useTimeseries } from '../queries';
import { PromqlSource } from './promql-source';

export interface SelectionChartProps {
  readonly params: URLSearchParams | null;
  readonly refreshMs: number | false;
  readonly dark: boolean;
  readonly title: string;
  readonly prometheusUrl?: string;
}

/** The rate over time of the selection, with the PromQL behind it. */
export function SelectionChart({ params, refreshMs, dark, title, prometheusUrl }: SelectionChartProps) {
  const ts = useTimeseries(params, refreshMs);
  // Series are named by label values (callers, response codes): shown like every other label value.
  const series = useMemo(() => ts.data?.series.map((s) => ({ ...s, name: displayText(s.name) })) ?? [], [ts.data]);
  if (!params) return null;
  return (
    <section className="mt-4">
      <h3 className="mb-1 text-sm font-semibold">Rate over time</h3>
      {ts.isError && <p className="text-xs text-red-700 dark:text-red-300">{ts.error.message}</p>}
      {ts.isPending && <div className="h-[220px] animate-pulse rounded bg-slate-200 dark:bg-slate-800" aria-label="Loading the chart" />}
      {ts.data && (
        <>
          {series.length === 0 ? (
            <p className="text-xs">No samples in this range.</p>
          ) : (
            <RateChart series={series} unit={ts.data.unit} ariaLabel={`${displayLabel(title, 120)}: ${ts.data.unit} over time`} dark={dark} />
          )}
          {ts.data.warnings.map((w) => (
            <p key={w} className="mt-1 text-xs text-amber-800 dark:text-amber-300">
              {displayText(w)}
            </p>
          ))}
          {ts.data.queries.map((q) => (
            <PromqlSource
              key={q}
              summary="Where the chart comes from"
              query={q}
              prometheusUrl={prometheusUrl}
              end={ts.data.end}
              window={formatSeconds((Date.parse(ts.data.end) - Date.parse(ts.data.start)) / 1000)}
            />
          ))}
        </>
      )}
    </section>
  );
}
