import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startPrometheus, trackTempDir, untrackTempDir, type PrometheusOptions, type RunningBackend } from '../backends';
import type { DemoMesh, HistoryRange } from './types';
import { demoSeries } from './mesh';
import { writeOpenMetrics } from './writers';

/** A Prometheus backfilled with a demo mesh's history (the history file is gone once it runs). */
export interface DemoPrometheus extends RunningBackend {
  /** Series and samples written. */
  readonly written: { readonly series: number; readonly samples: number };
}

/**
 * Writes the mesh's history over `range` to a temp dir, backfills a real
 * Prometheus with it (promtool), starts it on loopback, and removes the
 * history file.
 */
export async function startDemoPrometheus(mesh: DemoMesh, range: HistoryRange, opts: Omit<PrometheusOptions, 'openMetricsFile'> = {}): Promise<DemoPrometheus> {
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'egress-lens-history-'));
  trackTempDir(dir); // removed at exit too, e.g. on Ctrl-C during the backfill
  try {
    const file = path.join(dir, 'history.om');
    const written = await writeOpenMetrics(demoSeries(mesh), range, file);
    // promtool has turned the history into TSDB blocks: the file (about 1.5 GB for 5x10^4 series over 35 minutes) is not needed any more.
    const prom = await startPrometheus({ ...opts, openMetricsFile: file });
    return { ...prom, written };
  } finally {
    await fs.promises.rm(dir, { recursive: true, force: true });
    untrackTempDir(dir);
  }
}
