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

describe('createCoalescingCache bounds', () => {
  /** A clock and a scheduler the test moves by hand. */
  function manualTime() {
    let t = 0;
    const timers: { at: number; run: () => void }[] = [];
    return {
      now: () => t,
      schedule: (run: () => void, ms: number) => void timers.push({ at: t + ms, run }),
      advance(ms: number) {
        t += ms;
        for (const timer of timers.splice(0).filter((x) => (x.at <= t ? (x.run(), false) : true))) timers.push(timer);
      },
    };
  }

  it('evicts the oldest values past maxBytes, and says how many bytes it holds', async () => {
    const cache = createCoalescingCache<string>({ ttlMs: 60_000, maxBytes: 1000, weigh: (v) => v.length });
    for (let i = 0; i < 10; i++) await cache.get(`k${i}`, async () => 'x'.repeat(300));
    expect(cache.size).toBe(3);
    expect(cache.bytes).toBe(900);
    // The newest three are the ones kept.
    let loads = 0;
    for (const k of ['k7', 'k8', 'k9']) await cache.get(k, async () => (loads++, 'reloaded'));
    expect(loads).toBe(0);
    expect(await cache.get('k0', async () => 'reloaded')).toBe('reloaded');
  });

  it('a value larger than maxBytes reaches every caller waiting for it, but is not kept', async () => {
    const cache = createCoalescingCache<string>({ ttlMs: 60_000, maxBytes: 100, weigh: (v) => v.length });
    const d = deferred<string>();
    const waiting = Array.from({ length: 5 }, () => cache.get('big', () => d.promise));
    d.resolve('x'.repeat(101));
    expect(new Set(await Promise.all(waiting))).toEqual(new Set(['x'.repeat(101)]));
    expect(cache.size).toBe(0);
    expect(cache.bytes).toBe(0);
  });

  it('drops an expired entry when its time is up, without a request to find it', async () => {
    const time = manualTime();
    const cache = createCoalescingCache<string>({ ttlMs: 5000, now: time.now, schedule: time.schedule, weigh: () => 10 });
    for (let i = 0; i < 20; i++) await cache.get(`k${i}`, async () => 'v');
    expect(cache.size).toBe(20);
    time.advance(4999);
    expect(cache.size).toBe(20);
    time.advance(1);
    expect(cache.size).toBe(0);
    expect(cache.bytes).toBe(0);
  });

  it('a reloaded key keeps its new value when the old one times out', async () => {
    const time = manualTime();
    const cache = createCoalescingCache<number>({ ttlMs: 5000, now: time.now, schedule: time.schedule, weigh: () => 8 });
    await cache.get('q', async () => 1);
    time.advance(5000);
    expect(await cache.get('q', async () => 2)).toBe(2);
    time.advance(1000);
    expect(await cache.get('q', async () => 3)).toBe(2);
    expect(cache.bytes).toBe(8);
  });

  it('by default estimates bytes: 64 answers of 10,000 samples do not all stay', async () => {
    const cache = createCoalescingCache<{ samples: { labels: Record<string, string>; value: number }[] }>({ ttlMs: 60_000, maxBytes: 8 * 1024 * 1024 });
    const answer = (i: number) => ({ samples: Array.from({ length: 10_000 }, (_, j) => ({ labels: { destination_service: `h${j}.scale.test`, source_workload: `w${i}` }, value: j })) });
    for (let i = 0; i < 64; i++) await cache.get(`q${i}`, async () => answer(i));
    expect(cache.bytes).toBeLessThanOrEqual(8 * 1024 * 1024);
    expect(cache.size).toBeGreaterThan(0);
    expect(cache.size).toBeLessThan(64);
  });
});
