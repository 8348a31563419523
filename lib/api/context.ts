import { getConfig } from '../config/env';
import { createCoalescingCache, type CoalescingCache } from '../prometheus/cache';
import { createPrometheusClient } from '../prometheus/client';
import type { InstantQueryResult, RangeQueryResult } from '../prometheus/types';
import type { EgressDeps } from '../egress/report';

let deps: EgressDeps | undefined;

/** Process-wide dependencies of the API routes: one client and one query cache per server. */
export function getEgressDeps(): EgressDeps {
  if (!deps) {
    const config = getConfig();
    deps = {
      client: createPrometheusClient(config.prometheus),
      cache: createCoalescingCache<InstantQueryResult>({ ttlMs: config.cacheTtlMs }),
      gatewayWorkloads: config.egressGatewayWorkloads,
      topHostsPerStatus: config.topHostsPerStatus,
      tcpDestinationLabels: config.tcpDestinationLabels,
    };
  }
  return deps;
}

let rangeCache: CoalescingCache<RangeQueryResult> | undefined;

/** The process-wide cache of range queries (charts), coalesced like the instant ones. */
export function getRangeCache(): CoalescingCache<RangeQueryResult> {
  rangeCache ??= createCoalescingCache<RangeQueryResult>({ ttlMs: getConfig().cacheTtlMs });
  return rangeCache;
}

/**
 * "Now" for a request without `end`: the current second, rounded down to the
 * cache TTL so that concurrent dashboards ask Prometheus the same question.
 */
export function defaultEnd(nowMs: number, cacheTtlMs: number): number {
  const grain = Math.max(1, Math.floor(cacheTtlMs / 1000));
  const seconds = Math.floor(nowMs / 1000);
  return seconds - (seconds % grain);
}
