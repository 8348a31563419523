/** Which real metrics backend a launcher started. */
export type BackendKind = 'prometheus' | 'victoria-metrics';

/** A backend child process on loopback with its own temporary data dir. */
export interface RunningBackend {
  readonly kind: BackendKind;
  /** Base URL, always `http://127.0.0.1:<port>`. */
  readonly url: string;
  readonly pid: number;
  readonly dataDir: string;
  readonly logFile: string;
  /** SIGTERM, SIGKILL after a timeout, then remove the temp dir. Idempotent. */
  stop(): Promise<void>;
  /** SIGSTOP: simulates a hung backend (requests time out). */
  pause(): void;
  /** SIGCONT after pause(). */
  resume(): void;
}

export interface PrometheusOptions {
  /** Backfilled with `promtool tsdb create-blocks-from openmetrics` before start. */
  readonly openMetricsFile?: string;
  /** promtool's --max-block-duration for the backfill (a Go duration, default 2h blocks): "192h" turns a week of history into one block, in seconds rather than minutes. */
  readonly backfillMaxBlockDuration?: string;
  /** host:port list scraped at /metrics, job "istio-demo", honor_labels: true. */
  readonly scrapeTargets?: readonly string[];
  /** Default 15. */
  readonly scrapeIntervalSeconds?: number;
  /**
   * Prometheus remote write: every scraped sample is also sent to this URL on
   * loopback (e.g. VictoriaMetrics' `/api/v1/write`), as a per-cluster
   * Prometheus feeding one global store does. Batches leave every second.
   */
  readonly remoteWriteUrl?: string;
  /** global.external_labels, e.g. `{ cluster: 'east' }`: added to what remote write sends, unless a series has that label already. */
  readonly externalLabels?: Readonly<Record<string, string>>;
  /** Default: a free port. */
  readonly port?: number;
  /** Appended last, e.g. `--query.max-samples=10` or `--query.max-concurrency=1` to provoke Prometheus's own errors. */
  readonly extraArgs?: readonly string[];
  /**
   * TSDB out_of_order_time_window (default "2h"). Needed so scraped samples at
   * "now" are accepted while backfilled blocks reach into the future; without it
   * Prometheus 2.42 rejects them as "out of bounds".
   */
  readonly outOfOrderTimeWindow?: string;
  /** Paths from ensureBinaries(); default: PATH lookup. */
  readonly prometheusBinary?: string;
  readonly promtoolBinary?: string;
  /** Default 60 000. */
  readonly readyTimeoutMs?: number;
}

export interface VictoriaMetricsOptions {
  /** /api/v1/import JSON lines (optionally .gz), streamed after start, then force_flush. */
  readonly jsonLinesFile?: string;
  /** Default: a free port. */
  readonly port?: number;
  /** Appended last, so e.g. `-search.latencyOffset=30s` overrides a default. */
  readonly extraArgs?: readonly string[];
  /** Path from ensureBinaries(); default: PATH lookup. */
  readonly binary?: string;
  /** Default 60 000. */
  readonly readyTimeoutMs?: number;
}
