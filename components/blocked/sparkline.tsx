import { formatRate, formatSpan, formatTimestamp } from '@/lib/format';

export interface SparklineProps {
  /** Counts per step, oldest first; the last one is the step ending at `to`. */
  readonly values: readonly number[];
  /** The window (ISO times): the x axis runs from `from` to `to`, whatever the values cover. */
  readonly from: string;
  readonly to: string;
  /** Seconds per value. */
  readonly step: number;
  /** What is counted, e.g. "Blocked attempts from data/etl-worker to pastebin.com". */
  readonly subject: string;
}

const WIDTH = 96;
const HEIGHT = 20;

/**
 * The points of a step line over the window: value i is drawn flat across
 * its own step (to - (n - i) * step, to - (n - 1 - i) * step], placed by
 * time, so a trend that stops early shows where it stopped and one that
 * goes on reaches the right edge.
 */
export function sparklinePoints(values: readonly number[], fromMs: number, toMs: number, stepMs: number, width = WIDTH, height = HEIGHT): [number, number][] {
  const max = Math.max(...values, 0);
  const span = toMs - fromMs;
  if (!(span > 0) || !(max > 0)) return [];
  const x = (t: number) => Math.min(width, Math.max(0, ((t - fromMs) / span) * width));
  const y = (v: number) => height - 1 - (Math.max(v, 0) / max) * (height - 2);
  const n = values.length;
  return values.flatMap((v, i): [number, number][] => {
    const end = toMs - (n - 1 - i) * stepMs;
    return [
      [x(end - stepMs), y(v)],
      [x(end), y(v)],
    ];
  });
}

/** What a screen reader hears: the window with its zone, the step, the peak and when, the last value. */
export function sparklineLabel(values: readonly number[], from: string, to: string, step: number, subject: string): string {
  const window = `${subject}, ${formatTimestamp(from)} to ${formatTimestamp(to)}, per ${formatSpan(step)}`;
  const peak = Math.max(...values, 0);
  if (!(peak > 0)) return `${window}: none`;
  const at = values.indexOf(peak);
  const peakEnd = Date.parse(to) - (values.length - 1 - at) * step * 1000;
  return `${window}: peak ${formatRate(peak)} in the ${formatSpan(step)} to ${formatTimestamp(peakEnd)}, last ${formatRate(values.at(-1))}`;
}

/** A tiny trend over the window (SVG step line, time on the x axis); its label names the window, the peak and the last value. */
export function Sparkline({ values, from, to, step, subject }: SparklineProps) {
  const points = sparklinePoints(values, Date.parse(from), Date.parse(to), step * 1000);
  const label = sparklineLabel(values, from, to, step, subject);
  if (points.length === 0)
    return (
      <span className="text-xs text-slate-400" role="img" aria-label={label}>
        –
      </span>
    );
  return (
    <svg width={WIDTH} height={HEIGHT} viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={label} className="text-red-600 dark:text-red-400">
      <line x1={0} y1={HEIGHT - 0.5} x2={WIDTH} y2={HEIGHT - 0.5} stroke="currentColor" strokeOpacity={0.25} strokeWidth={1} />
      <polyline points={points.map(([px, py]) => `${px.toFixed(1)},${py.toFixed(1)}`).join(' ')} fill="none" stroke="currentColor" strokeWidth={1.5} strokeLinejoin="round" />
    </svg>
  );
}
