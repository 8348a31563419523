import { describe, expect, it } from 'vitest';
import { chooseKeptHosts, isFolded, topHosts } from './host-ranking';

describe('topHosts', () => {
  it('equals sorting by rate (ties by name) and taking the first k', () => {
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (const [n, k] of [[0, 3], [5, 10], [50, 1], [1000, 100], [1000, 999]] as const) {
      const rates = new Map(Array.from({ length: n }, (_, i) => [`h${i}`, Math.floor(rand() * 20)] as const));
      const sorted = [...rates].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, k).map(([h]) => h);
      expect([...topHosts(rates, k)].sort()).toEqual(sorted.sort());
    }
  });
});

describe('chooseKeptHosts', () => {
  const unit = (status: 'passthrough' | 'blocked', host: string | null, rate: number, via?: object) => ({ status, hostName: host, rate, via });

  it('sums rates per host, keeps only statuses over the limit, and never ranks gateway hops or null hosts', () => {
    const kept = chooseKeptHosts(
      [unit('passthrough', 'a', 1), unit('passthrough', 'b', 5), unit('passthrough', 'a', 5), unit('passthrough', 'c', 2), unit('passthrough', null, 100), unit('passthrough', 'z', 99, {}), unit('blocked', 'x', 1)],
      2,
    );
    expect([...kept.keep.keys()]).toEqual(['passthrough']);
    expect([...kept.keep.get('passthrough')!].sort()).toEqual(['a', 'b']);
    expect(kept.warnings).toEqual(['3 distinct passthrough hosts in this window: showing the top 2 by rate; the other 1 are summed per source as "other hosts".']);
    expect(isFolded(kept, 'passthrough', 'c', undefined)).toBe(true);
    expect(isFolded(kept, 'passthrough', 'a', undefined)).toBe(false);
    expect(isFolded(kept, 'passthrough', 'z', {})).toBe(false);
    expect(isFolded(kept, 'blocked', 'x', undefined)).toBe(false);
  });
});
