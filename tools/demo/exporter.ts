/** A live /metrics exporter of the demo mesh, for Prometheus to scrape with honor_labels: true. */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { demoSeries } from './mesh';
import { EXPOSITION_CONTENT_TYPE, renderExposition } from './exposition';
import type { DemoMesh } from './types';

export interface DemoExporter {
  /** Base URL actually listened on, e.g. http://127.0.0.1:39211 (metrics at `${url}/metrics`). */
  readonly url: string;
  close(): Promise<void>;
}

/** Serve GET /metrics = renderExposition(demoSeries(mesh), now); port 0 picks a free port. */
export function startExporter(mesh: DemoMesh, opts: { host: string; port: number }): Promise<DemoExporter> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path !== '/metrics') {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('not found: try /metrics\n');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    const body = renderExposition(demoSeries(mesh), Date.now() / 1000);
    res.writeHead(200, { 'Content-Type': EXPOSITION_CONTENT_TYPE, 'Content-Length': Buffer.byteLength(body) });
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      server.off('error', reject);
      const { address, port } = server.address() as AddressInfo;
      const host = address.includes(':') ? `[${address}]` : address;
      resolve({
        url: `http://${host}:${port}`,
        close: () =>
          new Promise<void>((done, fail) => {
            server.close((err) => (err ? fail(err) : done()));
            server.closeAllConnections();
          }),
      });
    });
  });
}
