'use client';

import { useQuery } from '@tanstack/react-query';
import type { ApiErrorBody, EgressGraph, EgressReport, HealthBody, TimeseriesReport } from './api-types';

/** An /api/* error as the UI shows it. */
export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export async function getJson<T>(path: string, signal: AbortSignal): Promise<T> {
  const res = await fetch(path, { signal, headers: { Accept: 'application/json' } });
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const err = (body as ApiErrorBody | null)?.error;
    throw new ApiRequestError(res.status, err?.code ?? 'http', err?.message ?? `HTTP ${res.status}`);
  }
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
    refetchInterval: refreshMs,
  });
}

/** While the backend fails, retry this often whatever the refresh setting, so the banner clears by itself. */
export const ERROR_RETRY_MS = 5_000;

/**
 * The egress graph for a time range. Keeps the last graph while refetching or
 * failing (placeholderData), polls at `refreshMs`, and every ERROR_RETRY_MS
 * while the last attempt failed.
 */
export function useGraph(params: URLSearchParams, refreshMs: number | false) {
  const qs = params.toString();
  return useQuery({
    queryKey: queryKeys.graph(qs),
    queryFn: ({ signal }) => getJson<EgressGraph>(`/api/graph?${qs}`, signal),
    placeholderData: (prev) => prev,
    retry: false,
    refetchInterval: (query) => (query.state.status === 'error' ? ERROR_RETRY_MS : refreshMs),
    refetchIntervalInBackground: false,
  });
}

export function useHealth() {
  return useQuery({
    queryKey: queryKeys.health,
    queryFn: ({ signal }) => getJson<HealthBody>('/api/health', signal),
    refetchInterval: 15_000,
  });
}

export function useEgress(params: URLSearchParams) {
  const qs = params.toString();
  return useQuery({
    queryKey: queryKeys.egress(qs),
    queryFn: ({ signal }) => getJson<EgressReport>(`/api/egress${qs ? `?${qs}` : ''}`, signal),
    placeholderData: (prev) => prev,
    refetchInterval: 30_000,
  });
}
