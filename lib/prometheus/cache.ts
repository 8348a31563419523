/**
 * Coalesces identical concurrent calls and keeps results for a short time, so
 * that fifty dashboards refreshing the same view cost Prometheus one query.
 * Failures are shared with concurrent callers but never cached.
 *
 * Bounded by entries and by bytes (an estimate, approximateBytes), the oldest
 * dropped first, and an entry is dropped when its time is up even if no
 * request comes to find it: keys come from request parameters, so a client
 * sending many different ones (a fuzzer, a crawler) must not leave the
 * server holding hundreds of megabytes of answers nobody will be served.
 */
import { approximateBytes } from '../approximate-size';

export interface CoalescingCache<T> {
  get(key: string, load: () => Promise<T>): Promise<T>;
  /** Entries currently held (settled or in flight). */
  readonly size: number;
}

/** The cache createCoalescingCache makes: it also says how much it holds. */
export interface BoundedCache<T> extends CoalescingCache<T> {
  /** Estimated bytes of the settled values held. */
  readonly bytes: number;
}

export interface CacheOptions<T = unknown> {
  readonly ttlMs: number;
  /** Most entries kept; the oldest is dropped first. Default 500. */
  readonly maxEntries?: number;
  /**
   * Most bytes of settled values kept (as `weigh` estimates them), the oldest
   * dropped first; a value larger than this reaches the callers waiting for
   * it but is not kept. Default 32 MiB.
   */
  readonly maxBytes?: number;
  /** Estimated bytes of a value; default approximateBytes. */
  readonly weigh?: (value: T) => number;
  /** Clock in milliseconds (injected for tests). */
  readonly now?: () => number;
  /** Runs `drop` after `ms` (injected for tests); default a timer that does not keep the process alive. */
  readonly schedule?: (drop: () => void, ms: number) => void;
}

interface Entry<T> {
  readonly promise: Promise<T>;
  /** When the settled value stops being served; Infinity while in flight. */
  expires: number;
  /** Estimated size of the settled value; 0 while in flight. */
  bytes: number;
}

const unrefTimer = (drop: () => void, ms: number): void => {
  setTimeout(drop, ms).unref?.();
};

/** Creates a coalescing cache with a time-to-live, bounded by entries and bytes. */
export function createCoalescingCache<T>(opts: CacheOptions<T>): BoundedCache<T> {
  const entries = new Map<string, Entry<T>>();
  const now = opts.now ?? Date.now;
  const maxEntries = opts.maxEntries ?? 500;
  const maxBytes = opts.maxBytes ?? 32 * 1024 * 1024;
  const weigh = opts.weigh ?? approximateBytes;
  const schedule = opts.schedule ?? unrefTimer;
  let bytes = 0;

  function drop(key: string): void {
    const e = entries.get(key);
    if (!e) return;
    bytes -= e.bytes;
    entries.delete(key);
  }

  function evict(): void {
    const t = now();
    for (const [k, e] of entries) if (e.expires <= t) drop(k);
    while (entries.size >= maxEntries) {
      const oldest = entries.keys().next();
      if (oldest.done) break;
      drop(oldest.value);
    }
  }

  /** Drops the oldest settled values until the bytes fit. */
  function fitBytes(): void {
    for (const [k, e] of entries) {
      if (bytes <= maxBytes) return;
      if (e.bytes > 0) drop(k);
    }
  }

  return {
    get(key, load) {
      const hit = entries.get(key);
      if (hit && hit.expires > now()) return hit.promise;
      evict();
      const entry: Entry<T> = { promise: load(), expires: Number.POSITIVE_INFINITY, bytes: 0 };
      entries.set(key, entry);
      entry.promise.then(
        (value) => {
          if (entries.get(key) !== entry) return;
          if (opts.ttlMs <= 0) return drop(key);
          entry.expires = now() + opts.ttlMs;
          entry.bytes = Math.max(1, weigh(value));
          bytes += entry.bytes;
          if (entry.bytes > maxBytes) return drop(key);
          fitBytes();
          schedule(() => {
            if (entries.get(key) === entry && entry.expires <= now()) drop(key);
          }, opts.ttlMs);
        },
        () => {
          if (entries.get(key) === entry) drop(key);
        },
      );
      return entry.promise;
    },
    get size() {
      return entries.size;
    },
    get bytes() {
      return bytes;
    },
  };
}
