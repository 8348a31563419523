import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureBinaries, missingBinariesMessage } from './ensure-binaries';
import { makeTempDir } from './test-fixtures';

const tmp = makeTempDir('bins');
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function fakeBin(dir: string, name: string): string {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, name);
  fs.writeFileSync(file, '#!/bin/sh\n', { mode: 0o755 });
  return file;
}

const sudo = process.getuid?.() === 0 ? '' : 'sudo ';

describe('ensureBinaries', () => {
  it('returns paths keyed by the requested names, accepting alternative executable names', async () => {
    const dir = path.join(tmp, 'all');
    const prom = fakeBin(dir, 'prometheus');
    const promtool = fakeBin(dir, 'promtool');
    const vm = fakeBin(dir, 'victoria-metrics-prod');
    const chromium = fakeBin(dir, 'chromium-browser');
    await expect(
      ensureBinaries(['prometheus', 'promtool', 'victoria-metrics', 'chromium'], { install: false, pathEnv: dir }),
    ).resolves.toEqual({ prometheus: prom, promtool, 'victoria-metrics': vm, chromium });
  });

  it('without install, throws the exact command to run', async () => {
    const dir = path.join(tmp, 'some');
    fakeBin(dir, 'prometheus');
    await expect(ensureBinaries(['prometheus', 'promtool'], { install: false, pathEnv: dir })).rejects.toThrow(
      `promtool not found on PATH. Install it with: ${sudo}apt-get install prometheus`,
    );
  });

  it('names each Debian package once', () => {
    expect(missingBinariesMessage(['prometheus', 'promtool', 'victoria-metrics'])).toBe(
      `prometheus, promtool, victoria-metrics not found on PATH. Install them with: ${sudo}apt-get install prometheus victoria-metrics`,
    );
  });

  it('does not try apt-get when it is not on PATH, even with install', async () => {
    const logs: string[] = [];
    await expect(
      ensureBinaries(['chromium'], { install: true, pathEnv: path.join(tmp, 'empty'), log: (m) => logs.push(m) }),
    ).rejects.toThrow(`chromium not found on PATH. Install it with: ${sudo}apt-get install chromium`);
    expect(logs).toEqual([]);
  });
});
