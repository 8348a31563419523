/**
 * Test child for managed-process.test.ts: spawns `sleep 60` with a tracked temp
 * dir and prints "<pid> <dir>". Then it exits (code 0, or 3 with --crash) or,
 * with --wait-signal, waits for a signal after exitOnSignals(). Either way the
 * exit hook must kill the sleeper and remove the dir.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { exitOnSignals, spawnManaged, trackTempDir } from '../managed-process';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'egress-lens-test-exit-hook-'));
trackTempDir(dir);
const proc = spawnManaged('sleep', ['60'], { logFile: path.join(dir, 'sleep.log') });
const waitForSignal = process.argv.includes('--wait-signal');
if (waitForSignal) exitOnSignals();
process.stdout.write(`${proc.pid} ${dir}\n`, () => {
  if (!waitForSignal) process.exit(process.argv.includes('--crash') ? 3 : 0);
});
