/**
 * The client for Prometheus and the engines that speak its HTTP API (Thanos,
 * Mimir, Cortex, VictoriaMetrics): one request function over node:http(s),
 * whose response streams AnswerReader reads as they arrive. Everything about
 * the transport is here: auth headers, the custom CA, keep-alive, the
 * deadline, redirects, decompression and the bounded error body.
 *
 * Why not prometheus-query: its one job is to send a query and hand back the
 * parsed answer, and every part of that is what this app cannot use. It holds
 * the whole answer (10^5 series are 40 MB of JSON; the reader here never holds
 * it), parses "+Inf" to NaN, drops the answer's warnings and stats (its
 * warning hook looks for them on the HTTP response, not the body), and rejects
 * with plain objects that lose the HTTP status of answers that are not
 * Prometheus JSON. Using it meant replacing its body with an empty success and
 * reading the stream and the errors here anyway, so it was dropped.
 */
import http from 'node:http';
import https from 'node:https';
import { addAbortSignal, pipeline, type Readable } from 'node:stream';
import zlib from 'node:zlib';
import type { PrometheusConnection } from '../config/env';
import { AnswerReader, type ReadAnswer } from './answer-reader';
import { brokenAnswer, errorAnswer, PrometheusError, timeoutError, transportError } from './errors';
import { instantAnswer, rangeAnswer, type AnswerConsumer, type AnswerMeta } from './parse';
import type { BuildInfo, InstantQueryResult, RangeQueryResult, Sample, Series } from './types';

/** What the rest of the server needs from a PromQL backend. */
export interface PrometheusClient {
  /** Instant query at `time` (unix seconds). */
  instantQuery(query: string, time: number, opts?: { stats?: boolean }): Promise<InstantQueryResult>;
  /**
   * The same, with each sample handed to `onSample` as the answer arrives and
   * none kept: for queries whose answer can be 10^5 series (40 MB of JSON).
   */
  streamInstantQuery(query: string, time: number, onSample: (sample: Sample) => void): Promise<AnswerMeta>;
  /** Range query over [start, end] (unix seconds) at `step` seconds. */
  rangeQuery(query: string, start: number, end: number, step: number): Promise<RangeQueryResult>;
  /** The backend's version, or null when it does not report one (not every PromQL engine does). */
  buildInfo(): Promise<BuildInfo | null>;
}

/** streamInstantQuery for a client that only collects (test fakes, recorded answers). */
export async function streamCollected(client: Pick<PrometheusClient, 'instantQuery'>, query: string, time: number, onSample: (sample: Sample) => void): Promise<AnswerMeta> {
  const { samples, ...meta } = await client.instantQuery(query, time);
  for (const s of samples) onSample(s);
  return meta;
}

/** Most bytes of an error answer read (Prometheus's own are a few hundred); the rest is not waited for. */
export const MAX_ERROR_BODY = 1024 * 1024;
/** Most redirects followed (a proxy sending the request to a login page, http to https). */
export const MAX_REDIRECTS = 5;
/** Sockets per backend; calls beyond wait for one, within their deadline. */
const MAX_SOCKETS = 32;

/** One request: a GET, or a POST of form parameters. */
interface Request {
  readonly method: 'GET' | 'POST';
  readonly url: URL;
  readonly form?: string;
  readonly headers: Readonly<Record<string, string>>;
}

/** The body of an answer, decompressed as its Content-Encoding says (gzip from Prometheus when asked). */
function decoded(res: http.IncomingMessage): Readable {
  const encoding = res.headers['content-encoding']?.trim().toLowerCase();
  const decoder =
    encoding === 'gzip' || encoding === 'x-gzip' ? zlib.createGunzip() : encoding === 'deflate' ? zlib.createInflate() : encoding === 'br' ? zlib.createBrotliDecompress() : undefined;
  // pipeline passes a broken-off response on to the decoder, whose reader then fails with it.
  return decoder ? pipeline(res, decoder, () => undefined) : res;
}

/** Reads an answer's body into `consumer` through an AnswerReader. */
async function readAnswer<T>(body: Readable, consumer: AnswerConsumer<T>): Promise<T> {
  const reader = new AnswerReader((e) => consumer.element(e));
  for await (const chunk of body) reader.write(chunk as Buffer);
  return consumer.end(reader.end());
}

/** An error answer's body: Prometheus's error JSON when it is one, else its text; at most MAX_ERROR_BODY bytes. */
async function readErrorBody(body: Readable): Promise<unknown> {
  const parts: Buffer[] = [];
  let bytes = 0;
  for await (const chunk of body) {
    parts.push(chunk as Buffer);
    bytes += (chunk as Buffer).length;
    if (bytes >= MAX_ERROR_BODY) break;
  }
  const text = Buffer.concat(parts).subarray(0, MAX_ERROR_BODY).toString('utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** Creates the client of one backend: its own pooled keep-alive sockets, trusting PROMETHEUS_CA_FILE for https. */
export function createPrometheusClient(conn: PrometheusConnection): PrometheusClient {
  const agents = {
    http: new http.Agent({ keepAlive: true, maxSockets: MAX_SOCKETS }),
    https: new https.Agent({ keepAlive: true, maxSockets: MAX_SOCKETS, ca: conn.ca }),
  };
  // Prometheus stops evaluating at this timeout too, rather than computing an answer nobody waits for.
  const evalTimeout = `${Math.max(1, Math.floor(conn.timeoutMs / 1000))}s`;

  /** Headers of every request; the token is read per call, so a rotated token file is picked up. */
  function headers(): Record<string, string> {
    const h: Record<string, string> = { Accept: 'application/json', 'Accept-Encoding': 'gzip, deflate, br', ...conn.headers };
    if (conn.bearerToken) h.Authorization = `Bearer ${conn.bearerToken()}`;
    if (conn.basicAuth) h.Authorization = `Basic ${Buffer.from(`${conn.basicAuth.username}:${conn.basicAuth.password}`).toString('base64')}`;
    return h;
  }

  /** Sends `req` and resolves with the answer, following redirects as browsers do; `deadline` aborts it, socket wait included. */
  async function send(req: Request, deadline: AbortSignal, hops = 0): Promise<http.IncomingMessage> {
    const secure = req.url.protocol === 'https:';
    const res = await new Promise<http.IncomingMessage>((resolve, reject) => {
      const form = req.form === undefined ? {} : { 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': String(Buffer.byteLength(req.form)) };
      const request = (secure ? https : http).request(req.url, { method: req.method, agent: secure ? agents.https : agents.http, signal: deadline, headers: { ...req.headers, ...form } }, resolve);
      request.on('error', reject);
      request.end(req.form);
    });
    const location = res.headers.location;
    if (!REDIRECTS.has(res.statusCode ?? 0) || location === undefined) return res;
    res.resume();
    if (hops >= MAX_REDIRECTS) throw new PrometheusError('bad-response', `The backend did not answer like Prometheus: it redirected more than ${MAX_REDIRECTS} times`);
    const url = new URL(location, req.url);
    // Credentials go only where they were configured for.
    const hdrs = url.origin === req.url.origin ? req.headers : Object.fromEntries(Object.entries(req.headers).filter(([k]) => k !== 'Authorization'));
    // 307 and 308 repeat the request; the others turn it into a GET of the new address.
    const repeat = res.statusCode === 307 || res.statusCode === 308;
    return send(repeat ? { ...req, url, headers: hdrs } : { method: 'GET', url, headers: hdrs }, deadline, hops + 1);
  }

  /** One API call, read by `consumer`, within PROMETHEUS_TIMEOUT_MS; fails only with PrometheusError. */
  async function call<T>(path: string, params: Record<string, string> | undefined, consumer: AnswerConsumer<T>): Promise<T> {
    const url = new URL(`${conn.url}/api/v1/${path}`);
    // POST keeps long matchers out of URL length limits; every engine above accepts it.
    const req: Request = params ? { method: 'POST', url, form: new URLSearchParams(params).toString(), headers: headers() } : { method: 'GET', url, headers: headers() };
    // The deadline covers the whole call: waiting for a pooled socket, the answer and its body.
    // A socket timeout alone starts only once a socket is free, so a hung backend would pile calls up.
    const deadline = AbortSignal.timeout(conn.timeoutMs);
    let res: http.IncomingMessage;
    try {
      res = await send(req, deadline);
    } catch (err) {
      if (err instanceof PrometheusError) throw err;
      throw deadline.aborted ? timeoutError(conn.timeoutMs, err) : transportError(err, conn.timeoutMs);
    }
    const body = addAbortSignal(deadline, decoded(res));
    const status = res.statusCode ?? 0;
    try {
      if (status < 200 || status > 299) {
        const answer = await readErrorBody(body).catch((err: unknown) => {
          if (deadline.aborted) throw err;
          return undefined;
        });
        throw errorAnswer(status, answer, res.statusMessage);
      }
      return await readAnswer(body, consumer);
    } catch (err) {
      if (err instanceof PrometheusError) throw err;
      throw deadline.aborted ? timeoutError(conn.timeoutMs, err) : brokenAnswer(err);
    } finally {
      // A bounded or failed read leaves the rest unread: close the socket rather than pool it.
      if (!body.readableEnded) body.destroy();
    }
  }

  /** What buildInfo reads: the whole (small) answer, which has no data.result. */
  const whole = (): AnswerConsumer<unknown> => ({ element: () => undefined, end: (a: ReadAnswer) => (a.kind === 'text' ? a.text : a.envelope) });

  const instant = (query: string, time: number, consumer: AnswerConsumer<AnswerMeta>, stats = false) =>
    call('query', { query, time: String(time), timeout: evalTimeout, ...(stats ? { stats: 'all' } : {}) }, consumer);

  return {
    async instantQuery(query, time, opts) {
      const samples: Sample[] = [];
      const meta = await instant(query, time, instantAnswer((s) => samples.push(s)), opts?.stats);
      return { samples, ...meta };
    },
    streamInstantQuery: (query, time, onSample) => instant(query, time, instantAnswer(onSample)),
    async rangeQuery(query, start, end, step) {
      const series: Series[] = [];
      const meta = await call('query_range', { query, start: String(start), end: String(end), step: String(step), timeout: evalTimeout }, rangeAnswer((s) => series.push(s)));
      return { series, ...meta };
    },
    async buildInfo() {
      try {
        const info = await call('status/buildinfo', undefined, whole());
        const version = (info as { data?: { version?: unknown } } | undefined)?.data?.version;
        return typeof version === 'string' ? { version } : null;
      } catch (err) {
        // Engines without the endpoint answer 404; that says nothing about their health.
        if (err instanceof PrometheusError && err.kind === 'upstream' && err.status === 404) return null;
        throw err;
      }
    },
  };
}
