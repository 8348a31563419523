import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { findFreePort } from '../tools/backends';
import { isRunning, processTree, type ProcessInfo } from './support/process-tree';

/**
 * `npm run demo` as a user runs it, stopped the three ways a user stops it.
 * Each case gives the demo its own empty TMPDIR, so "nothing left behind"
 * means exactly that: the directory is empty again.
 */
const ROOT = path.resolve(__dirname, '..');

const CASES: readonly { name: string; signal: NodeJS.Signals; group: boolean }[] = [
  { name: 'Ctrl-C in a terminal (SIGINT to the process group)', signal: 'SIGINT', group: true },
  { name: 'SIGINT to the npm process', signal: 'SIGINT', group: false },
  { name: 'SIGTERM to the npm process', signal: 'SIGTERM', group: false },
];

interface Demo {
  readonly npm: ChildProcess;
  output(): string;
}

function startDemo(tmp: string, port: number): Demo {
  // detached: its own process group, as a terminal gives a foreground job.
  const npm = spawn('npm', ['run', 'demo'], {
    cwd: ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    // One hour of history instead of six keeps each case to seconds; the files are the same kind.
    env: { ...process.env, TMPDIR: tmp, PORT: String(port), DEMO_HISTORY_HOURS: '1', NEXT_TELEMETRY_DISABLED: '1' },
  });
  let out = '';
  npm.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  npm.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  return { npm, output: () => out };
}

async function until<T>(what: string, timeoutMs: number, probe: () => T | undefined, demo: Demo): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms. Demo output:\n${demo.output().slice(-4000)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const lineValue = (out: string, label: string): string | undefined => new RegExp(`\\[demo\\] ${label}\\s+(.+)`).exec(out)?.[1]?.trim();

test.describe('the demo stops cleanly', () => {
  test.beforeAll(() => {
    // The demo would otherwise rebuild .next under the apps this run already started.
    const check = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'build.mjs'), '--check'], { cwd: ROOT, encoding: 'utf8' });
    expect(check.status, `${check.stdout}${check.stderr}: run \`node scripts/build.mjs\` (npm test does) before the e2e tests`).toBe(0);
  });

  for (const { name, signal, group } of CASES) {
    test(`${name}: every process it started is gone and every file it made is removed`, async () => {
      test.setTimeout(60_000);
      const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'egress-lens-demo-signals-'));
      const port = await findFreePort();
      const demo = startDemo(tmp, port);
      const pid = demo.npm.pid!;
      let tree: ProcessInfo[] = [];
      try {
        const url = await until('the demo serving', 45_000, () => lineValue(demo.output(), 'Egress Lens is running:'), demo);
        expect(url).toBe(`http://127.0.0.1:${port}`);
        expect((await fetch(`${url}/api/livez`)).status).toBe(200);

        tree = processTree(pid);
        const commands = tree.map((p) => p.command).join('\n');
        expect(commands).toMatch(/prometheus --config\.file=/);
        expect(commands).toMatch(/next-server|server\.js/);
        // What the demo made, as it says and as the directory shows.
        const temps = (lineValue(demo.output(), 'temporary files:') ?? '').split(/\s+/).filter(Boolean);
        const tempsExisted = temps.map((t) => t.startsWith(tmp + path.sep) && fs.existsSync(t));
        const madeInTmp = fs.readdirSync(tmp);

        process.kill(group ? -pid : pid, signal);
        await until('npm exiting', 30_000, () => (demo.npm.exitCode !== null || demo.npm.signalCode !== null ? true : undefined), demo);
        // npm is the last to go; give orphans a moment to be reaped before calling them leftovers.
        await until('every process gone', 5_000, () => (tree.some(isRunning) ? undefined : true), demo).catch(() => undefined);

        expect(tree.filter(isRunning).map((p) => `${p.pid} ${p.command}`)).toEqual([]);
        expect(madeInTmp.length, 'the demo wrote to its TMPDIR').toBeGreaterThan(0);
        expect(fs.readdirSync(tmp)).toEqual([]);
        await expect(fetch(url)).rejects.toThrow();
        expect(temps.length, 'the demo lists its temporary files').toBeGreaterThan(0);
        expect(tempsExisted, `${temps.join(' ')} existed in ${tmp} while it ran`).toEqual(temps.map(() => true));
        for (const t of temps) expect(fs.existsSync(t), t).toBe(false);
        expect(demo.output()).toContain(`${signal}: stopping the demo`);
      } finally {
        // A failed case must not leave its processes to the next one.
        for (const p of [...tree, ...processTree(pid)].filter(isRunning)) {
          try {
            process.kill(p.pid, 'SIGKILL');
          } catch {
            /* gone meanwhile */
          }
        }
        fs.rmSync(tmp, { recursive: true, force: true });
      }
    });
  }
});
