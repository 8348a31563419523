'use client';

import { keepPreviousData, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { failureHint, NETWORK_FAILURE } from '@/lib/api/failure-text';
import type { DataSpan } from '@/lib/view/time-text';
import type { ApiErrorBody, EgressGraph, EgressReport, HealthBody, TimeseriesReport } from './api-types';

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

/** The ApiRequestError of an error answer (status 0: the server did not answer at all). */
export function toApiRequestError(status: number, body: unknown): ApiRequestError {
  const err = (body as Partial<ApiErrorBody> | null)?.error;
  const code = err?.code ?? 'http';
  return new ApiRequestError(status, code, err?.message ?? `HTTP ${status}`, err?.hint ?? failureHint(code, { status }));
}

/**
 * Whether the API refused the request itself (HTTP 4xx: a bad parameter, an
 * end time in the future): asking again gives the same answer, so it is shown
 * once and never retried or polled.
 */
export function isRefusal(error: unknown): boolean {
  return error instanceof ApiRequestError && error.status >= 400 && error.status < 500;
}

/** The error of a request that never reached the Egress Lens server. */
export function networkError(): ApiRequestError {
  return new ApiRequestError(0, NETWORK_FAILURE, 'The request to the Egress Lens server failed.', failureHint(NETWORK_FAILURE));
}

export async function getJson<T>(path: string, signal: AbortSignal): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, { signal, headers: { Accept: 'application/json' } });
  } catch (err) {
    if (signal.aborted) throw err;
    throw networkError();
  }
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) throw toApiRequestError(res.status, body);
  return body as T;
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
    queryFn: ({ signal }) => getJson<TimeseriesReport>(`/api/timeseries?${qs}`, signal),
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
  for (const q of client.getQueryCache().findAll({ queryKey: [prefix] })) {
    if (q.state.data !== undefined && (!best || q.state.dataUpdatedAt > best.at)) best = { data: q.state.data as T, at: q.state.dataUpdatedAt };
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
export function useApiQuery<T>(queryKey: readonly unknown[], path: string, refreshMs: number | false = false): ApiQueryResult<T> {
  const client = useQueryClient();
  const q = useQuery({
    queryKey,
    queryFn: ({ signal }) => getJson<T>(path, signal),
    placeholderData: keepPreviousData,
    retry: false,
    refetchInterval: (query) => (query.state.status !== 'error' ? refreshMs : isRefusal(query.state.error) ? false : ERROR_RETRY_MS),
    refetchIntervalInBackground: false,
  });
  if (!q.isError) return { data: q.data, error: null, isPending: q.isPending, keptSince: undefined };
  if (q.data !== undefined) return { data: q.data, error: q.error, isPending: false, keptSince: q.dataUpdatedAt };
  const last = lastAnswer<T>(client, queryKey[0]);
  return { data: last?.data, error: q.error, isPending: false, keptSince: last?.at };
}

/** The egress graph for a time range (see useApiQuery). */
export function useGraph(params: URLSearchParams, refreshMs: number | false) {
  const qs = params.toString();
  return useApiQuery<EgressGraph>(queryKeys.graph(qs), `/api/graph?${qs}`, refreshMs);
}

export function useHealth() {
  return useQuery({
    queryKey: queryKeys.health,
    queryFn: ({ signal }) => getJson<HealthBody>('/api/health', signal),
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
    queryFn: ({ signal }) => getJson<EgressReport>(`/api/egress${qs ? `?${qs}` : ''}`, signal),
    placeholderData: (prev) => prev,
    refetchInterval: (query) => (isRefusal(query.state.error) ? false : 30_000),
  });
}
