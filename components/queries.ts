'use client';

import { keepPreviousData, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { apiErrorBodySchema, badAnswerMessage, signInRefusalSchema, checkAnswer, egressGraphSchema, egressReportSchema, healthBodySchema, timeseriesReportSchema } from '@/lib/api/answers';
import { BAD_ANSWER, failureHint, NETWORK_FAILURE } from '@/lib/api/failure-text';
import type { DataSpan } from '@/lib/view/time-text';

/** An /api/* error as the UI shows it; `hint` says what to check. */
export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly hint?: string,
  ) {
    super(message);
  }
}

/** The ApiRequestError of an error answer (status 0: the server did not answer at all); a body that is no error answer leaves the status. */
export function toApiRequestError(status: number, body: unknown): ApiRequestError {
  const parsed = apiErrorBodySchema.safeParse(body);
  if (parsed.success) {
    const { code, message, hint } = parsed.data.error;
    return new ApiRequestError(status, code, message, hint ?? failureHint(code, { status }));
  }
  const signIn = signInRefusalSchema.safeParse(body);
  if (signIn.success) return new ApiRequestError(status, signIn.data.kind, signIn.data.error);
  return new ApiRequestError(status, 'http', `HTTP ${status}`, failureHint('http', { status }));
}

/**
 * Whether the API refused the request itself (HTTP 4xx: a bad parameter, an
 * end time in the future): asking again gives the same answer, so it is shown
 * once and never retried or polled.
 */
export function isRefusal(error: unknown): boolean {
  return error instanceof ApiRequestError && error.status >= 400 && error.status < 500 && error.code !== BAD_ANSWER;
}

/** The error of a request that never reached the Egress Lens server. */
export function networkError(): ApiRequestError {
  return new ApiRequestError(0, NETWORK_FAILURE, 'The request to the Egress Lens server failed.', failureHint(NETWORK_FAILURE));
}

/** The error of an answer that is not what the page expects (lib/api/answers): retried like a failing backend (a deploy may be under way). */
export function badAnswerError(status: number, message: string): ApiRequestError {
  return new ApiRequestError(status, BAD_ANSWER, message, failureHint(BAD_ANSWER));
}

/** fetch, with a failure to reach the server as networkError() (an abort stays an abort). */
export async function fetchApi(path: string, init: RequestInit = {}): Promise<Response> {
  try {
    return await fetch(path, { ...init, headers: { Accept: 'application/json', ...init.headers } });
  } catch (err) {
    if (init.signal?.aborted) throw err;
    throw networkError();
  }
}

/** The body of an answer as JSON, or why it is not (for a page it is then not what it expects). */
export async function readJson(res: Response, path: string, signal?: AbortSignal | null): Promise<{ readonly json: unknown } | { readonly notJson: string }> {
  try {
    return { json: (await res.json()) as unknown };
  } catch (err) {
    if (signal?.aborted) throw err;
    const type = (res.headers.get('content-type') ?? '').slice(0, 60) || 'no Content-Type';
    return { notJson: badAnswerMessage(path, `not JSON (${type})`) };
  }
}

/**
 * The answer of an /api/* response, checked with its schema (lib/api/answers):
 * an error answer throws its ApiRequestError, and an answer that is not what
 * the page expects throws a `bad-answer` one naming the route and the first
 * problem, so that pages show it as they show a failing backend.
 */
export async function readAnswer<S extends z.ZodType>(res: Response, path: string, schema: S, signal?: AbortSignal | null): Promise<z.output<S>> {
  const body = await readJson(res, path, signal);
  if (!res.ok) throw toApiRequestError(res.status, 'json' in body ? body.json : null);
  if (!('json' in body)) throw badAnswerError(res.status, body.notJson);
  const checked = checkAnswer(schema, path, body.json);
  if (!checked.ok) throw badAnswerError(res.status, checked.message);
  return checked.value;
}

/** GET of an /api/* route, its answer checked with `schema` (see readAnswer). */
export async function getJson<S extends z.ZodType>(path: string, schema: S, signal: AbortSignal): Promise<z.output<S>> {
  return readAnswer(await fetchApi(path, { signal }), path, schema, signal);
}

/** POST of a JSON body to an /api/* route, its answer checked with `schema` (see readAnswer). */
export async function postJson<S extends z.ZodType>(path: string, body: string, schema: S): Promise<z.output<S>> {
  return readAnswer(await fetchApi(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body }), path, schema);
}

export const queryKeys = {
  health: ['health'] as const,
  egress: (params: string) => ['egress', params] as const,
  graph: (params: string) => ['graph', params] as const,
  timeseries: (params: string) => ['timeseries', params] as const,
};

/** The rate over time behind a node or edge; null params = nothing to chart. */
export function useTimeseries(params: URLSearchParams | null, refreshMs: number | false) {
  const qs = params?.toString() ?? '';
  return useQuery({
    queryKey: queryKeys.timeseries(qs),
    queryFn: ({ signal }) => getJson(`/api/timeseries?${qs}`, timeseriesReportSchema, signal),
    enabled: params !== null,
    placeholderData: (prev) => prev,
    refetchInterval: (query) => (isRefusal(query.state.error) ? false : refreshMs),
  });
}

/** While the backend fails, retry this often whatever the refresh setting, so the banner clears by itself. */
export const ERROR_RETRY_MS = 5_000;

/** What a page needs of an /api/* query. */
export interface ApiQueryResult<T> {
  /** The answer; while the backend fails, the last answer the page had (maybe for other settings). */
  readonly data: T | undefined;
  /** Set while the last attempt failed. */
  readonly error: Error | null;
  readonly isPending: boolean;
  /** While failing with data on screen: when that data was fetched. */
  readonly keptSince: number | undefined;
}

/** The newest answer of any query under `prefix` (e.g. the graph of the window chosen before). */
function lastAnswer<T>(client: QueryClient, prefix: unknown): { data: T; at: number } | undefined {
  let best: { data: T; at: number } | undefined;
  for (const [key, data] of client.getQueriesData<T>({ queryKey: [prefix] })) {
    const at = client.getQueryState(key)?.dataUpdatedAt ?? 0;
    if (data !== undefined && (!best || at > best.at)) best = { data, at };
  }
  return best;
}

/**
 * GET of an /api/* route that reads Prometheus, as every page uses it: keeps
 * what is on screen while refetching (placeholderData) or failing (the last
 * answer, even one for other settings: placeholderData ends with the error),
 * polls at `refreshMs`, and every ERROR_RETRY_MS while the last attempt
 * failed, so the page recovers by itself once the backend is back. A request
 * the API refused (4xx) is neither retried nor polled: it would fail again.
 */
export function useApiQuery<S extends z.ZodType>(queryKey: readonly unknown[], path: string, schema: S, refreshMs: number | false = false): ApiQueryResult<z.output<S>> {
  const client = useQueryClient();
  const q = useQuery({
    queryKey,
    queryFn: ({ signal }) => getJson(path, schema, signal),
    placeholderData: keepPreviousData,
    retry: false,
    refetchInterval: (query) => (query.state.status !== 'error' ? refreshMs : isRefusal(query.state.error) ? false : ERROR_RETRY_MS),
    refetchIntervalInBackground: false,
  });
  if (!q.isError) return { data: q.data, error: null, isPending: q.isPending, keptSince: undefined };
  if (q.data !== undefined) return { data: q.data, error: q.error, isPending: false, keptSince: q.dataUpdatedAt };
  const last = lastAnswer<z.output<S>>(client, queryKey[0]);
  return { data: last?.data, error: q.error, isPending: false, keptSince: last?.at };
}

/** The egress graph for a time range (see useApiQuery). */
export function useGraph(params: URLSearchParams, refreshMs: number | false) {
  const qs = params.toString();
  return useApiQuery(queryKeys.graph(qs), `/api/graph?${qs}`, egressGraphSchema, refreshMs);
}

export function useHealth() {
  return useQuery({
    queryKey: queryKeys.health,
    queryFn: ({ signal }) => getJson('/api/health', healthBodySchema, signal),
    refetchInterval: 15_000,
  });
}

/** Where the Istio metrics are (from /api/health), once known. */
export function useDataSpan(): DataSpan | undefined {
  const istio = useHealth().data?.istio;
  if (!istio) return undefined;
  const seconds = (t: string | null) => (t === null ? null : Math.floor(Date.parse(t) / 1000));
  return { first: seconds(istio.first), last: seconds(istio.last), earlier: istio.earlier };
}

export function useEgress(params: URLSearchParams) {
  const qs = params.toString();
  return useQuery({
    queryKey: queryKeys.egress(qs),
    queryFn: ({ signal }) => getJson(`/api/egress${qs ? `?${qs}` : ''}`, egressReportSchema, signal),
    placeholderData: (prev) => prev,
    refetchInterval: (query) => (isRefusal(query.state.error) ? false : 30_000),
  });
}
