// `npm run demo`: the whole demo on loopback from a fresh clone. Installs
// npm dependencies and Debian's prometheus package when missing, builds the
// app, then hands over to scripts/demo-run.ts (TypeScript, via tsx), which
// backfills the demo mesh, starts the live exporter, Prometheus and the app.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { ensureDebianBinaries, ensureNodeModules, log, ROOT, run } from './bootstrap.mjs';

try {
  ensureNodeModules();
  ensureDebianBinaries(['prometheus', 'promtool']);
} catch (err) {
  log(err instanceof Error ? err.message : String(err));
  process.exit(1);
}

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };
log('building the app (next build, standalone server)…');
if (
  run(process.execPath, [path.join(ROOT, 'node_modules/next/dist/bin/next'), 'build'], { env }) !== 0 ||
  run(process.execPath, [path.join(ROOT, 'scripts/standalone.mjs')], { env }) !== 0
) {
  log('the build failed (see above).');
  process.exit(1);
}

const child = spawn(process.execPath, [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), path.join(ROOT, 'scripts/demo-run.ts')], {
  stdio: 'inherit',
  cwd: ROOT,
  env,
});
// Ctrl-C reaches the whole process group; forward other stop signals by PID.
for (const sig of ['SIGTERM', 'SIGHUP']) process.on(sig, () => child.kill(sig));
process.on('SIGINT', () => {});
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
