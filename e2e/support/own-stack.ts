import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { GraphPage } from '../pages/graph-page';
import { startNextApp, startPrometheus, type RunningApp, type RunningBackend } from '../../tools/backends';
import { DEMO_STEP, demoSeries, writeOpenMetrics, type DemoMesh, type DemoSeries } from '../../tools/demo';

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

/** Backfills `mesh` (built from ownStackOrigin()) into a fresh Prometheus and starts the app on it; for specs that need data the shared demo does not hold. */
export function startOwnStack(name: string, mesh: DemoMesh): Promise<OwnStack> {
  return startOwnStackWithSeries(name, demoSeries(mesh));
}

/** As startOwnStack, from series written by the spec (labels the demo mesh does not produce), from ownStackOrigin() to an hour after now. */
export async function startOwnStackWithSeries(name: string, series: Iterable<DemoSeries>): Promise<OwnStack> {
  const now = Math.floor(Date.now() / 1000);
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), `egress-lens-${name}-`));
  let prom: RunningBackend | undefined;
  try {
    const file = path.join(dir, 'history.om');
    await writeOpenMetrics(series, { start: ownStackOrigin(now), end: now + 3600, step: DEMO_STEP }, file);
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

/** Opens the graph page of an own stack (with `query`, a URL query without '?') and waits for the graph. */
export async function openOwnGraph(page: Page, stack: OwnStack | undefined, query = ''): Promise<GraphPage> {
  if (!stack) throw new Error('the own stack did not start');
  const graph = new GraphPage(page);
  await page.goto(`${stack.app.url}/${query ? `?${query}` : ''}`);
  await graph.waitForGraph();
  return graph;
}
