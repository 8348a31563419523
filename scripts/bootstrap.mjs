// Prepares a fresh machine for the demo and the tests, with nothing but Node
// and npm: installs npm dependencies when missing and Debian packages when
// missing (as root with apt), otherwise stops with the exact command to run.
// Plain JavaScript on purpose: it runs before node_modules exists.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

/** Debian package providing each binary we run. */
const PACKAGES = { prometheus: 'prometheus', promtool: 'prometheus', 'victoria-metrics': 'victoria-metrics', chromium: 'chromium' };

export function log(msg) {
  process.stderr.write(`[egress-lens] ${msg}\n`);
}

export function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', cwd: ROOT, ...opts });
  if (r.error) throw r.error;
  return r.status ?? 1;
}

export function which(bin, pathEnv = process.env.PATH) {
  for (const dir of (pathEnv ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const p = path.join(dir, bin);
    try {
      fs.accessSync(p, fs.constants.X_OK);
      return p;
    } catch {
      /* not here */
    }
  }
  return null;
}

/** npm ci (or npm install without a lockfile) when node_modules is missing or older than the lockfile. */
export function ensureNodeModules() {
  const lock = path.join(ROOT, 'package-lock.json');
  const marker = path.join(ROOT, 'node_modules', '.package-lock.json');
  const fresh = fs.existsSync(marker) && (!fs.existsSync(lock) || fs.statSync(marker).mtimeMs >= fs.statSync(lock).mtimeMs);
  if (fresh) return;
  log('installing npm dependencies…');
  const status = run('npm', [fs.existsSync(lock) ? 'ci' : 'install', '--no-audit', '--no-fund']);
  if (status !== 0) throw new Error('npm dependencies could not be installed (see above).');
}

/**
 * Installs the Debian packages that provide the missing binaries, or explains
 * how to. `opts` (PATH and root-ness) exist for tests.
 */
export function ensureDebianBinaries(bins, opts = {}) {
  const pathEnv = opts.pathEnv ?? process.env.PATH;
  const isRoot = opts.isRoot ?? process.getuid?.() === 0;
  const missing = bins.filter((b) => !which(b, pathEnv));
  if (missing.length === 0) return;
  const pkgs = [...new Set(missing.map((b) => PACKAGES[b] ?? b))];
  const command = `apt-get install -y --no-install-recommends ${pkgs.join(' ')}`;
  if (!isRoot || !which('apt-get', pathEnv)) {
    throw new Error(`${missing.join(', ')} not found on PATH. Install with:\n  sudo apt-get update && sudo ${command}`);
  }
  log(`installing Debian packages: ${pkgs.join(', ')} (no service is started)…`);
  // Keep the packages' init scripts from starting services during the install.
  const policy = '/usr/sbin/policy-rc.d';
  const ownPolicy = !fs.existsSync(policy);
  if (ownPolicy) fs.writeFileSync(policy, '#!/bin/sh\nexit 101\n', { mode: 0o755 });
  try {
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    if (run('apt-get', ['update'], { env }) !== 0) throw new Error('apt-get update failed');
    if (run('apt-get', ['install', '-y', '--no-install-recommends', ...pkgs], { env }) !== 0) throw new Error(`${command} failed`);
  } finally {
    if (ownPolicy) fs.rmSync(policy, { force: true });
  }
  const still = missing.filter((b) => !which(b));
  if (still.length > 0) throw new Error(`still missing after install: ${still.join(', ')}`);
}

/**
 * The packages `npm ci` would warn about with EBADENGINE on this Node, as
 * `name@version`, asked of npm itself: a dry run (offline, no scripts) over a
 * copy of package.json and package-lock.json, so node_modules is untouched.
 */
export function engineMismatches(root = ROOT) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'egress-lens-engines-'));
  try {
    for (const f of ['package.json', 'package-lock.json']) fs.copyFileSync(path.join(root, f), path.join(dir, f));
    const r = spawnSync('npm', ['ci', '--dry-run', '--offline', '--ignore-scripts', '--no-audit', '--no-fund'], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, npm_config_cache: path.join(dir, 'cache') },
    });
    if (r.error) throw r.error;
    if (r.status !== 0) throw new Error(`npm ci --dry-run failed (${r.status}):\n${r.stderr}`);
    const found = [...`${r.stdout}\n${r.stderr}`.matchAll(/EBADENGINE\s+package: '([^']+)'/g)].map((m) => m[1]);
    return [...new Set(found)].sort();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
