/** Prometheus HTTP API wire shapes (raw, `Prom` prefix) and their parsed forms. */

export type PromLabels = Readonly<Record<string, string>>;

/** Raw sample as sent by the API: [unix seconds, "value"]. */
export type PromRawSample = [number, string];

export interface PromVectorResult {
  readonly metric: PromLabels;
  readonly value: PromRawSample;
}

export interface PromMatrixResult {
  readonly metric: PromLabels;
  readonly values: readonly PromRawSample[];
}

/** A parsed instant-vector element. */
export interface Sample {
  readonly labels: PromLabels;
  readonly value: number;
}

/** A parsed range-vector element. */
export interface Series {
  readonly labels: PromLabels;
  readonly points: readonly { readonly t: number; readonly v: number }[];
}

/** Query statistics (`stats=all`), when the backend reports them. */
export interface QueryStats {
  readonly totalQueryableSamples?: number;
  readonly peakSamples?: number;
}

export interface InstantQueryResult {
  readonly samples: readonly Sample[];
  /** Warnings and infos the backend attached (partial data, etc.). */
  readonly warnings: readonly string[];
  readonly stats?: QueryStats;
}

export interface RangeQueryResult {
  readonly series: readonly Series[];
  readonly warnings: readonly string[];
  readonly stats?: QueryStats;
}

export interface BuildInfo {
  readonly version: string;
}
