import fs from 'node:fs';
import path from 'node:path';
import { createWorkspace, failStartup, toRunningBackend } from './backend';
import { resolveBinary } from './binaries';
import { formatCommandLine, runLogged, spawnManaged, type ManagedProcess } from './managed-process';
import { findFreePort, waitForHttp } from './net';
import type { PrometheusOptions, RunningBackend } from './types';

export const DEMO_SCRAPE_JOB = 'istio-demo';

/** promtool over a large OpenMetrics history can take a while. */
const BACKFILL_TIMEOUT_MS = 10 * 60_000;

/** `${seconds}` as a Prometheus duration in ms, so fractional intervals work too. */
function toDuration(seconds: number): string {
  return `${Math.round(seconds * 1000)}ms`;
}

/** Label names as Prometheus accepts them in external_labels. */
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** The launchers talk to loopback only: a remote write URL elsewhere is a mistake. */
function checkRemoteWriteUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`remoteWriteUrl must be an http URL, got "${raw}"`);
  }
  const loopback = url.hostname === 'localhost' || url.hostname === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(url.hostname);
  if (url.protocol !== 'http:' || !loopback) throw new Error(`remoteWriteUrl must be an http URL on loopback, got "${raw}"`);
  return url.href;
}

/**
 * Remote write tuned for tests and demos: a batch leaves at least every
 * second (default 5 s) and a failed send is retried within a second.
 */
function remoteWriteConfig(url: string): Record<string, unknown> {
  return { url: checkRemoteWriteUrl(url), queue_config: { batch_send_deadline: '1s', min_backoff: '100ms', max_backoff: '1s' } };
}

/**
 * prometheus.yml for the launcher, as JSON (valid YAML, no escaping pitfalls).
 * The out-of-order window lets live scrapes land while backfilled blocks extend
 * past "now" (Prometheus otherwise drops them as "out of bounds").
 */
export function buildPrometheusConfig(opts: PrometheusOptions): string {
  const interval = opts.scrapeIntervalSeconds ?? 15;
  if (!(interval > 0)) throw new Error(`scrapeIntervalSeconds must be > 0, got ${interval}`);
  for (const target of opts.scrapeTargets ?? []) {
    if (!/^[^\s/:]+:\d+$/.test(target)) throw new Error(`scrape target must be host:port, got "${target}"`);
  }
  for (const name of Object.keys(opts.externalLabels ?? {})) {
    if (!LABEL_NAME.test(name)) throw new Error(`external label name must match ${LABEL_NAME.source}, got "${name}"`);
  }
  const targets = opts.scrapeTargets ?? [];
  const externalLabels = opts.externalLabels ?? {};
  const config = {
    global: {
      scrape_interval: toDuration(interval),
      scrape_timeout: toDuration(Math.min(interval, 10)),
      evaluation_interval: toDuration(interval),
      ...(Object.keys(externalLabels).length > 0 ? { external_labels: { ...externalLabels } } : {}),
    },
    storage: { tsdb: { out_of_order_time_window: opts.outOfOrderTimeWindow ?? '2h' } },
    scrape_configs:
      targets.length === 0
        ? []
        : [
            {
              job_name: DEMO_SCRAPE_JOB,
              honor_labels: true,
              metrics_path: '/metrics',
              static_configs: [{ targets: [...targets] }],
            },
          ],
    ...(opts.remoteWriteUrl === undefined ? {} : { remote_write: [remoteWriteConfig(opts.remoteWriteUrl)] }),
  };
  return `${JSON.stringify(config, null, 2)}\n`;
}

/**
 * Flags for the launcher's Prometheus: its config, a temp TSDB kept forever
 * (backfilled history is never dropped), loopback only; `extraArgs` last, so
 * a test can add limits such as `--query.max-samples=10` or
 * `--query.max-concurrency=1`, or override a default.
 */
export function prometheusArgs(configFile: string, dataDir: string, port: number, extraArgs: readonly string[] = []): string[] {
  return [
    `--config.file=${configFile}`,
    `--storage.tsdb.path=${dataDir}`,
    '--storage.tsdb.retention.time=100y',
    `--web.listen-address=127.0.0.1:${port}`,
    ...extraArgs,
  ];
}

/**
 * Start a real Prometheus on 127.0.0.1 with a temp TSDB, optionally backfilled
 * from OpenMetrics with `promtool tsdb create-blocks-from openmetrics`,
 * optionally scraping targets and remote-writing them elsewhere on loopback,
 * and resolve once GET /-/ready answers 200.
 */
export async function startPrometheus(opts: PrometheusOptions): Promise<RunningBackend> {
  const prometheus = resolveBinary('prometheus', opts.prometheusBinary);
  const promtool = opts.openMetricsFile === undefined ? undefined : resolveBinary('promtool', opts.promtoolBinary);
  const config = buildPrometheusConfig(opts);
  const port = opts.port ?? (await findFreePort());
  const url = `http://127.0.0.1:${port}`;
  const ws = await createWorkspace('prometheus');
  const configFile = path.join(ws.root, 'prometheus.yml');
  // Remote write would hold a stopping Prometheus for up to a minute flushing to a store that may be gone.
  const remoteWriteArgs = opts.remoteWriteUrl === undefined ? [] : ['--storage.remote.flush-deadline=1s'];
  const args = prometheusArgs(configFile, ws.dataDir, port, [...remoteWriteArgs, ...(opts.extraArgs ?? [])]);
  let commandLine = formatCommandLine(prometheus, args);
  let proc: ManagedProcess | undefined;
  try {
    await fs.promises.writeFile(configFile, config);
    if (promtool !== undefined && opts.openMetricsFile !== undefined) {
      const input = path.resolve(opts.openMetricsFile);
      await fs.promises.access(input, fs.constants.R_OK);
      const backfill = await runLogged(promtool, ['tsdb', 'create-blocks-from', 'openmetrics', ...(opts.backfillMaxBlockDuration ? [`--max-block-duration=${opts.backfillMaxBlockDuration}`] : []), input, ws.dataDir], {
        logFile: ws.logFile,
        cwd: ws.root,
        timeoutMs: BACKFILL_TIMEOUT_MS,
      });
      if (!backfill.ok) {
        commandLine = backfill.commandLine;
        throw new Error(`promtool backfill ${backfill.status}`);
      }
    }
    proc = spawnManaged(prometheus, args, { logFile: ws.logFile, cwd: ws.root });
    const running = proc;
    await waitForHttp(`${url}/-/ready`, {
      timeoutMs: opts.readyTimeoutMs ?? 60_000,
      isAlive: () => running.isRunning(),
    });
  } catch (err) {
    return failStartup(ws, proc, commandLine, err);
  }
  return toRunningBackend(ws, url, proc);
}
