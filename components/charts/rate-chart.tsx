'use client';

import { useEffect, useMemo, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { formatRate, formatTimestamp } from '@/lib/format';
import { alignSeries, summarizeSeries, type AlignedSeries, type RateSeries } from './summarize';
import { timeTickLabels, timeTicks } from './time-axis';

export interface RateChartProps {
  readonly series: readonly RateSeries[];
  /** Unit of the y axis, e.g. "requests/s". */
  readonly unit: string;
  /** Canvas height in CSS pixels (the legend comes below). */
  readonly height?: number;
  /** Accessible name of the chart and caption of its summary table. */
  readonly ariaLabel: string;
  /** Force the dark or light palette; by default, dark inside an element with the `dark` class. */
  readonly dark?: boolean;
}

/** Distinct colours, mid-tones readable on light and dark backgrounds. */
const PALETTE = ['#2563eb', '#d97706', '#059669', '#9333ea', '#0891b2', '#db2777', '#65a30d', '#4f46e5', '#ea580c', '#0d9488'];
const CODE_PALETTES: Record<string, readonly string[]> = {
  '2': ['#16a34a', '#2563eb', '#15803d', '#1d4ed8'],
  '3': ['#0891b2', '#0e7490'],
  '4': ['#f97316', '#d97706', '#fb923c', '#c2410c'],
  '5': ['#dc2626', '#e11d48', '#b91c1c', '#f43f5e'],
  // Code 0: no response at all (Envoy reset or timeout).
  '0': ['#7c3aed'],
};

/** One colour per series: HTTP codes by class (2xx green/blue, 4xx orange, 5xx red), anything else from a fixed palette. */
export function seriesColors(names: readonly string[]): string[] {
  const used = new Map<string, number>();
  let plain = 0;
  return names.map((name) => {
    const cls = /^[1-5][0-9]{2}$/.test(name) ? name[0] : name === '0' ? '0' : undefined;
    const palette = cls === undefined ? undefined : CODE_PALETTES[cls];
    if (palette) {
      const n = used.get(cls ?? '') ?? 0;
      used.set(cls ?? '', n + 1);
      return palette[n % palette.length] ?? '#64748b';
    }
    return PALETTE[plain++ % PALETTE.length] ?? '#64748b';
  });
}

interface Theme {
  readonly text: string;
  readonly grid: string;
}

const LIGHT: Theme = { text: '#475569', grid: 'rgba(100, 116, 139, 0.22)' };
const DARK: Theme = { text: '#cbd5e1', grid: 'rgba(148, 163, 184, 0.16)' };

function buildOptions(names: readonly string[], unit: string, width: number, height: number, theme: Theme): uPlot.Options {
  const colors = seriesColors(names);
  const axis: uPlot.Axis = {
    stroke: theme.text,
    grid: { stroke: theme.grid, width: 1 },
    ticks: { stroke: theme.grid, width: 1 },
  };
  return {
    width,
    height,
    // Unix seconds on a time scale; ticks on round times of the browser's zone, labelled in its locale (Intl), the zone named on the first.
    scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, max > 0 ? max * 1.05 : 1] } },
    axes: [
      { ...axis, splits: (u, _i, min, max) => timeTicks(min, max, u.bbox.width / uPlot.pxRatio), values: (_u, splits) => timeTickLabels(splits) },
      { ...axis, label: unit, size: 60, values: (_u, splits) => splits.map((v) => formatRate(v)) },
    ],
    series: [
      { value: (_u, v) => (v == null ? '–' : formatTimestamp(v * 1000)) },
      ...names.map(
        (name, i): uPlot.Series => ({
          // uPlot writes string labels with textContent: untrusted names stay text.
          label: name,
          stroke: colors[i],
          width: 1.5,
          points: { show: false },
          spanGaps: false,
          value: (_u, v) => (v == null ? '–' : `${formatRate(v)} ${unit}`),
        }),
      ),
    ],
    legend: { show: true, live: true },
  };
}

/** A rate-over-time chart (uPlot) with a visually hidden summary table for screen readers; label values are rendered as text only. */
export function RateChart({ series, unit, height = 220, ariaLabel, dark }: RateChartProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const plotRef = useRef<uPlot | null>(null);
  const data = useMemo(() => alignSeries(series), [series]);
  const dataRef = useRef<AlignedSeries>(data);
  const summary = useMemo(() => summarizeSeries(series), [series]);
  // The plot is rebuilt only when the series names (or the layout) change; new points go through setData.
  const namesKey = JSON.stringify(series.map((s) => s.name));

  useEffect(() => {
    dataRef.current = data;
  }, [data]);

  useEffect(() => {
    const el = containerRef.current;
    if (!el) return;
    const names = JSON.parse(namesKey) as string[];
    const theme = (dark ?? el.closest('.dark') !== null) ? DARK : LIGHT;
    const plot = new uPlot(buildOptions(names, unit, el.clientWidth || 600, height, theme), dataRef.current, el);
    plotRef.current = plot;
    let observer: ResizeObserver | undefined;
    if (typeof ResizeObserver !== 'undefined') {
      observer = new ResizeObserver((entries) => {
        const width = Math.floor(entries[0]?.contentRect.width ?? 0);
        if (width > 0 && width !== plot.width) plot.setSize({ width, height });
      });
      observer.observe(el);
    }
    return () => {
      observer?.disconnect();
      plot.destroy();
      if (plotRef.current === plot) plotRef.current = null;
    };
  }, [namesKey, unit, height, dark]);

  useEffect(() => {
    const plot = plotRef.current;
    if (plot && plot.data !== data) plot.setData(data);
  }, [data]);

  const empty = summary.every((s) => s.points === 0);
  return (
    <figure aria-label={ariaLabel} className="m-0">
      <div ref={containerRef} aria-hidden="true" className="w-full" style={{ minHeight: height }} />
      {empty && <p className="text-sm text-slate-500 dark:text-slate-400">No data in this range.</p>}
      {/* A table ignores the 1 px width of sr-only: the wrapper keeps its rows from widening the page. */}
      <div className="sr-only">
        <table className="sr-only">
          <caption>{`${ariaLabel} (${unit})`}</caption>
          <thead>
            <tr>
              <th scope="col">Series</th>
              <th scope="col">Last</th>
              <th scope="col">Average</th>
              <th scope="col">Maximum</th>
            </tr>
          </thead>
          <tbody>
            {summary.map((s, i) => (
              <tr key={`${i}:${s.name}`}>
                <th scope="row">{s.name}</th>
                <td>{formatRate(s.last)}</td>
                <td>{formatRate(s.average)}</td>
                <td>{formatRate(s.max)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
