import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findFreePort, readLogTail, waitForHttp } from '../../tools/backends';
import { spawnManaged, trackTempDir, untrackTempDir } from '../../tools/backends/managed-process';

/** What prometheus-proxy.mjs does to the answers it forwards. */
export type ProxyMode = 'pass' | 'warn' | 'login' | 'wrong-shape';

export interface RunningProxy {
  /** Base URL to use as PROMETHEUS_URL. */
  readonly url: string;
  readonly pid: number;
  /** Switches the mode of the running proxy (no restart). */
  setMode(mode: ProxyMode): Promise<void>;
  /** SIGTERM, SIGKILL after 5 s, then removes its log dir. Idempotent. */
  stop(): Promise<void>;
}

const SCRIPT = path.join(__dirname, 'prometheus-proxy.mjs');

/** Starts prometheus-proxy.mjs as its own process in front of `target` (which may come up later) and waits until it answers. */
export async function startProxy(target: string, mode: ProxyMode, port?: number): Promise<RunningProxy> {
  port ??= await findFreePort();
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'egress-lens-proxy-'));
  trackTempDir(dir);
  const logFile = path.join(dir, 'proxy.log');
  const proc = spawnManaged(process.execPath, [SCRIPT, '--target', target, '--port', String(port), '--mode', mode], { logFile });
  const url = `http://127.0.0.1:${port}`;
  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= proc.terminate(5_000).then(async () => {
      await fs.promises.rm(dir, { recursive: true, force: true });
      untrackTempDir(dir);
    });
    return stopping;
  };
  try {
    await waitForHttp(`${url}/-/proxy/mode`, { timeoutMs: 15_000, isAlive: proc.isRunning });
  } catch (err) {
    const tail = readLogTail(logFile);
    await stop();
    throw new Error(`the proxy failed to start: ${String(err)}\n${tail}`, { cause: err });
  }
  return {
    url,
    pid: proc.pid,
    stop,
    async setMode(next) {
      const res = await fetch(`${url}/-/proxy/mode`, { method: 'POST', body: next });
      if (!res.ok) throw new Error(`proxy mode ${next}: HTTP ${res.status} ${await res.text()}`);
    },
  };
}
