import http from 'node:http';
import https from 'node:https';
import { PrometheusDriver } from 'prometheus-query';
import type { PrometheusConnection } from '../config/env';
import { PrometheusError, toPrometheusError } from './errors';
import { parseInstantResponse, parseRangeResponse } from './parse';
import type { BuildInfo, InstantQueryResult, RangeQueryResult } from './types';

const EMPTY_SUCCESS = Object.freeze({ status: 'success', data: Object.freeze({ resultType: 'scalar', result: Object.freeze([0, '0']) }) });

/** What the rest of the server needs from a PromQL backend. */
export interface PrometheusClient {
  /** Instant query at `time` (unix seconds). */
  instantQuery(query: string, time: number, opts?: { stats?: boolean }): Promise<InstantQueryResult>;
  /** Range query over [start, end] (unix seconds) at `step` seconds. */
  rangeQuery(query: string, start: number, end: number, step: number): Promise<RangeQueryResult>;
  /** The backend's version, or null when it does not report one (not every PromQL engine does). */
  buildInfo(): Promise<BuildInfo | null>;
}

/**
 * A client for Prometheus and the engines that speak its HTTP API (Thanos,
 * Mimir, Cortex, VictoriaMetrics). Transport, auth and error normalisation
 * come from prometheus-query; the body is parsed here (prometheus-query's own
 * parsing turns "+Inf" into NaN and drops warnings and stats).
 */
export function createPrometheusClient(conn: PrometheusConnection): PrometheusClient {
  const httpAgent = new http.Agent({ keepAlive: true, maxSockets: 32 });
  const httpsAgent = new https.Agent({ keepAlive: true, maxSockets: 32, ca: conn.ca });
  const evalTimeout = `${Math.max(1, Math.floor(conn.timeoutMs / 1000))}s`;

  /**
   * A driver whose raw response body (or, on failure, HTTP status) is handed
   * to `capture`; one driver per call keeps captures apart.
   */
  function driver(capture: (body: unknown, status?: number) => void, extra: Record<string, string> = {}): PrometheusDriver {
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
          const params = cfg.method?.toLowerCase() === 'post' ? cfg.data : cfg.params;
          if (params instanceof URLSearchParams) for (const [k, v] of Object.entries(extra)) params.append(k, v);
          return cfg;
        },
      },
      responseInterceptor: {
        onFulfilled: (res) => {
          capture(res.data);
          // We parse the body ourselves; hand prometheus-query an empty answer
          // of the same status so it does not build its own objects for every
          // series (a second pass over 10^5 series, for nothing).
          const status = (res.data as { status?: unknown } | null)?.status;
          return status === 'success' ? { ...res, data: EMPTY_SUCCESS } : res;
        },
        // prometheus-query drops the status of answers that are not Prometheus
        // JSON (a proxy's HTML 502, a plain-text 404); keep it.
        onRejected: (err: unknown) => {
          const status = (err as { response?: { status?: unknown } } | null)?.response?.status;
          capture(undefined, typeof status === 'number' ? status : undefined);
          return Promise.reject(err);
        },
      },
    });
  }

  async function call<T>(run: (d: PrometheusDriver) => Promise<unknown>, parse: (body: unknown) => T, extra?: Record<string, string>): Promise<T> {
    let body: unknown;
    let status: number | undefined;
    try {
      await run(driver((b, s) => ((body = b), (status = s)), extra));
    } catch (err) {
      throw toPrometheusError(err, status);
    }
    return parse(body);
  }

  return {
    instantQuery: (query, time, opts) =>
      call((d) => d.instantQuery(query, new Date(time * 1000), evalTimeout), parseInstantResponse, opts?.stats ? { stats: 'all' } : {}),
    rangeQuery: (query, start, end, step) =>
      call((d) => d.rangeQuery(query, new Date(start * 1000), new Date(end * 1000), step, evalTimeout), parseRangeResponse),
    async buildInfo() {
      try {
        const info = await call((d) => d.statusBuildinfo(), (body) => body);
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
