// `npm run build` (and the demo's build): `next build`, then
// scripts/standalone.mjs, then a stamp beside the build holding the hash of
// every input, so that `npm run demo` reuses .next while nothing changed.
// Plain JavaScript, like bootstrap.mjs: the demo runs it before tsx is loaded.
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Where the stamp lives, relative to the root: inside the build it describes. */
export const STAMP_FILE = path.join('.next', 'build-inputs.json');

/**
 * Never build inputs: what .gitignore lists as build output, installs and test
 * output (next-env.d.ts and *.tsbuildinfo are written by `next build` itself).
 * Everything else counts, docs and tests included: Tailwind scans every file
 * that git does not ignore for class names, so even a README edit can change
 * the CSS. The .env files, ignored by git, are read by `next build` and count.
 */
const SKIPPED_DIRS = new Set(['.git', '.next', 'node_modules', 'test-results', 'playwright-report', '.demo', path.join('e2e', '.state')]);
const SKIPPED_FILE = /(^|[\\/])(next-env\.d\.ts|[^\\/]*\.tsbuildinfo)$/;

/**
 * Environment variables that change what `next build` produces: NODE_ENV and
 * Next's own (NEXT_PUBLIC_* are inlined into client code). The app reads the
 * rest of its configuration (PROMETHEUS_URL, credentials…) at request time,
 * never at build time; e2e/security-headers.spec.ts greps the client assets of
 * a build made with sentinel values for them. NEXT_TELEMETRY_DISABLED only
 * stops Next from phoning home.
 */
export function buildEnvironment(env = process.env) {
  return Object.keys(env)
    .filter((k) => (k === 'NODE_ENV' || /^(__)?NEXT_/.test(k) || k.startsWith('TURBOPACK')) && k !== 'NEXT_TELEMETRY_DISABLED')
    .sort()
    .map((k) => [k, env[k] ?? '']);
}

/** Relative paths of every input file under `root`, sorted. */
function inputFiles(root) {
  const out = [];
  const walk = (rel) => {
    for (const entry of fs.readdirSync(path.join(root, rel), { withFileTypes: true })) {
      const p = rel ? path.join(rel, entry.name) : entry.name;
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(p)) walk(p);
      } else if ((entry.isFile() || entry.isSymbolicLink()) && !SKIPPED_FILE.test(p)) {
        out.push(p);
      }
    }
  };
  walk('');
  // What is installed, beyond what package-lock.json asks for.
  if (fs.existsSync(path.join(root, 'node_modules', '.package-lock.json'))) out.push(path.join('node_modules', '.package-lock.json'));
  return out.sort();
}

/**
 * SHA-256 over everything a build depends on: each input file's path and
 * content, the build environment, and the Node version and platform.
 */
export function buildInputsHash(root = ROOT, env = process.env) {
  const hash = crypto.createHash('sha256');
  hash.update(`node ${process.version} ${process.platform} ${process.arch}\0`);
  for (const [k, v] of buildEnvironment(env)) hash.update(`env ${k}=${v}\0`);
  for (const rel of inputFiles(root)) {
    const full = path.join(root, rel);
    const content = fs.lstatSync(full).isSymbolicLink() ? `symlink:${fs.readlinkSync(full)}` : fs.readFileSync(full);
    hash.update(`file ${rel.split(path.sep).join('/')} ${content.length}\0`);
    hash.update(content);
  }
  return hash.digest('hex');
}

/**
 * True when .next holds a complete standalone build stamped with today's input
 * hash, and no build has run since the stamp was written (a plain `next build`
 * rewrites .next/BUILD_ID but not the stamp).
 */
export function isBuildFresh(root = ROOT, env = process.env) {
  let stamp;
  let stampedAt;
  let builtAt;
  try {
    const stampFile = path.join(root, STAMP_FILE);
    stamp = JSON.parse(fs.readFileSync(stampFile, 'utf8'));
    stampedAt = fs.statSync(stampFile).mtimeMs;
    builtAt = fs.statSync(path.join(root, '.next', 'BUILD_ID')).mtimeMs;
  } catch {
    return false;
  }
  const standalone = path.join(root, '.next', 'standalone');
  return (
    typeof stamp?.hash === 'string' &&
    builtAt <= stampedAt &&
    fs.existsSync(path.join(standalone, 'server.js')) &&
    fs.existsSync(path.join(standalone, '.next', 'static')) &&
    stamp.hash === buildInputsHash(root, env)
  );
}

/** Settles once the child has exited, also when `opts.signal` aborts it (so nothing outlives the caller). */
function runChild(cmd, args, opts) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: 'inherit', ...opts });
    child.once('error', (err) => {
      if (child.pid === undefined) reject(err); // could not start; an abort is reported by 'exit'
    });
    child.once('exit', (code, signal) => (code === 0 ? resolve() : reject(new Error(`${path.basename(args[0] ?? cmd)} ${signal ? `killed by ${signal}` : `exited with code ${code}`}`))));
  });
}

/**
 * next build + standalone.mjs, then the stamp, unless an input changed while
 * building (the stamp is removed first, so a failed or interrupted build is
 * never reused). `signal` aborts the build (its child gets SIGTERM).
 */
export async function buildApp({ root = ROOT, env = process.env, signal } = {}) {
  const stampFile = path.join(root, STAMP_FILE);
  fs.rmSync(stampFile, { force: true });
  const before = buildInputsHash(root, env);
  const opts = { cwd: root, env, signal, killSignal: 'SIGTERM' };
  await runChild(process.execPath, [path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next'), 'build'], opts);
  await runChild(process.execPath, [path.join(root, 'scripts', 'standalone.mjs')], opts);
  const after = buildInputsHash(root, env);
  if (after !== before) {
    process.stderr.write('[egress-lens] inputs changed during the build: not stamping it, the next demo rebuilds\n');
    return false;
  }
  fs.writeFileSync(stampFile, `${JSON.stringify({ hash: after, node: process.version, builtAt: new Date().toISOString() }, null, 2)}\n`);
  return true;
}

// `node scripts/build.mjs` builds; `--check` only says whether .next is up to date (exit 0) or not (exit 1).
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (process.argv.includes('--check')) {
    const fresh = isBuildFresh();
    process.stdout.write(fresh ? 'the build in .next is up to date\n' : 'the build in .next is missing or out of date\n');
    process.exit(fresh ? 0 : 1);
  }
  buildApp().then(
    () => process.exit(0),
    (err) => {
      process.stderr.write(`[egress-lens] build failed: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(1);
    },
  );
}
