/**
 * The demo's live part: six hours of demo-mesh history backfilled into a real
 * Prometheus, a live exporter that continues the same counters (scraped every
 * 15 s, so the numbers move), and the built app pointed at that Prometheus.
 * Everything listens on 127.0.0.1 and stops with Ctrl-C.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { exitOnSignals, findFreePort, startNextApp, startPrometheus } from '../lib/backends';
import { createDemoMesh, demoSeries, DEMO_STEP, startExporter, writeOpenMetrics } from '../lib/demo';

const ROOT = path.resolve(__dirname, '..');
const HISTORY_HOURS = 6;

async function freePortOr(preferred: number): Promise<number> {
  const net = await import('node:net');
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => void findFreePort().then(resolve));
    srv.listen(preferred, '127.0.0.1', () => srv.close(() => resolve(preferred)));
  });
}

async function main(): Promise<void> {
  exitOnSignals();
  const say = (msg: string) => console.log(`[demo] ${msg}`);
  const now = Math.floor(Date.now() / 1000);
  const origin = Math.floor((now - HISTORY_HOURS * 3600) / DEMO_STEP) * DEMO_STEP;
  const mesh = createDemoMesh({ origin });
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'egress-lens-demo-'));
  // Removed synchronously at exit, however the process ends.
  process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  const stops: (() => Promise<void>)[] = [];
  let stopping = false;
  const stopAll = async (code: number) => {
    if (stopping) return;
    stopping = true;
    say('stopping…');
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    process.exit(code);
  };
  process.removeAllListeners('SIGINT');
  process.removeAllListeners('SIGTERM');
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));

  try {
    say(`writing ${HISTORY_HOURS}h of demo history…`);
    const historyEnd = Math.floor(now / DEMO_STEP) * DEMO_STEP;
    const written = await writeOpenMetrics(demoSeries(mesh), { start: origin, end: historyEnd, step: DEMO_STEP }, path.join(dir, 'history.om'));
    say(`${written.series} series, ${written.samples} samples; starting the live exporter and Prometheus…`);

    const exporter = await startExporter(mesh, { host: '127.0.0.1', port: 0 });
    stops.push(() => exporter.close());
    const target = new URL(exporter.url).host;
    const prom = await startPrometheus({ openMetricsFile: path.join(dir, 'history.om'), scrapeTargets: [target], scrapeIntervalSeconds: 15 });
    stops.push(() => prom.stop());

    const port = Number(process.env.PORT) || (await freePortOr(3000));
    const app = await startNextApp({ root: ROOT, port, env: { PROMETHEUS_URL: prom.url } });
    stops.push(() => app.stop());

    say(`Prometheus (demo data): ${prom.url}`);
    say(`live exporter:          ${exporter.url}/metrics`);
    say('');
    say(`Egress Lens is running:  ${app.url}`);
    say('Press Ctrl-C to stop everything.');
  } catch (err) {
    console.error(`[demo] ${err instanceof Error ? err.message : String(err)}`);
    await stopAll(1);
  }
}

void main();
