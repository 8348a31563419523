import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain JavaScript module without types (it runs before node_modules exists)
import { engineMismatches, ensureDebianBinaries, which } from './bootstrap.mjs';

describe('ensureDebianBinaries', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'egress-lens-bootstrap-'));
  fs.writeFileSync(path.join(dir, 'prometheus'), '#!/bin/sh\n', { mode: 0o755 });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('does nothing when every binary is on PATH', () => {
    expect(() => ensureDebianBinaries(['prometheus'], { pathEnv: dir, isRoot: false })).not.toThrow();
    expect(which('prometheus', dir)).toBe(path.join(dir, 'prometheus'));
  });

  it('without root, stops with the exact install command naming each package once', () => {
    expect(() => ensureDebianBinaries(['prometheus', 'promtool', 'victoria-metrics', 'chromium'], { pathEnv: dir, isRoot: false })).toThrow(
      'promtool, victoria-metrics, chromium not found on PATH. Install with:\n  sudo apt-get update && sudo apt-get install -y --no-install-recommends prometheus victoria-metrics chromium',
    );
  });

  it('as root but without apt-get, says the same instead of failing obscurely', () => {
    expect(() => ensureDebianBinaries(['promtool'], { pathEnv: dir, isRoot: true })).toThrow(/Install with:/);
  });
});

describe('npm ci on this Node', () => {
  // Node 20 is what the project and CI run (package.json engines): no
  // dependency may declare a newer Node, so npm ci prints no EBADENGINE
  // warning at all (issue 12). Istio CRD validation uses vendored schemas and
  // ajv rather than @kubernetes-models/istio 3.x, whose packages need Node 22.
  it('warns EBADENGINE for no package', () => {
    expect(engineMismatches()).toEqual([]);
  }, 60_000);
});
