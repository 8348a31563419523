// `npm test`: every check, in the order CI runs them, on a fresh machine too.
// Lint, typecheck, unit tests, production build, then Playwright end-to-end
// tests against real Prometheus and VictoriaMetrics.
import fs from 'node:fs';
import { ensureDebianBinaries, ensureNodeModules, log, run } from './bootstrap.mjs';

// The build runs with fake credentials in its environment; an e2e test
// greps the client assets for them (e2e/credential-sentinels.json).
const sentinels = JSON.parse(fs.readFileSync(new URL('../e2e/credential-sentinels.json', import.meta.url), 'utf8'));

const steps = [
  ['lint', 'npx', ['eslint', '.', '--max-warnings=0']],
  ['typecheck', 'npx', ['tsc', '--noEmit', '-p', '.']],
  ['unit', 'npx', ['vitest', 'run']],
  // `npm run build` plus the input stamp that lets `npm run demo` reuse this build.
  ['build', 'node', ['scripts/build.mjs'], sentinels.build],
  ['e2e', 'npx', ['playwright', 'test', '-c', 'e2e/playwright.config.ts']],
];

try {
  ensureNodeModules();
  ensureDebianBinaries(['prometheus', 'promtool', 'victoria-metrics', 'chromium']);
} catch (err) {
  log(err instanceof Error ? err.message : String(err));
  process.exit(1);
}

const only = process.argv.slice(2);
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };
const results = [];
for (const [name, cmd, args, extraEnv] of steps) {
  if (only.length > 0 && !only.includes(name)) continue;
  log(`── ${name}: ${cmd} ${args.join(' ')}`);
  const started = Date.now();
  const status = run(cmd, args, { env: { ...env, ...extraEnv } });
  results.push({ name, ok: status === 0, seconds: ((Date.now() - started) / 1000).toFixed(1) });
  if (status !== 0) break;
}
for (const r of results) log(`${r.ok ? 'ok  ' : 'FAIL'} ${r.name} (${r.seconds}s)`);
const failed = results.filter((r) => !r.ok).length;
const skipped = steps.length - results.length;
log(`steps: ${results.length - failed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 || results.length === 0 ? 1 : 0);
