/** What the manifests are checked against, read from the repository: the Dockerfile, package.json, app/ routes, lib/config. */
import fs from 'node:fs';
import path from 'node:path';
import { SIGN_IN_VARIABLES } from '../../lib/auth/trusted-proxy';
import { CONFIG_VARIABLES } from '../../lib/config/env';
import type { DeployContext } from './consistency';
import { parseDockerfile, runtimeOf } from './dockerfile';

/** Every path an `app/**\/route.ts` serves, e.g. `/api/livez` (route groups and private folders skipped). */
export function appRoutes(appDir: string): string[] {
  const out: string[] = [];
  const walk = (dir: string, url: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) {
        if (entry.name.startsWith('_')) continue;
        const segment = /^\(.*\)$/.test(entry.name) ? '' : `/${entry.name}`;
        walk(path.join(dir, entry.name), url + segment);
      } else if (/^route\.(ts|js)$/.test(entry.name)) out.push(url || '/');
    }
  };
  walk(appDir, '');
  return out.sort();
}

/** Reads the context from a checkout rooted at `root`. */
export function loadDeployContext(root: string): DeployContext {
  const dockerfile = parseDockerfile(fs.readFileSync(path.join(root, 'Dockerfile'), 'utf8'));
  const final = dockerfile.stages[dockerfile.stages.length - 1];
  const user = final?.instructions.filter((i) => i.keyword === 'USER').pop();
  const ids = user ? /^(\d+)(?::(\d+))?$/.exec(user.args.trim()) : null;
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };
  return {
    configVariables: [...CONFIG_VARIABLES, ...SIGN_IN_VARIABLES],
    imageEnv: runtimeOf(dockerfile).env,
    imageUser: ids ? { uid: Number(ids[1]), gid: ids[2] === undefined ? undefined : Number(ids[2]) } : null,
    routes: appRoutes(path.join(root, 'app')),
    version: pkg.version,
  };
}
