import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readLogTail, trackTempDir, untrackTempDir, type ManagedProcess } from './managed-process';
import type { BackendKind, RunningBackend } from './types';

/** Grace period between SIGTERM and SIGKILL in stop(). */
export const STOP_TIMEOUT_MS = 10_000;

export interface BackendWorkspace {
  readonly kind: BackendKind;
  /** mkdtemp root, removed on stop: holds data/, the log and any config. */
  readonly root: string;
  readonly dataDir: string;
  readonly logFile: string;
}

/** mkdtemp under os.tmpdir() with a data/ subdir; removed at process exit if nobody stops it. */
export async function createWorkspace(kind: BackendKind): Promise<BackendWorkspace> {
  const root = await fs.promises.mkdtemp(path.join(os.tmpdir(), `egress-lens-${kind}-`));
  trackTempDir(root);
  const dataDir = path.join(root, 'data');
  await fs.promises.mkdir(dataDir);
  return { kind, root, dataDir, logFile: path.join(root, `${kind}.log`) };
}

async function removeWorkspace(ws: BackendWorkspace): Promise<void> {
  await fs.promises.rm(ws.root, { recursive: true, force: true, maxRetries: 3, retryDelay: 50 });
  untrackTempDir(ws.root);
}

/** Wrap a started child as a RunningBackend whose stop() is idempotent. */
export function toRunningBackend(ws: BackendWorkspace, url: string, proc: ManagedProcess): RunningBackend {
  let stopping: Promise<void> | undefined;
  return {
    kind: ws.kind,
    url,
    pid: proc.pid,
    dataDir: ws.dataDir,
    logFile: ws.logFile,
    stop: () => {
      stopping ??= proc.terminate(STOP_TIMEOUT_MS).then(() => removeWorkspace(ws));
      return stopping;
    },
    pause: () => proc.signal('SIGSTOP'),
    resume: () => proc.signal('SIGCONT'),
  };
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * Build the startup error (reason, command line, last 30 log lines), then kill the
 * child and remove the workspace so a failed start leaves nothing behind.
 */
export async function failStartup(
  ws: BackendWorkspace,
  proc: ManagedProcess | undefined,
  commandLine: string,
  cause: unknown,
): Promise<never> {
  if (proc) await proc.terminate(2_000);
  const exit = proc?.exitDescription();
  const message = [
    `${ws.kind} failed to start: ${describe(cause)}${exit ? ` (process ${exit})` : ''}`,
    `command: ${commandLine}`,
    `--- ${ws.logFile} (last 30 lines) ---`,
    readLogTail(ws.logFile, 30),
  ].join('\n');
  await removeWorkspace(ws).catch(() => undefined);
  throw new Error(message, { cause });
}
