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
  // @kubernetes-models/istio 3.0.1 is pinned (Istio networking.istio.io/v1 and
  // the 1.29 CRD schemas; 2.3.0, the only other release, has neither). It and
  // the one release in each range it requires declare engines.node ">=22", and
  // no override can change a package's own engines. npm still prints these
  // four warnings; this list only keeps any other package from adding one,
  // and fails when the pin moves so that the list shrinks with it.
  const PINNED_ISTIO_MODELS = [
    '@kubernetes-models/apimachinery@3.0.2',
    '@kubernetes-models/base@6.0.1',
    '@kubernetes-models/istio@3.0.1',
    '@kubernetes-models/validate@5.0.2',
  ];

  it('warns EBADENGINE for no package but the pinned Istio models', () => {
    expect(engineMismatches()).toEqual(PINNED_ISTIO_MODELS);
  }, 60_000);
});
