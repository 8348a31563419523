/**
 * Route caching. Everything a route shares between requests (a report, a
 * graph, a small PromQL answer) goes through cached(): equal queries while one
 * is in flight, or within the TTL, get the same answer (the same object, so
 * app/api/respond.ts serialises it once). The key is the query object itself,
 * parsed and normalised by the caller, in one format (cacheKey).
 *
 * Each name has its own cache (lib/prometheus/cache.ts), bounded by entries
 * and by estimated bytes: keys come from request parameters, so a client
 * sending many different ones must not leave the server holding hundreds of
 * megabytes of answers nobody will be served (docs/PERFORMANCE.md, "Memory
 * under fuzzing"). A value larger than its budget reaches the requests waiting
 * for it but is not kept.
 */
import { createCoalescingCache, type CacheOptions, type CoalescingCache } from './cache';
import type { PrometheusClient } from './client';
import type { InstantQueryResult, RangeQueryResult } from './types';

/** How much one name's cache keeps, and for how long (default: the store's TTL, QUERY_CACHE_TTL_MS). */
export interface CacheBounds {
  readonly ttlMs?: number;
  /** Most entries; default 500. */
  readonly maxEntries?: number;
  /** Most estimated bytes of settled values; default 32 MiB. */
  readonly maxBytes?: number;
}

/** Where cached functions keep their answers: one cache per name, made on first use. */
export interface CacheStore {
  cacheFor<T>(name: string, bounds: CacheBounds): CoalescingCache<T>;
}

/** What a cached function is called with besides its query: the store (none: every call runs). */
export interface WithCaches {
  readonly caches?: CacheStore;
}

/** A store whose caches keep answers for `ttlMs` unless a name says otherwise (clock and timers injectable for tests). */
export function createCacheStore(opts: Pick<CacheOptions, 'ttlMs' | 'now' | 'schedule'>): CacheStore {
  const caches = new Map<string, CoalescingCache<unknown>>();
  return {
    cacheFor<T>(name: string, bounds: CacheBounds): CoalescingCache<T> {
      let cache = caches.get(name);
      if (!cache) caches.set(name, (cache = createCoalescingCache<unknown>({ ...opts, ...bounds })));
      return cache as CoalescingCache<T>;
    },
  };
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The one key format: the query as JSON with every object's keys sorted, so
 * equal queries built in a different order share an entry. Arrays keep their
 * order (the caller normalises what is a set); undefined fields are left out.
 */
export function cacheKey(query: unknown): string {
  return JSON.stringify(query, (_key, value: unknown) =>
    isPlainObject(value)
      ? Object.fromEntries(
          Object.keys(value)
            .sort()
            .map((k) => [k, value[k]]),
        )
      : value,
  );
}

/**
 * `run`, with its answers shared through `deps.caches` under `name` (unique
 * per cached function), keyed by cacheKey(query). Failures are shared with
 * the calls waiting for them but never kept. `query` must be all that the
 * answer depends on, besides what is the same for the whole server (`deps`).
 */
export function cached<D extends WithCaches, Q, T>(name: string, run: (deps: D, query: Q) => Promise<T>, bounds: CacheBounds = {}): (deps: D, query: Q) => Promise<T> {
  return (deps, query) => {
    const cache = deps.caches?.cacheFor<T>(name, bounds);
    return cache ? cache.get(cacheKey(query), () => run(deps, query)) : run(deps, query);
  };
}

export const MiB = 1024 * 1024;

/** What the PromQL functions below need. */
export interface QueryDeps extends WithCaches {
  readonly client: PrometheusClient;
}

/**
 * An instant query's answer at `time` (unix seconds), shared: for the small
 * queries (proxy versions, blocked attempts, in-mesh calls). The two egress
 * queries are read as a stream, never held; their report is what is shared.
 */
export const cachedInstantQuery = cached(
  'instant query',
  (deps: QueryDeps, q: { readonly query: string; readonly time: number }): Promise<InstantQueryResult> => deps.client.instantQuery(q.query, q.time),
  { maxBytes: 32 * MiB },
);

/** A range query's answer over [start, end] at `step` (unix seconds), shared: charts, blocked trends, first/last seen. */
export const cachedRangeQuery = cached(
  'range query',
  (deps: QueryDeps, q: { readonly query: string; readonly start: number; readonly end: number; readonly step: number }): Promise<RangeQueryResult> =>
    deps.client.rangeQuery(q.query, q.start, q.end, q.step),
  { maxBytes: 32 * MiB },
);
