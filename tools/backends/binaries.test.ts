import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findBinary, missingBinariesMessage, resolveBinary } from './binaries';
import { makeTempDir } from '../../testing/backend-history';

const tmp = makeTempDir('bins');
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function fakeBin(dir: string, name: string): string {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, name);
  fs.writeFileSync(file, '#!/bin/sh\n', { mode: 0o755 });
  return file;
}

const sudo = process.getuid?.() === 0 ? '' : 'sudo ';

describe('findBinary', () => {
  it('accepts alternative executable names', () => {
    const dir = path.join(tmp, 'all');
    expect(findBinary('victoria-metrics', dir)).toBeNull();
    const vm = fakeBin(dir, 'victoria-metrics-prod');
    const chromium = fakeBin(dir, 'chromium-browser');
    expect(findBinary('victoria-metrics', dir)).toBe(vm);
    expect(findBinary('chromium', dir)).toBe(chromium);
  });
});

describe('missing binaries', () => {
  it('say the exact command to run, naming each Debian package once', () => {
    expect(missingBinariesMessage(['prometheus', 'promtool', 'victoria-metrics'])).toBe(
      `prometheus, promtool, victoria-metrics not found on PATH. Install them with: ${sudo}apt-get install prometheus victoria-metrics`,
    );
  });

  it('prefer an explicit path over PATH', () => {
    expect(resolveBinary('promtool', '/opt/promtool')).toBe('/opt/promtool');
  });
});
