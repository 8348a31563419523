import http from 'node:http';
import https from 'node:https';
import { addAbortSignal, type Readable } from 'node:stream';
import { PrometheusDriver } from 'prometheus-query';
import type { PrometheusConnection } from '../config/env';
import { AnswerReader } from './answer-reader';
import { PrometheusError, timeoutError, toPrometheusError } from './errors';
import { instantAnswer, rangeAnswer, type AnswerConsumer, type AnswerMeta } from './parse';
import type { BuildInfo, InstantQueryResult, RangeQueryResult, Sample, Series } from './types';

const EMPTY_SUCCESS = Object.freeze({ status: 'success', data: Object.freeze({ resultType: 'scalar', result: Object.freeze([0, '0']) }) });

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

/** Most bytes of an error answer read (Prometheus's own are a few hundred). */
const MAX_ERROR_BODY = 1024 * 1024;

/** Reads a response body stream into `consumer` through an AnswerReader, within `deadline`. */
async function readAnswer<T>(body: Readable, consumer: AnswerConsumer<T>, deadline: AbortSignal): Promise<T> {
  const reader = new AnswerReader((e) => consumer.element(e));
  for await (const chunk of addAbortSignal(deadline, body)) reader.write(chunk as Buffer);
  return consumer.end(reader.end());
}

/** An error answer's body: Prometheus JSON when it is, else its text (bounded). */
async function readErrorBody(body: Readable, deadline: AbortSignal): Promise<unknown> {
  const parts: Buffer[] = [];
  let bytes = 0;
  for await (const chunk of addAbortSignal(deadline, body)) {
    if (bytes < MAX_ERROR_BODY) parts.push(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  const text = Buffer.concat(parts).subarray(0, MAX_ERROR_BODY).toString('utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

const isStream = (v: unknown): v is Readable => typeof (v as Readable | null)?.pipe === 'function';

/**
 * A client for Prometheus and the engines that speak its HTTP API (Thanos,
 * Mimir, Cortex, VictoriaMetrics). Transport, auth and error normalisation
 * come from prometheus-query; the body is read here, as a stream, by
 * AnswerReader (prometheus-query's own parsing holds the whole answer, turns
 * "+Inf" into NaN and drops warnings and stats).
 */
export function createPrometheusClient(conn: PrometheusConnection): PrometheusClient {
  const httpAgent = new http.Agent({ keepAlive: true, maxSockets: 32 });
  const httpsAgent = new https.Agent({ keepAlive: true, maxSockets: 32, ca: conn.ca });
  const evalTimeout = `${Math.max(1, Math.floor(conn.timeoutMs / 1000))}s`;

  /**
   * A driver whose successful (2xx) answers are read by `onAnswer` as they
   * stream in, and whose failures' HTTP status goes to `onStatus`; one driver
   * per call keeps them apart. `deadline` aborts the request, including any
   * time spent waiting for a free socket, and the reading of the body.
   */
  function driver(onAnswer: (body: Readable) => Promise<void>, onStatus: (status: number | undefined) => void, deadline: AbortSignal, extra: Record<string, string> = {}): PrometheusDriver {
    const headers: Record<string, string> = { ...conn.headers };
    if (conn.bearerToken) headers.Authorization = `Bearer ${conn.bearerToken()}`;
    return new PrometheusDriver({
      endpoint: conn.url,
      baseURL: '/api/v1/',
      headers,
      auth: conn.basicAuth ? { ...conn.basicAuth } : undefined,
      timeout: conn.timeoutMs,
      // POST keeps long matchers out of URL length limits; every engine above accepts it.
      preferPost: true,
      requestInterceptor: {
        onFulfilled: (cfg) => {
          cfg.httpAgent = httpAgent;
          cfg.httpsAgent = httpsAgent;
          cfg.signal = deadline;
          cfg.responseType = 'stream';
          const params = cfg.method?.toLowerCase() === 'post' ? cfg.data : cfg.params;
          if (params instanceof URLSearchParams) for (const [k, v] of Object.entries(extra)) params.append(k, v);
          return cfg;
        },
      },
      responseInterceptor: {
        onFulfilled: async (res) => {
          await onAnswer(res.data as Readable);
          // The answer is read; hand prometheus-query an empty one of the same
          // status so it does not look at the body (a stream it cannot read).
          return { ...res, data: EMPTY_SUCCESS };
        },
        // prometheus-query reads error details (Prometheus's "error" and
        // "errorType") from a parsed body: read the stream for it. It also drops
        // the status of answers that are not Prometheus JSON (a proxy's HTML
        // 502, a plain-text 404); keep it.
        onRejected: async (err: unknown) => {
          const response = (err as { response?: { status?: unknown; data?: unknown } } | null)?.response;
          if (response && isStream(response.data)) {
            try {
              response.data = await readErrorBody(response.data, deadline);
            } catch {
              response.data = undefined;
            }
          }
          onStatus(typeof response?.status === 'number' ? response.status : undefined);
          return Promise.reject(err);
        },
      },
    });
  }

  async function call<T>(run: (d: PrometheusDriver) => Promise<unknown>, consumer: AnswerConsumer<T>, extra?: Record<string, string>): Promise<T> {
    let read: { ok: true; value: T } | { ok: false; error: unknown } | undefined;
    let status: number | undefined;
    // The socket timeout only starts once a pooled socket is free; this deadline
    // covers the whole call, so a hung backend cannot pile requests up beyond it.
    const deadline = AbortSignal.timeout(conn.timeoutMs);
    const onAnswer = async (body: Readable) => {
      try {
        read = { ok: true, value: await readAnswer(body, consumer, deadline) };
      } catch (error) {
        read = { ok: false, error };
      }
    };
    try {
      await run(driver(onAnswer, (s) => (status = s), deadline, extra));
    } catch (err) {
      if (!read) {
        if (deadline.aborted) throw timeoutError(conn.timeoutMs, err);
        throw toPrometheusError(err, { status, timeoutMs: conn.timeoutMs });
      }
    }
    if (!read) throw new PrometheusError('bad-response', 'The backend did not answer like Prometheus: no answer was read');
    if (read.ok) return read.value;
    // The answer was not the API's (a login page, JSON of another shape), or it broke off.
    if (read.error instanceof PrometheusError) throw read.error;
    if (deadline.aborted) throw timeoutError(conn.timeoutMs, read.error);
    const code = (read.error as { code?: unknown } | null)?.code;
    throw new PrometheusError('unreachable', `Prometheus broke off its answer (${typeof code === 'string' ? code : 'connection lost'})`, undefined, { cause: read.error });
  }

  /** What buildInfo reads: the whole (small) answer, which has no data.result. */
  const whole = (): AnswerConsumer<unknown> => ({ element: () => undefined, end: (a) => (a.kind === 'text' ? a.text : a.envelope) });

  const instant = (query: string, time: number, consumer: AnswerConsumer<AnswerMeta>, extra?: Record<string, string>) =>
    call((d) => d.instantQuery(query, new Date(time * 1000), evalTimeout), consumer, extra);

  return {
    async instantQuery(query, time, opts) {
      const samples: Sample[] = [];
      const meta = await instant(query, time, instantAnswer((s) => samples.push(s)), opts?.stats ? { stats: 'all' } : {});
      return { samples, ...meta };
    },
    streamInstantQuery: (query, time, onSample) => instant(query, time, instantAnswer(onSample)),
    async rangeQuery(query, start, end, step) {
      const series: Series[] = [];
      const meta = await call((d) => d.rangeQuery(query, new Date(start * 1000), new Date(end * 1000), step, evalTimeout), rangeAnswer((s) => series.push(s)));
      return { series, ...meta };
    },
    async buildInfo() {
      try {
        const info = await call((d) => d.statusBuildinfo(), whole());
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
