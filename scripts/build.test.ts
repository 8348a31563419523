import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain JavaScript module without types (the demo runs it before tsx is loaded)
import { buildEnvironment, buildInputsHash, isBuildFresh, STAMP_FILE } from './build.mjs';

type Env = Readonly<Record<string, string | undefined>>;
const hashOf = buildInputsHash as (root: string, env?: Env) => string;
const fresh = isBuildFresh as (root: string, env?: Env) => boolean;

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'egress-lens-build-test-'));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));
let n = 0;

/** A fresh directory holding `files` (relative path -> content), written in the given order. */
function tree(files: readonly (readonly [string, string])[]): string {
  const root = path.join(scratch, String(n++));
  fs.mkdirSync(root);
  for (const [rel, content] of files) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), content);
  }
  return root;
}

const segment = fc.stringMatching(/^[a-z][a-z0-9-]{0,7}$/);
const sourcePath = fc
  .tuple(fc.constantFrom('app', 'lib', 'components', 'lib/graph'), segment, fc.constantFrom('.ts', '.tsx', '.json', '.css'))
  .map(([dir, name, ext]) => `${dir}/${name}${ext}`);
const sources = fc.uniqueArray(fc.tuple(sourcePath, fc.string({ maxLength: 40 })), { minLength: 1, maxLength: 8, selector: ([p]) => p });

describe('buildInputsHash', () => {
  it('depends on the files, not on the order they were written in', () => {
    fc.assert(
      fc.property(sources, (files) => {
        expect(hashOf(tree(files))).toBe(hashOf(tree([...files].reverse())));
      }),
      { numRuns: 30 },
    );
  });

  it('changes when any input file changes, appears or disappears', () => {
    fc.assert(
      fc.property(sources, fc.nat(), fc.string({ minLength: 1, maxLength: 5 }), (files, pick, extra) => {
        const i = pick % files.length;
        const [rel, content] = files[i]!;
        const base = hashOf(tree(files));
        const edited = files.map((f, j) => (j === i ? ([rel, content + extra] as const) : f));
        expect(hashOf(tree(edited))).not.toBe(base);
        expect(hashOf(tree(files.filter((_, j) => j !== i)))).not.toBe(base);
        expect(hashOf(tree([...files, ['proxy.ts', extra]]))).not.toBe(base);
      }),
      { numRuns: 30 },
    );
  });

  it('counts package-lock, next.config, the installed tree, .env files and docs (Tailwind scans them); ignores build and test output', () => {
    const files = [
      ['app/page.tsx', 'export default 1'],
      ['package-lock.json', '{}'],
      ['next.config.ts', 'export default {}'],
      ['node_modules/.package-lock.json', '{}'],
    ] as const;
    const base = hashOf(tree(files));
    for (const input of ['package-lock.json', 'next.config.ts', 'node_modules/.package-lock.json', '.env.local', 'README.md', 'docs/notes.md']) {
      expect(hashOf(tree([...files.filter(([p]) => p !== input), [input, 'changed']])), input).not.toBe(base);
    }
    for (const ignored of ['.next/server/app.js', 'test-results/x.txt', 'playwright-report/index.html', 'e2e/.state/state.json', 'next-env.d.ts', 'tsconfig.tsbuildinfo', 'node_modules/next/index.js', '.git/HEAD']) {
      expect(hashOf(tree([...files, [ignored, 'anything']])), ignored).toBe(base);
    }
  });

  it('counts the environment that changes a build (NODE_ENV, NEXT_*), not the app configuration read at request time', () => {
    const root = tree([['app/page.tsx', 'x']]);
    const base = hashOf(root, { PATH: '/bin' });
    expect(hashOf(root, { PATH: '/usr/bin', PROMETHEUS_URL: 'http://p:9090', PROMETHEUS_BEARER_TOKEN: 't', NEXT_TELEMETRY_DISABLED: '1' })).toBe(base);
    expect(hashOf(root, { NEXT_PUBLIC_TITLE: 'x' })).not.toBe(base);
    expect(hashOf(root, { NODE_ENV: 'development' })).not.toBe(base);
    expect(buildEnvironment({ NEXT_PUBLIC_B: '2', NODE_ENV: 'production', NEXT_PUBLIC_A: '1', HOME: '/root' })).toEqual([
      ['NEXT_PUBLIC_A', '1'],
      ['NEXT_PUBLIC_B', '2'],
      ['NODE_ENV', 'production'],
    ]);
  });
});

describe('isBuildFresh', () => {
  const build = (): string => {
    const root = tree([
      ['app/page.tsx', 'export default 1'],
      ['.next/BUILD_ID', 'a'],
      ['.next/standalone/server.js', ''],
      ['.next/standalone/.next/static/chunk.js', ''],
    ]);
    fs.writeFileSync(path.join(root, STAMP_FILE as string), JSON.stringify({ hash: hashOf(root) }));
    return root;
  };

  it('reuses a complete build whose stamp matches the inputs', () => {
    expect(fresh(build())).toBe(true);
  });

  it('rebuilds after a source edit, without a stamp, with another build environment, after a build that bypassed the stamp, or when the standalone server is missing', () => {
    const edited = build();
    fs.writeFileSync(path.join(edited, 'app/page.tsx'), 'export default 2');
    expect(fresh(edited)).toBe(false);
    const unstamped = build();
    fs.rmSync(path.join(unstamped, STAMP_FILE as string));
    expect(fresh(unstamped)).toBe(false);
    expect(fresh(build(), { NODE_ENV: 'development' })).toBe(false);
    const rebuilt = build();
    const later = new Date(Date.now() + 60_000);
    fs.utimesSync(path.join(rebuilt, '.next/BUILD_ID'), later, later);
    expect(fresh(rebuilt)).toBe(false);
    const partial = build();
    fs.rmSync(path.join(partial, '.next/standalone/server.js'));
    expect(fresh(partial)).toBe(false);
  });
});
