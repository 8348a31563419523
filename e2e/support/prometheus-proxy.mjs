// A small reverse proxy in front of a real Prometheus, run as its own process
// by the backend-failure tests, that misbehaves the way real deployments do:
//
//   pass         forwards everything unchanged
//   warn         adds Thanos-style partial-response warnings to every successful
//                answer, standing in for a Thanos querier with partial_response
//                enabled and a store down (Prometheus 2.42 itself rarely warns)
//   login        answers 200 with an SSO login page, like an authenticating proxy
//                (oauth2-proxy and friends) in front of Prometheus
//   wrong-shape  answers 200 with Prometheus-like JSON of the wrong shape (a
//                matrix where a vector is expected, and the other way round)
//
// The mode changes at runtime, so recovery is tested without restarting the
// app: POST /-/proxy/mode with the mode as the body (GET answers the mode).
//
//   node prometheus-proxy.mjs --target http://127.0.0.1:9090 --port 9091 [--mode warn]
//
// Listens on 127.0.0.1 only and prints "listening on <url>" once ready.
import http from 'node:http';
import { parseArgs } from 'node:util';

const MODES = ['pass', 'warn', 'login', 'wrong-shape'];

/** Warnings as a Thanos querier words them, plus one with markup that must be shown as text. */
const PARTIAL_WARNINGS = [
  'partial response: store 10.0.0.7:10901 (thanos-store-0) unavailable: rpc error: code = Unavailable',
  'partial response: store <b>eu-west</b> lagging & skipped',
];

const LOGIN_PAGE = `<!DOCTYPE html>
<html><head><title>Sign in - Example SSO</title></head>
<body><h1 id="sso-heading">Sign in to continue</h1>
<form method="post" action="/oauth2/sign_in"><input name="username"><input name="password" type="password"><button>Sign in</button></form>
<script>window.ssoLoaded = true</script></body></html>
`;

const { values } = parseArgs({
  options: { target: { type: 'string' }, port: { type: 'string', default: '0' }, mode: { type: 'string', default: 'pass' } },
});
if (!values.target) throw new Error('--target is required');
if (!MODES.includes(values.mode)) throw new Error(`--mode must be one of ${MODES.join(', ')}`);
const target = new URL(values.target);
let mode = values.mode;

function readBody(stream) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    stream.on('data', (c) => chunks.push(c));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}

function send(res, status, type, body) {
  res.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

/** Forwards the request to Prometheus; `rewrite` may change a successful JSON answer. */
async function forward(req, res, rewrite) {
  const body = await readBody(req);
  const headers = { ...req.headers, host: target.host, 'accept-encoding': 'identity' };
  const upstream = http.request({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers }, async (up) => {
    const raw = await readBody(up);
    let out = raw;
    if (rewrite && up.statusCode === 200 && String(up.headers['content-type']).includes('application/json')) {
      try {
        out = Buffer.from(JSON.stringify(rewrite(JSON.parse(raw.toString('utf8')))));
      } catch {
        // Not JSON after all: pass it on as it came.
      }
    }
    const outHeaders = { ...up.headers, 'content-length': String(out.length) };
    delete outHeaders['transfer-encoding'];
    res.writeHead(up.statusCode ?? 502, outHeaders);
    res.end(out);
  });
  upstream.on('error', (err) => send(res, 502, 'text/plain', `proxy: ${err.message}\n`));
  upstream.end(body);
}

const server = http.createServer((req, res) => {
  const path = (req.url ?? '/').split('?')[0];
  if (path === '/-/proxy/mode') {
    if (req.method !== 'POST') return send(res, 200, 'text/plain', mode);
    return void readBody(req).then((b) => {
      const next = b.toString('utf8').trim();
      if (!MODES.includes(next)) return send(res, 400, 'text/plain', `unknown mode ${next}\n`);
      mode = next;
      send(res, 200, 'text/plain', mode);
    });
  }
  const isQuery = path.endsWith('/api/v1/query') || path.endsWith('/api/v1/query_range');
  switch (mode) {
    case 'login':
      return send(res, 200, 'text/html; charset=utf-8', LOGIN_PAGE);
    case 'wrong-shape':
      if (!isQuery) return void forward(req, res);
      // The other result type than the endpoint promises.
      return send(res, 200, 'application/json', JSON.stringify({ status: 'success', data: path.endsWith('/query') ? { resultType: 'matrix', result: [] } : { resultType: 'vector', result: [] } }));
    case 'warn':
      return void forward(req, res, (json) => (json.status === 'success' ? { ...json, warnings: [...(json.warnings ?? []), ...PARTIAL_WARNINGS] } : json));
    default:
      return void forward(req, res);
  }
});

server.listen(Number(values.port), '127.0.0.1', () => {
  const { port } = server.address();
  console.log(`listening on http://127.0.0.1:${port} (mode ${mode}, target ${target.origin})`);
});
for (const sig of ['SIGTERM', 'SIGINT']) process.on(sig, () => server.close(() => process.exit(0)).closeAllConnections());
