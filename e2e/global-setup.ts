import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { findFreePort, startNextApp, startPrometheus, startVictoriaMetrics, waitForHttp } from '../tools/backends';
import { createDemoMesh, demoSeries, DEMO_STEP, writeOpenMetrics, writeVmJsonLines } from '../tools/demo';
import sentinels from './credential-sentinels.json';
import { writeState } from './state';

const ROOT = path.resolve(__dirname, '..');

/** A TCP server that accepts connections and never answers: a hung Prometheus. */
async function startHangingServer(): Promise<{ url: string; close: () => void }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  const port = await findFreePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => {
      for (const s of sockets) s.destroy();
      server.close();
    },
  };
}

/**
 * Backfills three hours of the demo mesh (plus one hour ahead, so queries at
 * "now" see full rate windows) into real Prometheus and VictoriaMetrics, and
 * starts the built app once per backend, plus two apps whose backend is down
 * or hangs. Returns the teardown, which stops everything by PID.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const started = Date.now();
  const now = Math.floor(Date.now() / 1000);
  const origin = Math.floor((now - 3 * 3600) / DEMO_STEP) * DEMO_STEP;
  const mesh = createDemoMesh({ origin });
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'egress-lens-e2e-'));
  const range = { start: origin, end: now + 3600, step: DEMO_STEP };
  const omFile = path.join(dir, 'history.om');
  const vmFile = path.join(dir, 'history.jsonl');
  await Promise.all([writeOpenMetrics(demoSeries(mesh), range, omFile), writeVmJsonLines(demoSeries(mesh), range, vmFile)]);

  const stops: (() => Promise<void> | void)[] = [];
  const teardown = async () => {
    await Promise.allSettled(stops.reverse().map((s) => s()));
    await fs.promises.rm(dir, { recursive: true, force: true });
  };
  try {
    const [prom, vm] = await Promise.all([startPrometheus({ openMetricsFile: omFile }), startVictoriaMetrics({ jsonLinesFile: vmFile })]);
    stops.push(() => prom.stop(), () => vm.stop());
    const hanging = await startHangingServer();
    stops.push(hanging.close);
    const deadPort = await findFreePort();

    const apps = await Promise.all([
      // Prometheus ignores credentials it was not configured for; the app must never show them.
      startNextApp({ root: ROOT, env: { PROMETHEUS_URL: prom.url, ...sentinels.runtime } }),
      startNextApp({ root: ROOT, env: { PROMETHEUS_URL: vm.url } }),
      startNextApp({ root: ROOT, env: { PROMETHEUS_URL: `http://127.0.0.1:${deadPort}` } }),
      startNextApp({ root: ROOT, env: { PROMETHEUS_URL: hanging.url, PROMETHEUS_TIMEOUT_MS: '2000' } }),
    ]);
    for (const app of apps) stops.push(() => app.stop());
    const [promApp, vmApp, deadApp, hangApp] = apps as [(typeof apps)[number], (typeof apps)[number], (typeof apps)[number], (typeof apps)[number]];
    await waitForHttp(`${promApp.url}/api/health`, { timeoutMs: 30_000 });

    writeState({
      origin,
      apps: { prometheus: promApp.url, 'victoria-metrics': vmApp.url, unreachable: deadApp.url, hanging: hangApp.url },
      backends: { prometheus: prom.url, 'victoria-metrics': vm.url },
      historyFile: omFile,
    });
    console.log(`[e2e] demo history backfilled and 4 apps started in ${((Date.now() - started) / 1000).toFixed(1)}s`);
  } catch (err) {
    await teardown();
    throw err;
  }
  return teardown;
}
