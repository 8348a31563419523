/**
 * Coalesces identical concurrent calls and keeps results for a short time, so
 * that fifty dashboards refreshing the same view cost Prometheus one query.
 * Failures are shared with concurrent callers but never cached.
 */
export interface CoalescingCache<T> {
  get(key: string, load: () => Promise<T>): Promise<T>;
  /** Entries currently held (settled or in flight). */
  readonly size: number;
}

export interface CacheOptions {
  readonly ttlMs: number;
  /** Most entries kept; the oldest is dropped first. */
  readonly maxEntries?: number;
  /** Clock in milliseconds (injected for tests). */
  readonly now?: () => number;
}

interface Entry<T> {
  readonly promise: Promise<T>;
  /** When the settled value stops being served; Infinity while in flight. */
  expires: number;
}

/** Creates a coalescing cache with a time-to-live. */
export function createCoalescingCache<T>(opts: CacheOptions): CoalescingCache<T> {
  const entries = new Map<string, Entry<T>>();
  const now = opts.now ?? Date.now;
  const maxEntries = opts.maxEntries ?? 500;

  function evict(): void {
    const t = now();
    for (const [k, e] of entries) if (e.expires <= t) entries.delete(k);
    while (entries.size >= maxEntries) {
      const oldest = entries.keys().next();
      if (oldest.done) break;
      entries.delete(oldest.value);
    }
  }

  return {
    get(key, load) {
      const hit = entries.get(key);
      if (hit && hit.expires > now()) return hit.promise;
      evict();
      const entry: Entry<T> = { promise: load(), expires: Number.POSITIVE_INFINITY };
      entries.set(key, entry);
      entry.promise.then(
        () => {
          if (entries.get(key) !== entry) return;
          if (opts.ttlMs > 0) entry.expires = now() + opts.ttlMs;
          else entries.delete(key);
        },
        () => {
          if (entries.get(key) === entry) entries.delete(key);
        },
      );
      return entry.promise;
    },
    get size() {
      return entries.size;
    },
  };
}
