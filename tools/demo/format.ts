/** Shared pieces of the Prometheus text, OpenMetrics and VictoriaMetrics writers. */
import type { DemoSeries, HistoryRange } from './types';

/** Escape a label value for the Prometheus text format and OpenMetrics: backslash, double quote, newline. */
export function escapeLabelValue(value: string): string {
  return value.replace(/[\\"\n]/g, (c) => (c === '\n' ? '\\n' : `\\${c}`));
}

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** `{a="x",b="y"}`; throws on an invalid label name (programmer error). */
export function formatLabels(labels: Readonly<Record<string, string>>): string {
  const parts: string[] = [];
  for (const [name, value] of Object.entries(labels)) {
    if (!LABEL_NAME.test(name)) throw new Error(`invalid label name ${JSON.stringify(name)}`);
    parts.push(`${name}="${escapeLabelValue(value)}"`);
  }
  return `{${parts.join(',')}}`;
}

/** A sample value: shortest round-trip decimal (Go's ParseFloat reads exponents too). */
export function formatValue(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Number.POSITIVE_INFINITY) return '+Inf';
  if (value === Number.NEGATIVE_INFINITY) return '-Inf';
  return String(value);
}

/** OpenMetrics family of a counter sample name: `istio_requests_total` -> `istio_requests`. */
export function counterFamily(name: string): string {
  return name.endsWith('_total') ? name.slice(0, -'_total'.length) : name;
}

/** Sample times of a range: start, start+step, ... <= end. */
export function* rangeTimes(range: HistoryRange): Generator<number> {
  if (!(range.step > 0)) throw new Error(`range step must be positive, got ${range.step}`);
  for (let i = 0; ; i++) {
    const t = range.start + i * range.step;
    if (t > range.end) return;
    yield t;
  }
}

function isOneShot(series: Iterable<DemoSeries>): { oneShot: boolean; iterator: Iterator<DemoSeries> } {
  const iterator = series[Symbol.iterator]();
  return { oneShot: (iterator as unknown) === series, iterator };
}

function fromIterator<T>(iterator: Iterator<T>): Iterable<T> {
  return { [Symbol.iterator]: () => iterator };
}

/**
 * The series with each metric name contiguous, as both text formats require.
 * Re-iterable input (like demoSeries) is streamed: one pass to check grouping, then one pass,
 * or one pass per name when it was not grouped. A one-shot iterator is buffered.
 */
export function* orderedByName(series: Iterable<DemoSeries>): Generator<DemoSeries> {
  const { oneShot, iterator } = isOneShot(series);
  if (oneShot) {
    const groups = new Map<string, DemoSeries[]>();
    for (const s of fromIterator(iterator)) {
      const group = groups.get(s.name);
      if (group) group.push(s);
      else groups.set(s.name, [s]);
    }
    for (const group of groups.values()) yield* group;
    return;
  }
  const names: string[] = [];
  const seen = new Set<string>();
  let grouped = true;
  let last: string | undefined;
  for (const s of fromIterator(iterator)) {
    if (s.name === last) continue;
    if (seen.has(s.name)) grouped = false;
    else {
      seen.add(s.name);
      names.push(s.name);
    }
    last = s.name;
  }
  if (grouped) {
    yield* series;
    return;
  }
  for (const name of names) {
    for (const s of series) if (s.name === name) yield s;
  }
}
