/** Pure helpers behind the rate chart: aligned uPlot data and a per-series summary for screen readers. */

export interface RateSeries {
  readonly name: string;
  /** [unix seconds, value], ascending. */
  readonly points: readonly (readonly [number, number])[];
}

export interface SeriesSummary {
  readonly name: string;
  /** Value of the latest point; undefined without points. */
  readonly last: number | undefined;
  /** Mean of the points; undefined without points. */
  readonly average: number | undefined;
  readonly max: number | undefined;
  readonly points: number;
}

/** Last value, average and maximum of every series, in input order. */
export function summarizeSeries(series: readonly RateSeries[]): SeriesSummary[] {
  return series.map((s) => {
    const values = s.points.map(([, v]) => v).filter(Number.isFinite);
    if (values.length === 0) return { name: s.name, last: undefined, average: undefined, max: undefined, points: 0 };
    let latest = s.points[0];
    for (const p of s.points) if (latest === undefined || p[0] >= latest[0]) latest = p;
    return {
      name: s.name,
      last: latest?.[1],
      average: values.reduce((a, b) => a + b, 0) / values.length,
      max: Math.max(...values),
      points: values.length,
    };
  });
}

/** uPlot's column layout: one shared, sorted x array and one y array per series, null where a series has no point. */
export type AlignedSeries = [number[], ...(number | null)[][]];

/** Aligns series that may have different timestamps (a series that starts or stops inside the range) on one x axis. */
export function alignSeries(series: readonly RateSeries[]): AlignedSeries {
  const times = new Set<number>();
  for (const s of series) for (const [t] of s.points) times.add(t);
  const xs = [...times].sort((a, b) => a - b);
  const index = new Map(xs.map((t, i) => [t, i]));
  const ys = series.map((s) => {
    const column: (number | null)[] = new Array<number | null>(xs.length).fill(null);
    for (const [t, v] of s.points) {
      const i = index.get(t);
      if (i !== undefined && Number.isFinite(v)) column[i] = v;
    }
    return column;
  });
  return [xs, ...ys];
}
