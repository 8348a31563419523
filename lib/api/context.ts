import { getConfig, type AppConfig } from '../config/env';
import { createCoalescingCache, type CoalescingCache } from '../prometheus/cache';
import { createPrometheusClient } from '../prometheus/client';
import type { InstantQueryResult, RangeQueryResult } from '../prometheus/types';
import type { EgressDeps, EgressReport } from '../egress/report';
import type { IstioDataRange } from '../egress/data-range';

let deps: EgressDeps | undefined;

const MiB = 1024 * 1024;
/**
 * What each process-wide cache may hold (estimated bytes): entries are keyed
 * by request parameters, so without a byte bound a client sending many
 * different ones filled them to hundreds of megabytes (docs/PERFORMANCE.md,
 * "Memory under fuzzing"). A value larger than its budget is shared by the
 * requests waiting for it, not kept.
 */
export const CACHE_BYTES = { instant: 32 * MiB, range: 32 * MiB, reports: 32 * MiB, answers: 16 * MiB } as const;

/** Process-wide dependencies of the API routes: one client and one query cache per server. */
export function getEgressDeps(): EgressDeps {
  if (!deps) {
    const config = getConfig();
    deps = {
      client: createPrometheusClient(config.prometheus),
      cache: createCoalescingCache<InstantQueryResult>({ ttlMs: config.cacheTtlMs, maxBytes: CACHE_BYTES.instant }),
      reports: createCoalescingCache<EgressReport>({ ttlMs: config.cacheTtlMs, maxEntries: 64, maxBytes: CACHE_BYTES.reports }),
      gatewayWorkloads: config.egressGatewayWorkloads,
      topHostsPerStatus: config.topHostsPerStatus,
      tcpDestinationLabels: config.tcpDestinationLabels,
      outboundMode: config.outboundMode,
    };
  }
  return deps;
}

let rangeCache: CoalescingCache<RangeQueryResult> | undefined;

/** The process-wide cache of range queries (charts), coalesced like the instant ones. */
export function getRangeCache(): CoalescingCache<RangeQueryResult> {
  rangeCache ??= createCoalescingCache<RangeQueryResult>({ ttlMs: getConfig().cacheTtlMs, maxBytes: CACHE_BYTES.range });
  return rangeCache;
}

let answerCache: CoalescingCache<unknown> | undefined;

/**
 * The process-wide cache of finished answers (reports, graphs), same TTL:
 * fifty dashboards on the same view share one build and one serialisation,
 * not only the two PromQL queries.
 */
export function getAnswerCache(): CoalescingCache<unknown> {
  answerCache ??= createCoalescingCache<unknown>({ ttlMs: getConfig().cacheTtlMs, maxEntries: 64, maxBytes: CACHE_BYTES.answers });
  return answerCache;
}

let dataRangeCache: CoalescingCache<IstioDataRange> | undefined;

/** Where the Istio metrics are moves by the minute: one lookup a minute per server, whatever the number of dashboards. */
export const DATA_RANGE_TTL_MS = 60_000;

/** The process-wide cache of the Istio data range (/api/health). */
export function getDataRangeCache(): CoalescingCache<IstioDataRange> {
  dataRangeCache ??= createCoalescingCache<IstioDataRange>({ ttlMs: DATA_RANGE_TTL_MS, maxEntries: 1 });
  return dataRangeCache;
}

/** What the handlers read from the server: getters, so a bad environment fails inside the request (500 misconfigured), not at import. */
export interface ApiContext {
  readonly config: () => Pick<AppConfig, 'cacheTtlMs' | 'egressGatewayWorkloads' | 'prometheusPublicUrl'> & Partial<Pick<AppConfig, 'istioRootNamespace'>>;
  readonly deps: () => EgressDeps;
  /** Range-query cache; undefined runs every range query. */
  readonly rangeCache: () => CoalescingCache<RangeQueryResult> | undefined;
  /** Finished-answer cache; absent builds every answer. */
  readonly answers?: () => CoalescingCache<unknown>;
  /** Cache of the Istio data range; absent looks it up on every call. */
  readonly dataRanges?: () => CoalescingCache<IstioDataRange>;
}

/** The running server's context: configuration from the environment, the shared client and caches. */
export const serverContext: ApiContext = { config: getConfig, deps: getEgressDeps, rangeCache: getRangeCache, answers: getAnswerCache, dataRanges: getDataRangeCache };

/** Runs `build` once for concurrent (and, within the TTL, later) requests for the same answer. */
export function sharedAnswer<T>(ctx: ApiContext, key: string, build: () => Promise<T>): Promise<T> {
  const cache = ctx.answers?.();
  return cache ? (cache.get(key, build) as Promise<T>) : build();
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
