/**
 * The demo's live part, loaded by scripts/demo.mjs into its own process (no
 * second Node process, so no signal relay in between): six hours of
 * demo-mesh history backfilled into a real Prometheus, a live exporter that
 * continues the same counters (scraped every 15 s, so the numbers move), and
 * the built app pointed at that Prometheus. Everything listens on 127.0.0.1.
 * Each piece hands demo.mjs its cleanup as soon as it exists, so a signal at
 * any moment stops what runs and removes what was written.
 */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { findFreePort, startNextApp, trackTempDir, untrackTempDir } from '../tools/backends';
import { createDemoMesh, DEMO_STEP, startDemoPrometheus, startExporter } from '../tools/demo';

const DEFAULT_HISTORY_HOURS = 6;
const DEFAULT_PORT = 3000;

export interface DemoOptions {
  /** Project root holding the standalone build. */
  readonly root: string;
  /** The `PORT` variable: the app's port (default 3000, or a free one when 3000 is taken). */
  readonly port?: string;
  /** The `DEMO_HISTORY_HOURS` variable: hours of backfilled history (default 6). */
  readonly historyHours?: string;
  readonly say: (msg: string) => void;
  /** Called with each piece's cleanup as soon as the piece exists. */
  readonly onCleanup: (cleanup: () => Promise<void>) => void;
}

export interface RunningDemo {
  readonly appUrl: string;
  readonly prometheusUrl: string;
  readonly exporterUrl: string;
}

/** `PORT` as a TCP port, undefined when unset or empty; anything else is an error naming the variable. */
export function parseDemoPort(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const port = /^\s*\d{1,5}\s*$/.test(value) ? Number(value) : NaN;
  if (!(port >= 1 && port <= 65535)) throw new Error(`PORT must be a TCP port between 1 and 65535, got "${value}"`);
  return port;
}

/** `DEMO_HISTORY_HOURS`: hours of history, 6 when unset or empty; at most a week. */
export function parseHistoryHours(value: string | undefined): number {
  if (value === undefined || value.trim() === '') return DEFAULT_HISTORY_HOURS;
  const hours = /^\s*\d+(\.\d+)?\s*$/.test(value) ? Number(value) : NaN;
  if (!(hours > 0 && hours <= 7 * 24)) throw new Error(`DEMO_HISTORY_HOURS must be a number of hours above 0 and at most 168 (a week), got "${value}"`);
  return hours;
}

function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(false));
    srv.listen({ port, host: '127.0.0.1', exclusive: true }, () => srv.close(() => resolve(true)));
  });
}

/** The port asked for (which must be free), else 3000, else any free port. */
async function choosePort(value: string | undefined, say: (msg: string) => void): Promise<number> {
  const asked = parseDemoPort(value);
  if (asked !== undefined) {
    if (!(await isPortFree(asked))) throw new Error(`port ${asked} (PORT=${value}) is already in use on 127.0.0.1: choose another one, e.g. PORT=${asked === 65535 ? asked - 1 : asked + 1} npm run demo`);
    return asked;
  }
  if (await isPortFree(DEFAULT_PORT)) return DEFAULT_PORT;
  const port = await findFreePort();
  say(`port ${DEFAULT_PORT} is taken, using ${port} (set PORT to choose)`);
  return port;
}

/** Starts the demo and resolves once the app serves. */
export async function startDemo(opts: DemoOptions): Promise<RunningDemo> {
  const { say, onCleanup } = opts;
  const historyHours = parseHistoryHours(opts.historyHours);
  const port = await choosePort(opts.port, say);

  // One directory for every temporary file, ours and our children's (promtool
  // keeps a scratch TSDB in $TMPDIR while it backfills): removed last on stop,
  // and by tools/backends' exit hook, after it has killed the children, if the
  // demo exits mid-start.
  const tmp = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'egress-lens-demo-'));
  trackTempDir(tmp);
  process.env.TMPDIR = tmp;
  onCleanup(async () => {
    await fs.promises.rm(tmp, { recursive: true, force: true, maxRetries: 3, retryDelay: 50 });
    untrackTempDir(tmp);
  });

  const now = Math.floor(Date.now() / 1000);
  const origin = Math.floor((now - historyHours * 3600) / DEMO_STEP) * DEMO_STEP;
  const mesh = createDemoMesh({ origin });

  const exporter = await startExporter(mesh, { host: '127.0.0.1', port: 0 });
  onCleanup(() => exporter.close());

  say(`writing ${historyHours}h of demo history and backfilling Prometheus with it…`);
  // The history file (about 40 MB an hour) lives in a temp dir only until promtool has read it.
  const historyEnd = Math.floor(now / DEMO_STEP) * DEMO_STEP;
  const prom = await startDemoPrometheus(
    mesh,
    { start: origin, end: historyEnd, step: DEMO_STEP },
    { scrapeTargets: [new URL(exporter.url).host], scrapeIntervalSeconds: 15 },
  );
  onCleanup(() => prom.stop());
  say(`${prom.written.series} series, ${prom.written.samples} samples; starting the app…`);

  const app = await startNextApp({ root: opts.root, port, env: { PROMETHEUS_URL: prom.url } });
  onCleanup(() => app.stop());

  say(`Prometheus (demo data): ${prom.url}`);
  say(`live exporter:          ${exporter.url}/metrics`);
  say(`processes:              prometheus ${prom.pid}, app ${app.pid}, demo ${process.pid}`);
  say(`temporary files:        ${tmp}`);
  say('');
  say(`Egress Lens is running:  ${app.url}`);
  say('Press Ctrl-C to stop everything; that removes the temporary files too.');
  return { appUrl: app.url, prometheusUrl: prom.url, exporterUrl: exporter.url };
}
