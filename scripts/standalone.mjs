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
console.log('standalone server ready: node .next/standalone/server.js');
