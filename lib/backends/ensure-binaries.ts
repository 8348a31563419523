import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { which } from './which';

export type BinaryName = 'prometheus' | 'promtool' | 'victoria-metrics' | 'chromium';

/** Documented shape of the backend binaries; ensureBinaries() returns them keyed by BinaryName. */
export interface EnsureBinariesResult {
  prometheus: string;
  promtool: string;
  victoriaMetrics?: string;
}

export interface EnsureBinariesOptions {
  readonly install: boolean;
  readonly log?: (msg: string) => void;
  /** PATH to search (default process.env.PATH); for tests. */
  readonly pathEnv?: string;
}

/** Executable names to look for, in order. */
const CANDIDATES: Record<BinaryName, readonly string[]> = {
  prometheus: ['prometheus'],
  promtool: ['promtool'],
  'victoria-metrics': ['victoria-metrics', 'victoria-metrics-prod'],
  chromium: ['chromium', 'chromium-browser'],
};

/** Debian package providing each binary (prometheus ships promtool too). */
const DEBIAN_PACKAGE: Record<BinaryName, string> = {
  prometheus: 'prometheus',
  promtool: 'prometheus',
  'victoria-metrics': 'victoria-metrics',
  chromium: 'chromium',
};

const POLICY_RC_D = '/usr/sbin/policy-rc.d';

const isRoot = (): boolean => process.getuid?.() === 0;

let aptUpdated = false;

/** First candidate name of `name` found on PATH, or null. */
export function findBinary(name: BinaryName, pathEnv?: string): string | null {
  for (const candidate of CANDIDATES[name]) {
    const found = which(candidate, pathEnv);
    if (found) return found;
  }
  return null;
}

/** The exact command a user must run, e.g. "promtool not found on PATH. Install it with: sudo apt-get install prometheus". */
export function missingBinariesMessage(names: readonly BinaryName[]): string {
  const packages = [...new Set(names.map((n) => DEBIAN_PACKAGE[n]))];
  const sudo = isRoot() ? '' : 'sudo ';
  return `${names.join(', ')} not found on PATH. Install ${names.length === 1 ? 'it' : 'them'} with: ${sudo}apt-get install ${packages.join(' ')}`;
}

/** `override` if given, else a PATH lookup; throws the install hint when missing. */
export function resolveBinary(name: BinaryName, override?: string): string {
  const found = override ?? findBinary(name);
  if (!found) throw new Error(missingBinariesMessage([name]));
  return found;
}

function run(bin: string, args: readonly string[], log: (msg: string) => void): Promise<void> {
  log(`$ ${[bin, ...args].join(' ')}`);
  return new Promise((resolve, reject) => {
    const child = spawn(bin, [...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    let tail: string[] = [];
    const collect = (chunk: Buffer): void => {
      const lines = chunk.toString('utf8').split('\n').filter((l) => l.trim() !== '');
      for (const line of lines) log(line);
      tail = [...tail, ...lines].slice(-30);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`${bin} ${args.join(' ')} failed (${signal ?? `exit code ${code}`}):\n${tail.join('\n')}`));
    });
  });
}

/** Install Debian packages without starting their services (policy-rc.d exit 101). */
async function aptInstall(packages: readonly string[], log: (msg: string) => void): Promise<void> {
  let createdPolicy = false;
  if (!fs.existsSync(POLICY_RC_D)) {
    fs.writeFileSync(POLICY_RC_D, '#!/bin/sh\n# egress-lens: do not start services during install\nexit 101\n', { mode: 0o755 });
    createdPolicy = true;
  }
  try {
    if (!aptUpdated) await run('apt-get', ['update'], log);
    aptUpdated = true;
    await run('apt-get', ['install', '-y', '--no-install-recommends', ...packages], log);
  } finally {
    if (createdPolicy) fs.rmSync(POLICY_RC_D, { force: true });
  }
}

/**
 * Resolve prometheus/promtool/victoria-metrics/chromium on PATH. Missing ones are
 * apt-installed when `install` is set and we are root; otherwise this throws the
 * command the user must run.
 */
export async function ensureBinaries(
  need: readonly BinaryName[],
  opts: EnsureBinariesOptions,
): Promise<Record<string, string>> {
  const log = opts.log ?? (() => undefined);
  const lookup = (): { found: Record<string, string>; missing: BinaryName[] } => {
    const found: Record<string, string> = {};
    const missing: BinaryName[] = [];
    for (const name of new Set(need)) {
      const file = findBinary(name, opts.pathEnv);
      if (file) found[name] = file;
      else missing.push(name);
    }
    return { found, missing };
  };
  const first = lookup();
  if (first.missing.length === 0) return first.found;
  if (!opts.install || !isRoot() || !which('apt-get', opts.pathEnv)) {
    throw new Error(missingBinariesMessage(first.missing));
  }
  const packages = [...new Set(first.missing.map((n) => DEBIAN_PACKAGE[n]))];
  log(`installing ${packages.join(' ')} for ${first.missing.join(', ')}`);
  await aptInstall(packages, log);
  const second = lookup();
  if (second.missing.length > 0) throw new Error(missingBinariesMessage(second.missing));
  return second.found;
}
