import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One counter a CounterExporter serves: it grows by `perSecond` every second from the exporter's start. */
export interface CounterSeries {
  /** Metric name, e.g. `istio_requests_total`. */
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly perSecond: number;
}

/** A live /metrics endpoint on loopback, for a launcher's Prometheus to scrape (`scrapeTargets: [exporter.target]`). */
export interface CounterExporter {
  /** `http://127.0.0.1:<port>`; the metrics are at `${url}/metrics`. */
  readonly url: string;
  /** `127.0.0.1:<port>`, the form `scrapeTargets` takes. */
  readonly target: string;
  close(): Promise<void>;
}

const CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

/** A label value in the text format: backslash, double quote and newline escaped. */
function escapeLabelValue(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

/**
 * Prometheus text exposition (0.0.4) of `series` after `elapsedSeconds`: each
 * counter at `perSecond * elapsedSeconds`, one `# TYPE` line per metric name.
 */
export function renderCounters(series: readonly CounterSeries[], elapsedSeconds: number): string {
  const byName = new Map<string, CounterSeries[]>();
  for (const s of series) byName.set(s.name, [...(byName.get(s.name) ?? []), s]);
  const lines: string[] = [];
  for (const [name, members] of byName) {
    lines.push(`# TYPE ${name} counter`);
    for (const s of members) {
      const labels = Object.entries(s.labels).map(([k, v]) => `${k}="${escapeLabelValue(v)}"`);
      lines.push(`${name}${labels.length > 0 ? `{${labels.join(',')}}` : ''} ${s.perSecond * Math.max(0, elapsedSeconds)}`);
    }
  }
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}

/**
 * Serve GET /metrics = renderCounters(series, seconds since start) on a free
 * loopback port: counters that grow with time, so rate() over what a
 * Prometheus scraped equals each series' `perSecond`.
 */
export function startCounterExporter(series: readonly CounterSeries[], opts: { readonly now?: () => number } = {}): Promise<CounterExporter> {
  const now = opts.now ?? (() => Date.now() / 1000);
  const started = now();
  const server = createServer((req, res) => {
    if ((req.url ?? '/').split('?')[0] !== '/metrics' || req.method !== 'GET') {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('not found: GET /metrics\n');
      return;
    }
    const body = renderCounters(series, now() - started);
    res.writeHead(200, { 'Content-Type': CONTENT_TYPE, 'Content-Length': Buffer.byteLength(body) }).end(body);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}`,
        target: `127.0.0.1:${port}`,
        close: () =>
          new Promise<void>((done, fail) => {
            server.close((err) => (err ? fail(err) : done()));
            server.closeAllConnections();
          }),
      });
    });
  });
}
