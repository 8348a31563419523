import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatCommandLine, readLogTail, runLogged, spawnManaged } from './managed-process';
import { makeTempDir, pidExists } from '../../testing/backend-history';

const tmp = makeTempDir('proc');
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('formatCommandLine', () => {
  it('quotes only what a shell would need', () => {
    expect(formatCommandLine('/usr/bin/x', ['--a=b', 'two words', "it's"])).toBe(`/usr/bin/x --a=b 'two words' 'it'\\''s'`);
  });
});

describe('readLogTail', () => {
  it('returns the last lines, or a note when the file is missing', () => {
    const file = path.join(tmp, 'tail.log');
    fs.writeFileSync(file, `${Array.from({ length: 50 }, (_, i) => `line ${i}`).join('\n')}\n`);
    expect(readLogTail(file, 3)).toBe('line 47\nline 48\nline 49');
    expect(readLogTail(path.join(tmp, 'missing.log'))).toMatch(/could not read/);
  });
});

describe('spawnManaged', () => {
  it('logs output, reports the exit and terminates with SIGTERM', async () => {
    const logFile = path.join(tmp, 'sh.log');
    const proc = spawnManaged('sh', ['-c', 'echo hello; echo oops >&2; exec sleep 30'], { logFile });
    expect(proc.isRunning()).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 200));
    await proc.terminate(2_000);
    expect(proc.exitDescription()).toBe('killed by SIGTERM');
    expect(pidExists(proc.pid)).toBe(false);
    expect(fs.readFileSync(logFile, 'utf8')).toBe("$ sh -c 'echo hello; echo oops >&2; exec sleep 30'\nhello\noops\n");
  });

  it('escalates to SIGKILL when SIGTERM is ignored', async () => {
    const proc = spawnManaged('sh', ['-c', 'trap "" TERM; while :; do sleep 0.05; done'], { logFile: path.join(tmp, 'trap.log') });
    await new Promise((resolve) => setTimeout(resolve, 200));
    await proc.terminate(300);
    expect(proc.exitDescription()).toBe('killed by SIGKILL');
  });

  it('throws when the binary does not exist', () => {
    expect(() => spawnManaged('/nonexistent/egress-lens-bin', [], { logFile: path.join(tmp, 'x.log') })).toThrow(/could not spawn/);
  });

  it('runLogged reports a non-zero exit', async () => {
    const result = await runLogged('sh', ['-c', 'exit 4'], { logFile: path.join(tmp, 'run.log'), timeoutMs: 5_000 });
    expect(result).toEqual({ ok: false, commandLine: "sh -c 'exit 4'", status: 'exited with code 4' });
  });
});

describe('exit hook', () => {
  it.each([['exit 0', []], ['exit 3', ['--crash']]])('kills children and removes temp dirs on %s', (_name, extra) => {
    const script = path.join(__dirname, 'testdata', 'exit-hook-child.ts');
    let out = '';
    try {
      out = execFileSync(process.execPath, ['--import', 'tsx', script, ...extra], { encoding: 'utf8', timeout: 20_000 });
    } catch (err) {
      out = String((err as { stdout?: unknown }).stdout ?? '');
    }
    const [pidText, dir] = out.trim().split(' ');
    const pid = Number(pidText);
    expect(pid).toBeGreaterThan(0);
    expect(pidExists(pid)).toBe(false);
    expect(fs.existsSync(dir ?? '')).toBe(false);
  }, 25_000);

  it('with exitOnSignals(), a SIGTERM to the parent alone still cleans up', async () => {
    const script = path.join(__dirname, 'testdata', 'exit-hook-child.ts');
    const parent = spawn(process.execPath, ['--import', 'tsx', script, '--wait-signal'], { stdio: ['ignore', 'pipe', 'inherit'] });
    const line = await new Promise<string>((resolve) => parent.stdout.once('data', (chunk: Buffer) => resolve(chunk.toString())));
    const exited = new Promise<number | null>((resolve) => parent.once('exit', (code) => resolve(code)));
    parent.kill('SIGTERM');
    expect(await exited).toBe(143);
    const [pidText, dir] = line.trim().split(' ');
    expect(pidExists(Number(pidText))).toBe(false);
    expect(fs.existsSync(dir ?? '')).toBe(false);
  }, 25_000);
});
