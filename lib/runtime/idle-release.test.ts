import http from 'node:http';
import type { AddressInfo } from 'node:net';
import v8 from 'node:v8';
import { describe, expect, it } from 'vitest';
import { createIdleRelease, releaseMemoryWhenIdle, shouldRelease, type IdleReleaseOptions } from './idle-release';

const MiB = 1024 * 1024;
const OPTS: IdleReleaseOptions = { idleMs: 2000, minHeapBytes: 128 * MiB };

/** Hand-driven time and heap. */
function harness(heap = { committed: 400 * MiB, used: 300 * MiB }) {
  let t = 0;
  const timers: { at: number; fn: () => void }[] = [];
  const collections: number[] = [];
  const release = createIdleRelease(
    {
      heap: () => heap,
      collect: () => {
        collections.push(t);
        heap.committed = 100 * MiB;
        heap.used = 60 * MiB;
      },
      now: () => t,
      schedule: (fn, ms) => void timers.push({ at: t + ms, fn }),
    },
    OPTS,
  );
  const advance = (ms: number) => {
    const until = t + ms;
    for (;;) {
      timers.sort((a, b) => a.at - b.at);
      const next = timers[0];
      if (!next || next.at > until) break;
      timers.shift();
      t = next.at;
      next.fn();
    }
    t = until;
  };
  return { release, collections, heap, advance };
}

describe('shouldRelease', () => {
  it('only past the minimum, and only when the heap is more than twice what the last collection left', () => {
    expect(shouldRelease(100 * MiB, 0, OPTS)).toBe(false);
    expect(shouldRelease(400 * MiB, 0, OPTS)).toBe(true);
    expect(shouldRelease(400 * MiB, 250 * MiB, OPTS)).toBe(false);
    expect(shouldRelease(400 * MiB, 150 * MiB, OPTS)).toBe(true);
  });
});

describe('createIdleRelease', () => {
  it('collects once, after idleMs with no request in flight, never while one is', () => {
    const h = harness();
    h.release.started();
    h.release.started();
    h.release.ended();
    h.advance(10_000);
    expect(h.collections).toEqual([]);
    h.release.ended();
    h.advance(1999);
    expect(h.collections).toEqual([]);
    h.advance(1);
    expect(h.collections).toEqual([12_000]);
    h.advance(60_000);
    expect(h.collections).toEqual([12_000]);
  });

  it('a request during the quiet time starts it again', () => {
    const h = harness();
    h.release.started();
    h.release.ended();
    h.advance(1500);
    h.release.started();
    h.release.ended();
    h.advance(1999);
    expect(h.collections).toEqual([]);
    h.advance(1);
    expect(h.collections).toEqual([3500]);
  });

  it('does nothing for a heap that has not grown: not below the minimum, not again without growth', () => {
    const small = harness({ committed: 90 * MiB, used: 60 * MiB });
    small.release.started();
    small.release.ended();
    small.advance(5000);
    expect(small.collections).toEqual([]);

    const h = harness();
    h.release.started();
    h.release.ended();
    h.advance(5000);
    expect(h.collections).toHaveLength(1);
    // The next burst grows the heap to 110 MiB: under twice the 60 MiB left, so no second collection.
    h.heap.committed = 110 * MiB;
    h.release.started();
    h.release.ended();
    h.advance(5000);
    expect(h.collections).toHaveLength(1);
    h.heap.committed = 300 * MiB;
    h.release.started();
    h.release.ended();
    h.advance(5000);
    expect(h.collections).toHaveLength(2);
  });
});

describe('releaseMemoryWhenIdle on a real server', () => {
  it('gives back what a burst of requests grew once they are answered', async () => {
    let garbage: unknown[] = [];
    const server = http.createServer((_req, res) => {
      // Each request leaves 20 MB of objects behind that live until the next one.
      garbage = Array.from({ length: 200_000 }, (_, i) => ({ name: `n${i}`, value: i + 0.5 }));
      res.end('ok');
    });
    releaseMemoryWhenIdle(server as unknown as Parameters<typeof releaseMemoryWhenIdle>[0], { idleMs: 200, minHeapBytes: 0 });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    for (let i = 0; i < 20; i++) await fetch(`http://127.0.0.1:${port}/`).then((r) => r.text());
    garbage = [];
    const grown = v8.getHeapStatistics().total_heap_size;
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const after = v8.getHeapStatistics().total_heap_size;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    expect(garbage).toEqual([]);
    expect(after).toBeLessThan(grown * 0.8);
  });
});
