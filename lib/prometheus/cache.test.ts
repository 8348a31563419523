import { describe, expect, it } from 'vitest';
import { createCoalescingCache } from './cache';

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('createCoalescingCache', () => {
  it('runs one load for identical concurrent calls', async () => {
    const t = 0;
    const cache = createCoalescingCache<number>({ ttlMs: 5000, now: () => t });
    const d = deferred<number>();
    let loads = 0;
    const load = () => {
      loads++;
      return d.promise;
    };
    const calls = Array.from({ length: 50 }, () => cache.get('q', load));
    d.resolve(42);
    expect(await Promise.all(calls)).toEqual(Array(50).fill(42));
    expect(loads).toBe(1);
  });

  it('serves the result until the TTL passes, then loads again', async () => {
    let t = 0;
    const cache = createCoalescingCache<number>({ ttlMs: 5000, now: () => t });
    let loads = 0;
    const load = async () => ++loads;
    expect(await cache.get('q', load)).toBe(1);
    t = 4999;
    expect(await cache.get('q', load)).toBe(1);
    t = 5000;
    expect(await cache.get('q', load)).toBe(2);
  });

  it('keeps different keys apart', async () => {
    const cache = createCoalescingCache<string>({ ttlMs: 5000 });
    expect(await cache.get('a', async () => 'A')).toBe('A');
    expect(await cache.get('b', async () => 'B')).toBe('B');
  });

  it('shares a failure with concurrent callers but does not cache it', async () => {
    const cache = createCoalescingCache<number>({ ttlMs: 5000 });
    const d = deferred<number>();
    const a = cache.get('q', () => d.promise);
    const b = cache.get('q', () => Promise.resolve(0));
    d.reject(new Error('down'));
    await expect(a).rejects.toThrow('down');
    await expect(b).rejects.toThrow('down');
    expect(await cache.get('q', async () => 7)).toBe(7);
  });

  it('does not cache with a TTL of 0 but still coalesces in-flight calls', async () => {
    const cache = createCoalescingCache<number>({ ttlMs: 0 });
    let loads = 0;
    const d = deferred<number>();
    const both = Promise.all([cache.get('q', () => (loads++, d.promise)), cache.get('q', () => (loads++, d.promise))]);
    d.resolve(1);
    await both;
    expect(loads).toBe(1);
    await cache.get('q', async () => (loads++, 2));
    expect(loads).toBe(2);
    expect(cache.size).toBe(0);
  });

  it('bounds the number of entries', async () => {
    const cache = createCoalescingCache<number>({ ttlMs: 60_000, maxEntries: 3 });
    for (let i = 0; i < 10; i++) await cache.get(`k${i}`, async () => i);
    expect(cache.size).toBeLessThanOrEqual(3);
  });
});
