import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkDockerfile, parseDockerfile, parseKeyValues, runtimeOf } from './dockerfile';

const ROOT = path.resolve(__dirname, '..', '..');
const dockerfile = fs.readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8');
const dockerignore = fs.readFileSync(path.join(ROOT, '.dockerignore'), 'utf8');

/** Our Dockerfile with one edit, which must exist (so a refactor cannot make a mutation test vacuous). */
function edited(from: string | RegExp, to: string): string {
  const out = dockerfile.replace(from, to);
  expect(out, `the Dockerfile no longer contains ${String(from)}`).not.toBe(dockerfile);
  return out;
}

describe('the Dockerfile', () => {
  it('has every property the review relies on', () => {
    expect(checkDockerfile(dockerfile, dockerignore)).toEqual([]);
  });

  it('builds the standalone output that the runtime stage copies', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.build).toMatch(/^next build && node scripts\/standalone\.mjs$/);
    expect(fs.readFileSync(path.join(ROOT, 'next.config.ts'), 'utf8')).toMatch(/output:\s*'standalone'/);
  });

  it('runs on the port it exposes, on every interface', () => {
    const { env, exposed } = runtimeOf(parseDockerfile(dockerfile));
    expect(env).toMatchObject({ HOSTNAME: '0.0.0.0', PORT: '3000', NODE_ENV: 'production' });
    expect(exposed).toEqual(['3000']);
  });
});

describe('checkDockerfile catches', () => {
  const cases: [string, () => string, RegExp][] = [
    ['a root user', () => edited(/^USER .*$/m, 'USER root'), /USER root must be numeric/],
    ['uid 0', () => edited(/^USER .*$/m, 'USER 0:0'), /USER 0:0 is root/],
    ['no user', () => edited(/^USER .*$/m, ''), /no USER, so it runs as root/],
    ['a named user', () => edited(/^USER .*$/m, 'USER node'), /must be numeric/],
    ['a credential in ENV', () => edited('PORT=3000', 'PORT=3000 \\\n    PROMETHEUS_BEARER_TOKEN=abc'), /ENV PROMETHEUS_BEARER_TOKEN looks like a credential/],
    ['a credential in ARG', () => edited('ARG REVISION=unknown', 'ARG REVISION=unknown\nARG NPM_TOKEN'), /ARG NPM_TOKEN looks like a credential/],
    ['a credential in a URL', () => edited('ARG REVISION=unknown', 'ARG MIRROR=https://user:pw@mirror.internal/'), /ARG MIRROR looks like a credential/],
    ['baked-in sign-in settings', () => edited('PORT=3000', 'PORT=3000 AUTH_PROXY_USER_HEADER=X-Forwarded-Email'), /ENV AUTH_PROXY_USER_HEADER (looks like a credential|bakes configuration)/],
    ['baked-in configuration', () => edited('PORT=3000', 'PORT=3000 PROMETHEUS_URL=http://prometheus:9090'), /ENV PROMETHEUS_URL bakes configuration/],
    ['sources in the runtime stage', () => edited(/^(COPY --from=build .*)$/m, '$1\nCOPY . .'), /copies only the standalone output/],
    ['a copy of the whole build', () => edited('/app/.next/standalone ./', '/app ./'), /copies only the standalone output/],
    ['a shell-form CMD', () => edited(/^CMD .*$/m, 'CMD node server.js'), /CMD \["node", "server.js"\]/],
    ['npm start', () => edited(/^CMD .*$/m, 'CMD ["npm", "start"]'), /CMD \["node", "server.js"\]/],
    ['an install in the runtime stage', () => edited(/^(USER .*)$/m, 'RUN npm install\n$1'), /must not RUN anything/],
    ['a missing telemetry opt-out', () => edited(/NEXT_TELEMETRY_DISABLED=1 \\\n    HOSTNAME/, 'HOSTNAME'), /ENV NEXT_TELEMETRY_DISABLED=1/],
    ['the loopback listen address', () => edited('HOSTNAME=0.0.0.0', 'HOSTNAME=127.0.0.1'), /ENV HOSTNAME=0\.0\.0\.0/],
    ['a wrong EXPOSE', () => edited('EXPOSE 3000', 'EXPOSE 8080'), /EXPOSE 3000/],
    ['a missing OCI label', () => edited(/^\s*org\.opencontainers\.image\.revision=.*$/m, ''), /org\.opencontainers\.image\.revision/],
    ['another build base', () => edited('ARG NODE_IMAGE=node:20-bookworm-slim', 'ARG NODE_IMAGE=node:22-alpine'), /node:20-bookworm-slim, not node:22-alpine/],
    ['npm install instead of npm ci', () => edited('RUN npm ci', 'RUN npm install'), /npm ci/],
  ];
  for (const [what, edit, message] of cases) {
    it(what, () => {
      const problems = checkDockerfile(edit(), dockerignore);
      expect(problems.join('\n')).toMatch(message);
    });
  }

  it('a .dockerignore that lets secrets or local builds in', () => {
    const lax = dockerignore.replace(/^\.env\*$/m, '').replace(/^node_modules$/m, '').concat('\n!.env.production\n');
    const problems = checkDockerfile(dockerfile, lax);
    expect(problems).toContain('.dockerignore: must exclude .env*');
    expect(problems).toContain('.dockerignore: must exclude node_modules');
    expect(problems).toContain('.dockerignore: !.env.production re-includes what must stay out');
  });
});

describe('parseDockerfile', () => {
  it('joins continuations, drops comments, and splits stages', () => {
    const f = parseDockerfile('ARG B=node:20\n# c\nFROM ${B} AS one\nRUN a \\\n  # inside\n  b\nFROM scratch\nCMD ["x"]\n');
    expect(f.globalArgs).toEqual({ B: 'node:20' });
    expect(f.stages.map((s) => [s.from, s.name])).toEqual([['${B}', 'one'], ['scratch', undefined]]);
    expect(f.stages[0]?.instructions).toEqual([{ keyword: 'RUN', args: 'a b', line: 4 }]);
  });

  it('reads both ENV forms and quoted values', () => {
    expect(parseKeyValues('A=1 B="two words" C=\'x y\'')).toEqual({ A: '1', B: 'two words', C: 'x y' });
    expect(parseKeyValues('KEY some value')).toEqual({ KEY: 'some value' });
    expect(parseKeyValues('NAME')).toEqual({ NAME: '' });
  });
});
