import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findFreePort, waitForHttp } from './net';
import { MALLOC_ENV } from '../../lib/runtime/malloc';
import { readLogTail, spawnManaged, trackTempDir, untrackTempDir } from './managed-process';

export interface NextAppOptions {
  /** Project root holding the production build (.next). */
  readonly root: string;
  /** Environment added to ours (PROMETHEUS_URL and friends). */
  readonly env: Readonly<Record<string, string>>;
  readonly host?: string;
  /** Default: a free port. */
  readonly port?: number;
  readonly readyTimeoutMs?: number;
  /** Path that answers 200 once the app is up (default `/`; an app behind sign-in answers 401 there). */
  readonly readyPath?: string;
  /** Node.js options before the server script, e.g. `--cpu-prof` (which NODE_OPTIONS does not accept). */
  readonly nodeArgs?: readonly string[];
}

export interface RunningApp {
  readonly url: string;
  readonly pid: number;
  readonly logFile: string;
  stop(): Promise<void>;
}

/**
 * Starts the built app on loopback, the way it ships: Next.js's standalone
 * server (`node .next/standalone/server.js`, as in the Dockerfile, with the
 * image's malloc settings, lib/runtime/malloc.ts), and waits
 * until it serves a page.
 */
export async function startNextApp(opts: NextAppOptions): Promise<RunningApp> {
  const server = path.join(opts.root, '.next', 'standalone', 'server.js');
  if (!fs.existsSync(server) || !fs.existsSync(path.join(opts.root, '.next', 'standalone', '.next', 'static'))) {
    throw new Error(`no standalone production build in ${opts.root}/.next: run \`npm run build\` first`);
  }
  const host = opts.host ?? '127.0.0.1';
  const port = opts.port ?? (await findFreePort(host));
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'egress-lens-app-'));
  trackTempDir(dir);
  const logFile = path.join(dir, 'app.log');
  const proc = spawnManaged(process.execPath, [...(opts.nodeArgs ?? []), server], {
    logFile,
    cwd: path.dirname(server),
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', ...MALLOC_ENV, ...opts.env, HOSTNAME: host, PORT: String(port) },
  });
  const url = `http://${host}:${port}`;
  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= proc.terminate(10_000).then(async () => {
      await fs.promises.rm(dir, { recursive: true, force: true });
      untrackTempDir(dir);
    });
    return stopping;
  };
  try {
    await waitForHttp(`${url}${opts.readyPath ?? '/'}`, { timeoutMs: opts.readyTimeoutMs ?? 60_000, isAlive: proc.isRunning });
  } catch (err) {
    const tail = readLogTail(logFile, 30);
    await stop();
    throw new Error(`the app failed to start: ${err instanceof Error ? err.message : String(err)}\n${tail}`, { cause: err });
  }
  return { url, pid: proc.pid, logFile, stop };
}
