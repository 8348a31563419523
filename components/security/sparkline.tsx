export interface SparklineProps {
  readonly values: readonly number[];
  readonly label: string;
}

/** A tiny trend line (SVG polyline); the numbers stay in the table for screen readers. */
export function Sparkline({ values, label }: SparklineProps) {
  const w = 96;
  const h = 20;
  const max = Math.max(...values, 0);
  if (values.length < 2 || max <= 0) return <span className="text-xs text-slate-400">–</span>;
  const points = values.map((v, i) => `${((i / (values.length - 1)) * w).toFixed(1)},${(h - (v / max) * (h - 2) - 1).toFixed(1)}`).join(' ');
  return (
    <svg width={w} height={h} viewBox={`0 0 ${w} ${h}`} role="img" aria-label={label} className="text-red-600 dark:text-red-400">
      <polyline points={points} fill="none" stroke="currentColor" strokeWidth="1.5" />
    </svg>
  );
}
