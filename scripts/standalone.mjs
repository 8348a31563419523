// Completes Next.js's standalone output (`output: 'standalone'`) so that
// `node .next/standalone/server.js` serves everything by itself: Next leaves
// the client assets (.next/static) and public/ out of it, for a CDN to serve.
// The Dockerfile and the test/bench launchers run exactly this directory.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const standalone = path.join(root, '.next', 'standalone');
if (!fs.existsSync(path.join(standalone, 'server.js'))) {
  console.error(`no standalone server in ${standalone}: run \`next build\` with output: 'standalone' first`);
  process.exit(1);
}
for (const [from, to] of [
  [path.join(root, '.next', 'static'), path.join(standalone, '.next', 'static')],
  [path.join(root, 'public'), path.join(standalone, 'public')],
]) {
  fs.rmSync(to, { recursive: true, force: true });
  if (fs.existsSync(from)) fs.cpSync(from, to, { recursive: true });
}
// Next.js runs instrumentation.ts (the HTTP method guard, lib/http/guard.ts)
// only once it has started listening, so a request in the first moments would
// miss the guard (TRACE answered an empty 500). server.js runs it first, then
// Next's own server (next-server.js); Next finds the module already loaded.
const instrumentation = path.join(standalone, '.next', 'server', 'instrumentation.js');
if (!fs.existsSync(instrumentation)) {
  console.error(`no ${instrumentation}: the build has no instrumentation.ts, so the HTTP method guard would be missing`);
  process.exit(1);
}
const nextServer = path.join(standalone, 'next-server.js');
const server = path.join(standalone, 'server.js');
const ours = '// Egress Lens: the HTTP method guard';
if (!fs.readFileSync(server, 'utf8').startsWith(ours)) fs.renameSync(server, nextServer);
fs.writeFileSync(
  server,
  `${ours} (instrumentation.ts), then Next.js's standalone server (next-server.js).
// Written by scripts/standalone.mjs.
process.env.NODE_ENV = 'production';
require('./.next/server/instrumentation.js')
  .register()
  .then(() => require('./next-server.js'))
  .catch((err) => {
    console.error(err);
    process.exit(1);
  });
`,
);
console.log('standalone server ready: node .next/standalone/server.js');
