import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';

/** A child process whose stdout/stderr go to a log file and which dies with us. */
export interface ManagedProcess {
  readonly pid: number;
  readonly commandLine: string;
  readonly logFile: string;
  isRunning(): boolean;
  /** "exited with code 1" / "killed by SIGKILL", or null while running. */
  exitDescription(): string | null;
  /** Resolves when the process has exited and been reaped. */
  readonly exited: Promise<void>;
  signal(sig: NodeJS.Signals): void;
  /** SIGTERM (+SIGCONT in case it is paused), SIGKILL after `timeoutMs`. */
  terminate(timeoutMs: number): Promise<void>;
}

const liveChildren = new Set<ChildProcess>();
const tempDirs = new Set<string>();
let exitHookInstalled = false;

/** On process exit (normal or process.exit), SIGKILL children still running and drop tracked temp dirs. */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const child of liveChildren) {
      try {
        child.kill('SIGKILL');
      } catch {
        /* already gone */
      }
    }
    for (const dir of tempDirs) {
      try {
        fs.rmSync(dir, { recursive: true, force: true, maxRetries: 3, retryDelay: 20 });
      } catch {
        /* best effort: a child may still be writing */
      }
    }
  });
}

/**
 * Opt-in for scripts (demo, benchmarks): turn SIGINT/SIGTERM/SIGHUP into
 * process.exit(128 + n) so the exit hook still kills children and removes temp
 * dirs. Not installed by default because it replaces Node's default handling.
 */
export function exitOnSignals(signals: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP']): void {
  installExitHook();
  const codes: Partial<Record<NodeJS.Signals, number>> = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 };
  for (const sig of signals) process.once(sig, () => process.exit(128 + (codes[sig] ?? 0)));
}

/** Remove `dir` on process exit unless untrackTempDir() is called first. */
export function trackTempDir(dir: string): void {
  installExitHook();
  tempDirs.add(dir);
}

export function untrackTempDir(dir: string): void {
  tempDirs.delete(dir);
}

/** Shell-style quoting, for error messages only (we never spawn a shell). */
export function formatCommandLine(bin: string, args: readonly string[]): string {
  return [bin, ...args].map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ');
}

/** The last `lines` lines of a log file (reads at most the last 64 KiB). */
export function readLogTail(file: string, lines = 30): string {
  try {
    const fd = fs.openSync(file, 'r');
    try {
      const size = fs.fstatSync(fd).size;
      const length = Math.min(size, 64 * 1024);
      const buf = Buffer.alloc(length);
      fs.readSync(fd, buf, 0, length, size - length);
      return buf.toString('utf8').trimEnd().split('\n').slice(-lines).join('\n');
    } finally {
      fs.closeSync(fd);
    }
  } catch (err) {
    return `(could not read ${file}: ${err instanceof Error ? err.message : String(err)})`;
  }
}

export interface SpawnManagedOptions {
  readonly logFile: string;
  readonly cwd?: string;
  /** The child's whole environment; default: ours. */
  readonly env?: NodeJS.ProcessEnv;
}

/** Spawn without a shell, in our process group, with output appended to `logFile`. */
export function spawnManaged(bin: string, args: readonly string[], opts: SpawnManagedOptions): ManagedProcess {
  const commandLine = formatCommandLine(bin, args);
  const fd = fs.openSync(opts.logFile, 'a');
  let child: ChildProcess;
  try {
    fs.writeSync(fd, `$ ${commandLine}\n`);
    child = spawn(bin, [...args], { stdio: ['ignore', fd, fd], cwd: opts.cwd, env: opts.env, windowsHide: true });
  } finally {
    fs.closeSync(fd);
  }
  let spawnError: Error | undefined;
  child.on('error', (err) => {
    spawnError = err;
  });
  const pid = child.pid;
  if (pid === undefined) {
    throw new Error(`could not spawn: ${commandLine}`);
  }
  installExitHook();
  liveChildren.add(child);
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => {
      liveChildren.delete(child);
      resolve();
    });
  });
  const isRunning = (): boolean => child.exitCode === null && child.signalCode === null;
  const signal = (sig: NodeJS.Signals): void => {
    if (isRunning()) child.kill(sig);
  };
  const waitUpTo = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      void exited.then(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  return {
    pid,
    commandLine,
    logFile: opts.logFile,
    exited,
    isRunning,
    signal,
    exitDescription: () => {
      if (spawnError) return `failed to spawn: ${spawnError.message}`;
      if (child.signalCode !== null) return `killed by ${child.signalCode}`;
      if (child.exitCode !== null) return `exited with code ${child.exitCode}`;
      return null;
    },
    terminate: async (timeoutMs) => {
      if (!isRunning()) return exited;
      signal('SIGTERM');
      signal('SIGCONT');
      await waitUpTo(timeoutMs);
      if (isRunning()) {
        signal('SIGKILL');
        await waitUpTo(5_000);
      }
    },
  };
}

export interface RunResult {
  readonly ok: boolean;
  readonly commandLine: string;
  /** "exited with code 0", "timed out after ... (killed by SIGTERM)", ... */
  readonly status: string;
}

/** Run a short-lived tool (e.g. promtool) to completion, output appended to the log. */
export async function runLogged(
  bin: string,
  args: readonly string[],
  opts: SpawnManagedOptions & { readonly timeoutMs: number },
): Promise<RunResult> {
  const proc = spawnManaged(bin, args, opts);
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    void proc.terminate(2_000);
  }, opts.timeoutMs);
  await proc.exited;
  clearTimeout(timer);
  const exit = proc.exitDescription() ?? 'unknown';
  const status = timedOut ? `timed out after ${opts.timeoutMs} ms (${exit})` : exit;
  return { ok: !timedOut && exit === 'exited with code 0', commandLine: proc.commandLine, status };
}
