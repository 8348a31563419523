/**
 * A small Dockerfile reader and the checks reviewers rely on for ours: the
 * build runs `npm ci` and `npm run build`, the final stage holds only the
 * standalone output and runs `node server.js` as a non-root numeric user, and
 * no ENV or ARG carries a credential or the app's configuration.
 */
import { SIGN_IN_VARIABLES } from '../../lib/auth/trusted-proxy';
import { CONFIG_VARIABLES } from '../../lib/config/env';
import { MALLOC_ENV } from '../../lib/runtime/malloc';

export interface Instruction {
  /** Upper-cased keyword: FROM, RUN, COPY, ENV, ... */
  readonly keyword: string;
  readonly args: string;
  /** 1-based line where the instruction starts. */
  readonly line: number;
}

export interface Stage {
  readonly from: string;
  readonly name?: string;
  readonly instructions: readonly Instruction[];
}

export interface Dockerfile {
  /** ARGs declared before the first FROM, with their defaults. */
  readonly globalArgs: Readonly<Record<string, string>>;
  readonly stages: readonly Stage[];
}

/** Splits a Dockerfile into stages of instructions (continuations joined, comments dropped). */
export function parseDockerfile(text: string): Dockerfile {
  const instructions: Instruction[] = [];
  let pending: { text: string; line: number } | undefined;
  text.split(/\r?\n/).forEach((raw, i) => {
    const trimmed = raw.trim();
    if (trimmed.startsWith('#') || (trimmed === '' && pending === undefined)) return;
    const continued = trimmed.endsWith('\\');
    const piece = continued ? trimmed.slice(0, -1).trim() : trimmed;
    pending = pending ? { text: `${pending.text} ${piece}`.trim(), line: pending.line } : { text: piece, line: i + 1 };
    if (continued) return;
    const m = /^(\S+)\s*(.*)$/s.exec(pending.text);
    if (m?.[1]) instructions.push({ keyword: m[1].toUpperCase(), args: m[2] ?? '', line: pending.line });
    pending = undefined;
  });

  const globalArgs: Record<string, string> = {};
  const stages: { from: string; name?: string; instructions: Instruction[] }[] = [];
  for (const ins of instructions) {
    if (ins.keyword === 'FROM') {
      const m = /^(?:--\S+\s+)*(\S+)(?:\s+AS\s+(\S+))?$/i.exec(ins.args);
      stages.push({ from: m?.[1] ?? ins.args, name: m?.[2], instructions: [] });
    } else if (stages.length === 0) {
      if (ins.keyword === 'ARG') Object.assign(globalArgs, parseKeyValues(ins.args));
    } else {
      stages[stages.length - 1]?.instructions.push(ins);
    }
  }
  return { globalArgs, stages };
}

/** `A=1 B="two words"` (or the legacy `KEY value`) as a record; a bare ARG name maps to ''. */
export function parseKeyValues(args: string): Record<string, string> {
  const tokens = args.match(/(?:[^\s"']+|"(?:\\.|[^"\\])*"|'[^']*')+/g) ?? [];
  const unquote = (v: string) => v.replace(/^"((?:\\.|[^"\\])*)"$/, (_, s: string) => s.replace(/\\(.)/g, '$1')).replace(/^'([^']*)'$/, '$1');
  const first = tokens[0] ?? '';
  if (tokens.length > 0 && !first.includes('=')) {
    return tokens.length === 1 ? { [first]: '' } : { [first]: unquote(args.trim().slice(first.length).trim()) };
  }
  const out: Record<string, string> = {};
  for (const t of tokens) {
    const eq = t.indexOf('=');
    out[eq < 0 ? t : t.slice(0, eq)] = eq < 0 ? '' : unquote(t.slice(eq + 1));
  }
  return out;
}

/** Replaces ${NAME} and $NAME by the given values. */
function expand(value: string, vars: Readonly<Record<string, string>>): string {
  return value.replace(/\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g, (whole, name: string) => vars[name] ?? whole);
}

/** The environment the final stage sets and the port it exposes, for checks of the manifests. */
export function runtimeOf(file: Dockerfile): { env: Record<string, string>; exposed: string[] } {
  const stage = file.stages[file.stages.length - 1];
  const env: Record<string, string> = {};
  const exposed: string[] = [];
  for (const ins of stage?.instructions ?? []) {
    if (ins.keyword === 'ENV') Object.assign(env, parseKeyValues(ins.args));
    if (ins.keyword === 'EXPOSE') exposed.push(...ins.args.split(/\s+/).map((p) => p.replace(/\/tcp$/, '')));
  }
  return { env, exposed };
}

const CREDENTIAL_NAME = /TOKEN|PASSW|SECRET|CREDENTIAL|API_?KEY|PRIVATE|AUTH|USERNAME|NPM_CONFIG|_KEY$/i;
const CREDENTIAL_VALUE = /:\/\/[^/\s]*@|^(?:Bearer|Basic)\s/i;

export const REQUIRED_RUNTIME_ENV: Readonly<Record<string, string>> = {
  NODE_ENV: 'production',
  NEXT_TELEMETRY_DISABLED: '1',
  HOSTNAME: '0.0.0.0',
  PORT: '3000',
  // glibc gives freed buffers back to the system (lib/runtime/malloc.ts).
  ...MALLOC_ENV,
};

export const REQUIRED_LABELS = ['title', 'description', 'version', 'revision'].map((l) => `org.opencontainers.image.${l}`);

export const REQUIRED_DOCKERIGNORE = ['.env*', 'node_modules', '.next', 'test-results'];

/** Every problem with our Dockerfile and .dockerignore, each naming what to fix; [] when fine. */
export function checkDockerfile(dockerfileText: string, dockerignoreText: string): string[] {
  const problems: string[] = [];
  const file = parseDockerfile(dockerfileText);
  const at = (ins: Instruction) => `Dockerfile:${ins.line}`;
  const base = (s: Stage) => expand(s.from, file.globalArgs);

  const build = file.stages[0];
  const final = file.stages[file.stages.length - 1];
  if (!build || !final || file.stages.length < 2) return ['Dockerfile: needs a build stage and a separate runtime stage'];

  if (!/^node:20(?:\.[\d.]+)?-bookworm-slim(?:@sha256:[0-9a-f]{64})?$/.test(base(build)))
    problems.push(`Dockerfile: the build stage must start from node:20-bookworm-slim, not ${base(build)}`);
  const runs = build.instructions.filter((i) => i.keyword === 'RUN').map((i) => i.args);
  if (!runs.some((r) => /^npm ci\b/.test(r))) problems.push('Dockerfile: the build stage must install with `npm ci` (the lockfile, nothing else)');
  if (!runs.some((r) => /^npm run build\b/.test(r))) problems.push('Dockerfile: the build stage must run `npm run build` (next build + the standalone copy)');

  if (!/^node:20[^\s]*$/.test(base(final))) problems.push(`Dockerfile: the runtime stage must run Node 20, not ${base(final)}`);
  const of = (k: string) => final.instructions.filter((i) => i.keyword === k);

  const users = of('USER');
  const user = users[users.length - 1];
  const ids = user ? /^(\d+)(?::(\d+))?$/.exec(user.args.trim()) : null;
  if (!user) problems.push('Dockerfile: the runtime stage has no USER, so it runs as root');
  else if (!ids) problems.push(`${at(user)}: USER ${user.args} must be numeric (uid[:gid]) so Kubernetes can verify runAsNonRoot`);
  else if (ids[1] === '0' || ids[2] === '0') problems.push(`${at(user)}: USER ${user.args} is root`);

  const workdir = of('WORKDIR').pop()?.args.trim();
  if (workdir !== '/app') problems.push(`Dockerfile: the runtime stage must work in /app, not ${workdir ?? 'the default'}`);
  const copies = [...of('COPY'), ...of('ADD')];
  const standalone = new RegExp(`^--from=${build.name ?? '0'}\\s+/app/\\.next/standalone/?\\s+(?:\\./?|/app/?)$`);
  for (const c of copies) {
    if (c.keyword !== 'COPY' || !standalone.test(c.args.trim()))
      problems.push(`${at(c)}: the runtime stage copies only the standalone output (COPY --from=${build.name ?? '<build>'} /app/.next/standalone ./), not \`${c.keyword} ${c.args}\``);
  }
  if (copies.length === 0) problems.push('Dockerfile: the runtime stage must COPY --from the build stage /app/.next/standalone ./');
  if (of('RUN').length > 0) problems.push('Dockerfile: the runtime stage must not RUN anything (no installs in the image that ships)');

  const cmd = of('CMD').pop();
  let argv: unknown;
  try {
    argv = cmd ? JSON.parse(cmd.args) : undefined;
  } catch {
    argv = undefined;
  }
  if (JSON.stringify(argv) !== JSON.stringify(['node', 'server.js']))
    problems.push(`Dockerfile: the runtime stage must end with CMD ["node", "server.js"] (exec form, so node gets SIGTERM), not ${cmd ? cmd.args : 'no CMD'}`);
  for (const e of of('ENTRYPOINT')) problems.push(`${at(e)}: no ENTRYPOINT: CMD ["node", "server.js"] runs the server`);

  const { env, exposed } = runtimeOf(file);
  for (const [name, value] of Object.entries(REQUIRED_RUNTIME_ENV))
    if (env[name] !== value) problems.push(`Dockerfile: the runtime stage must set ENV ${name}=${value} (found ${env[name] ?? 'nothing'})`);
  if (!exposed.includes(env.PORT ?? '')) problems.push(`Dockerfile: EXPOSE ${env.PORT ?? '3000'} (the PORT the server listens on); found EXPOSE ${exposed.join(' ') || 'nothing'}`);

  const labels = Object.assign({}, ...of('LABEL').map((l) => parseKeyValues(l.args))) as Record<string, string>;
  for (const l of REQUIRED_LABELS) if (!labels[l]) problems.push(`Dockerfile: the runtime stage needs the OCI label ${l}`);

  for (const stage of file.stages) {
    for (const ins of stage.instructions) {
      if (ins.keyword !== 'ENV' && ins.keyword !== 'ARG') continue;
      for (const [name, value] of Object.entries(parseKeyValues(ins.args))) {
        if (CREDENTIAL_NAME.test(name) || CREDENTIAL_VALUE.test(value))
          problems.push(`${at(ins)}: ${ins.keyword} ${name} looks like a credential; pass credentials at run time (Secret, mounted file), never in the image`);
        else if (CONFIG_VARIABLES.includes(name) || SIGN_IN_VARIABLES.includes(name))
          problems.push(`${at(ins)}: ${ins.keyword} ${name} bakes configuration into the image; set it at run time (ConfigMap, docker run -e)`);
      }
      if (/--mount=type=secret/.test(ins.args)) problems.push(`${at(ins)}: no build secrets: the build needs none`);
    }
    for (const ins of stage.instructions)
      if ((ins.keyword === 'COPY' || ins.keyword === 'ADD') && /(^|\s|\/)\.env/.test(ins.args)) problems.push(`${at(ins)}: never copy .env files into the image`);
  }

  const ignored = new Set(dockerignoreText.split(/\r?\n/).map((l) => l.trim()).filter((l) => l && !l.startsWith('#')));
  for (const pattern of REQUIRED_DOCKERIGNORE)
    if (!ignored.has(pattern) && !ignored.has(`/${pattern}`)) problems.push(`.dockerignore: must exclude ${pattern}`);
  for (const line of ignored) if (line.startsWith('!') && /env|node_modules|\.next/.test(line)) problems.push(`.dockerignore: ${line} re-includes what must stay out`);
  return problems;
}
