import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startNextApp, startPrometheus, type RunningApp, type RunningBackend } from '../../lib/backends';
import { DEMO_STEP, demoSeries, writeOpenMetrics, type DemoMesh, type DemoSeries } from '../../lib/demo';

const ROOT = path.resolve(__dirname, '../..');

/** A Prometheus of its own holding one mesh's last hour (and the next, so rates reach now), and the built app on it. */
export interface OwnStack {
  readonly app: RunningApp;
  readonly prom: RunningBackend;
  /** Stops the app and Prometheus (by PID) and removes the history. */
  stop(): Promise<void>;
}

/** The start of the mesh's history: an hour before now, on the demo's step. */
export function ownStackOrigin(now = Math.floor(Date.now() / 1000)): number {
  return Math.floor((now - 3600) / DEMO_STEP) * DEMO_STEP;
}

/**
 * Backfills `mesh` (built from ownStackOrigin()) into a fresh Prometheus and
 * starts the app on it; for specs that need data the shared demo does not
 * hold. `series` rewrites the mesh's series first (e.g. into several clusters).
 */
export async function startOwnStack(name: string, mesh: DemoMesh, series: (mesh: DemoMesh) => Iterable<DemoSeries> = demoSeries): Promise<OwnStack> {
  const now = Math.floor(Date.now() / 1000);
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), `egress-lens-${name}-`));
  let prom: RunningBackend | undefined;
  try {
    const file = path.join(dir, 'history.om');
    await writeOpenMetrics(series(mesh), { start: ownStackOrigin(now), end: now + 3600, step: DEMO_STEP }, file);
    prom = await startPrometheus({ openMetricsFile: file });
    const app = await startNextApp({ root: ROOT, env: { PROMETHEUS_URL: prom.url } });
    const running = prom;
    return {
      app,
      prom: running,
      async stop() {
        await app.stop();
        await running.stop();
        await fs.rm(dir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await prom?.stop();
    await fs.rm(dir, { recursive: true, force: true });
    throw err;
  }
}
