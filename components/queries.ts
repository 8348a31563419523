'use client';

import { useQuery } from '@tanstack/react-query';
import type { ApiErrorBody, EgressReport, HealthBody } from './api-types';

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

async function getJson<T>(path: string, signal: AbortSignal): Promise<T> {
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
};

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
