/** Prometheus text exposition (format 0.0.4) of the demo counters at one instant, for the live exporter. */
import { formatLabels, formatValue, orderedByName } from './format';
import type { DemoSeries } from './types';

/** Content-Type of the Prometheus text format 0.0.4. */
export const EXPOSITION_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

/** Every series existing at unix time t, without timestamps, with one `# TYPE <name> counter` (or gauge) per metric. */
export function renderExposition(series: Iterable<DemoSeries>, t: number): string {
  const lines: string[] = [];
  let current: string | undefined;
  for (const s of orderedByName(series)) {
    if (!s.existsAt(t)) continue;
    if (s.name !== current) {
      lines.push(`# TYPE ${s.name} ${s.type ?? 'counter'}`);
      current = s.name;
    }
    lines.push(`${s.name}${formatLabels(s.labels)} ${formatValue(s.valueAt(t))}`);
  }
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}
