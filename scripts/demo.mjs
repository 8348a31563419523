// `npm run demo`: the whole demo on loopback from a fresh clone. Installs
// npm dependencies and Debian's prometheus package when missing, builds the
// app unless .next is up to date (scripts/build.mjs), then runs
// scripts/demo-run.ts in this same process (TypeScript, loaded with tsx's
// API): the demo mesh's history backfilled into Prometheus, the live
// exporter, and the app.
//
// Stopping: SIGINT, SIGTERM or SIGHUP, whether sent to this process (npm
// forwards SIGINT and SIGTERM to it: package.json `exec`s node, so no shell
// sits in between to die of them alone) or to the whole process group
// (Ctrl-C in a terminal, SIGHUP when it closes), runs every cleanup
// once, newest first: each child is stopped by PID and waited for, and each
// temporary file and directory is removed. Only then does the demo exit.
import { ensureDebianBinaries, ensureNodeModules, log, ROOT } from './bootstrap.mjs';

/** What to undo, in the order things were started. */
const cleanups = [];
const aborter = new AbortController();
let stopping;

function describe(err) {
  return err instanceof Error ? err.message : String(err);
}

/** Runs every cleanup once (later calls return the same promise), then exits. */
function stop(code) {
  stopping ??= (async () => {
    aborter.abort();
    let status = code;
    for (const cleanup of cleanups.reverse()) {
      try {
        await cleanup();
      } catch (err) {
        log(`cleanup failed: ${describe(err)}`);
        status = status || 1;
      }
    }
    process.exit(status);
  })();
  return stopping;
}

for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => {
    // npm forwards a terminal's Ctrl-C that already reached us: one stop only.
    if (!stopping) log(`${sig}: stopping the demo…`);
    void stop(0);
  });
}

async function main() {
  ensureNodeModules();
  ensureDebianBinaries(['prometheus', 'promtool']);
  if (aborter.signal.aborted) return;

  const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };
  const { buildApp, isBuildFresh } = await import('./build.mjs');
  if (isBuildFresh(ROOT, env)) {
    log('reusing the build in .next: no input changed since it was built (scripts/build.mjs)');
  } else {
    log('building the app (next build, standalone server)…');
    const build = buildApp({ root: ROOT, env, signal: aborter.signal });
    cleanups.push(() => build.then(() => undefined, () => undefined));
    await build;
  }
  if (aborter.signal.aborted) return;

  // tsx's cache would be left behind in the temp dir: the demo transpiles its
  // few TypeScript files afresh (milliseconds) and leaves nothing there.
  process.env.TSX_DISABLE_CACHE = '1';
  const { tsImport } = await import('tsx/esm/api');
  const { startDemo } = await tsImport('./demo-run.ts', import.meta.url);
  await startDemo({
    root: ROOT,
    port: process.env.PORT,
    historyHours: process.env.DEMO_HISTORY_HOURS,
    say: (msg) => console.log(`[demo] ${msg}`),
    onCleanup: (cleanup) => cleanups.push(cleanup),
  });
}

main().catch((err) => {
  if (stopping) return;
  log(describe(err));
  void stop(1);
});
