import net from 'node:net';

/** Ask the kernel for a free TCP port on `host` (loopback by default). */
export function findFreePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen({ port: 0, host, exclusive: true }, () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => (port > 0 ? resolve(port) : reject(new Error(`could not get a free port on ${host}`))));
    });
  });
}

export interface WaitForHttpOptions {
  /** Default 60 000. */
  readonly timeoutMs?: number;
  /** Default 200. */
  readonly expectStatus?: number;
  /** Polled between attempts; returning false fails at once (the process died). */
  readonly isAlive?: () => boolean;
  /** Default 100. */
  readonly intervalMs?: number;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function describeFetchError(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const cause = err.cause instanceof Error ? ` (${err.cause.message})` : '';
  return `${err.name}: ${err.message}${cause}`;
}

/** One GET, aborted after `ms` or as soon as `isAlive` turns false (so a dead child fails fast). */
async function probe(url: string, ms: number, isAlive?: () => boolean): Promise<number> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new Error(`no answer within ${ms} ms`)), ms);
  const watch = isAlive
    ? setInterval(() => {
        if (!isAlive()) controller.abort(new Error('process exited'));
      }, 50)
    : undefined;
  try {
    const res = await fetch(url, { signal: controller.signal });
    await res.arrayBuffer();
    return res.status;
  } finally {
    clearTimeout(timer);
    clearInterval(watch);
  }
}

/** Poll `url` with GET until it answers `expectStatus` (e.g. Prometheus /-/ready). */
export async function waitForHttp(url: string, opts: WaitForHttpOptions = {}): Promise<void> {
  const { timeoutMs = 60_000, expectStatus = 200, isAlive, intervalMs = 100 } = opts;
  const deadline = Date.now() + timeoutMs;
  let last = 'no attempt';
  for (;;) {
    if (isAlive && !isAlive()) {
      const detail = last === 'no attempt' || last.endsWith('process exited') ? '' : ` (last: ${last})`;
      throw new Error(`process exited while waiting for ${url}${detail}`);
    }
    try {
      const status = await probe(url, Math.max(1, Math.min(2_000, deadline - Date.now())), isAlive);
      if (status === expectStatus) return;
      last = `HTTP ${status}`;
    } catch (err) {
      last = describeFetchError(err);
    }
    if (Date.now() >= deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for HTTP ${expectStatus} from ${url} (last: ${last})`);
    }
    await sleep(intervalMs);
  }
}
