'use client';

import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { egressReportSchema } from '@/lib/api/answers';
import { getJson } from '../queries';
import { namedHosts, namedHostsQuery, type PromoteRequest } from './promote-request';

export interface NamedHosts {
  /** The hosts the review's hostIds name, once found. */
  readonly hosts: string[];
  /** Still looking them up. */
  readonly pending: boolean;
  /** Why they could not be found (an id the window does not report: 404 with the reason). */
  readonly error: Error | null;
}

const NONE: string[] = [];

/** The hosts a review names by id (`hostId=`), from the flows of its window (GET /api/egress?hostId=...). */
export function useNamedHosts(request: PromoteRequest): NamedHosts {
  const params = namedHostsQuery(request);
  const qs = params?.toString() ?? '';
  const q = useQuery({
    queryKey: ['named-hosts', qs],
    queryFn: ({ signal }) => getJson(`/api/egress?${qs}`, egressReportSchema, signal),
    enabled: params !== null,
    retry: false,
    staleTime: Infinity,
  });
  const hosts = useMemo(() => (q.data ? namedHosts(q.data, request.hostIds) : NONE), [q.data, request.hostIds]);
  return { hosts, pending: params !== null && q.isPending, error: q.error };
}
