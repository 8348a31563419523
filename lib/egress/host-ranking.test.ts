import { describe, expect, it } from 'vitest';
import { BucketHostCounter, chooseKeptHosts, topHosts } from './host-ranking';

describe('topHosts', () => {
  it('equals sorting by rate (ties by name) and taking the first k', () => {
    let seed = 7;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (const [n, k] of [[0, 3], [5, 10], [50, 1], [1000, 100], [1000, 999], [10, 0]] as const) {
      const names = Array.from({ length: n }, (_, i) => `h${i}`);
      const rates = names.map(() => Math.floor(rand() * 20));
      const ids = names.map((_, i) => i);
      const sorted = [...ids].sort((a, b) => rates[b]! - rates[a]! || (names[a]! < names[b]! ? -1 : 1)).slice(0, k);
      expect(topHosts(ids, k, rates, names).sort((a, b) => a - b)).toEqual(sorted.sort((a, b) => a - b));
    }
  });
});

describe('chooseKeptHosts', () => {
  const unit = (status: 'passthrough' | 'blocked', host: string | null, rate: number, via?: object) => ({ status, hostName: host, rate, via });

  it('sums rates per host, limits only statuses over the limit, and never folds gateway hops or null hosts', () => {
    const units = [unit('passthrough', 'a', 1), unit('passthrough', 'b', 5), unit('passthrough', 'a', 5), unit('passthrough', 'c', 2), unit('passthrough', null, 100), unit('passthrough', 'z', 99, {}), unit('blocked', 'x', 1)];
    const kept = chooseKeptHosts(
      { length: units.length, status: (i) => units[i]!.status, host: (i) => units[i]!.hostName, hasVia: (i) => units[i]!.via !== undefined, rate: (i) => units[i]!.rate },
      2,
    );
    expect([...kept.keep.keys()]).toEqual(['passthrough']);
    expect([...kept.keep.get('passthrough')!].sort()).toEqual(['a', 'b']);
    expect(kept.warnings).toEqual(['3 distinct passthrough hosts in this window: showing the top 2 by rate; the other 1 are summed per source as "other hosts".']);
    expect([...kept.folded]).toEqual([0, 0, 0, 1, 0, 0, 0]);
    expect(kept.hostIds[0]).toBe(kept.hostIds[2]);
    expect(kept.hostIds[4]).toBe(-1);
    expect(kept.hostIds[5]).toBe(-1);
    expect(kept.hostCount).toBe(4);
  });
});

describe('BucketHostCounter', () => {
  it('counts each host once per bucket, whatever the order', () => {
    const c = new BucketHostCounter(3);
    const adds = [[0, 0], [1, 0], [0, 0], [0, 1], [1, 0], [2, 0], [0, 0], [2, 2]].map(([b, h]) => c.add(b!, h!));
    expect(adds).toEqual([true, true, false, true, false, true, false, true]);
  });
});
