/** Display formatting shared by the UI (pure, framework-free). */

/** A rate per second with a sensible number of digits: 0.0123 -> "0.012", 1234 -> "1.23k". */
export function formatRate(value: number | undefined): string {
  if (value === undefined) return '–';
  if (!Number.isFinite(value)) return String(value);
  if (value === 0) return '0';
  const abs = Math.abs(value);
  if (abs >= 1e6) return `${(value / 1e6).toPrecision(3)}M`;
  if (abs >= 1e3) return `${(value / 1e3).toPrecision(3)}k`;
  if (abs >= 1) return value.toPrecision(3).replace(/\.?0+$/, '');
  if (abs >= 0.001) return value.toFixed(3).replace(/0+$/, '');
  return value.toExponential(1);
}

/** Bytes per second with binary units. */
export function formatBytesRate(value: number | undefined): string {
  if (value === undefined) return '–';
  const units = ['B/s', 'KiB/s', 'MiB/s', 'GiB/s'];
  let v = value;
  let i = 0;
  while (Math.abs(v) >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${i === 0 ? Math.round(v) : v.toFixed(1)} ${units[i]}`;
}

/** A ratio as a percentage: 0.05 -> "5%", 0.0004 -> "0.04%". */
export function formatPercent(ratio: number): string {
  const p = ratio * 100;
  if (p === 0) return '0%';
  if (p < 0.1) return `${p.toPrecision(1)}%`;
  if (p < 10) return `${p.toFixed(1).replace(/\.0$/, '')}%`;
  return `${Math.round(p)}%`;
}
