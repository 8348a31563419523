import { describe, expect, it } from 'vitest';
import { chooseKeptHosts, topHosts, type RankedFlow } from './host-ranking';

describe('topHosts', () => {
  it('equals sorting by rate (ties by name) and taking the first k', () => {
    let seed = 7;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (const [n, k] of [[0, 3], [5, 10], [50, 1], [1000, 100], [1000, 999], [10, 0]] as const) {
      const rates = new Map(Array.from({ length: n }, (_, i) => [`h${i}`, Math.floor(rand() * 20)] as const));
      const sorted = [...rates].sort(([a, ra], [b, rb]) => rb - ra || (a < b ? -1 : 1)).slice(0, k).map(([h]) => h);
      expect(topHosts(rates, k).sort()).toEqual(sorted.sort());
    }
  });
});

describe('chooseKeptHosts', () => {
  const flow = (status: 'passthrough' | 'blocked', host: string | null, requests: number, via?: { namespace: string; workload: string }): RankedFlow => ({ status, host, requests, connections: undefined, via });

  it('sums rates per host, limits only statuses over the limit, and never ranks flows through a gateway or without a host', () => {
    const flows = [flow('passthrough', 'a', 1), flow('passthrough', 'b', 5), flow('passthrough', 'a', 5), flow('passthrough', 'c', 2), flow('passthrough', null, 100), flow('passthrough', 'z', 99, { namespace: 'istio-system', workload: 'gw' }), flow('blocked', 'x', 1)];
    const { kept, warnings } = chooseKeptHosts(flows, 2);
    expect([...kept.keys()]).toEqual(['passthrough']);
    expect([...(kept.get('passthrough') ?? [])].sort()).toEqual(['a', 'b']);
    expect(warnings).toEqual(['3 distinct passthrough hosts in this window: showing the top 2 by rate; the other 1 are summed per source as "other hosts".']);
  });

  it('ranks TCP flows by connections per second', () => {
    const tcp = (host: string, connections: number): RankedFlow => ({ status: 'passthrough', host, requests: undefined, connections, via: undefined });
    const { kept } = chooseKeptHosts([tcp('a', 1), tcp('b', 3), tcp('c', 2)], 2);
    expect([...(kept.get('passthrough') ?? [])].sort()).toEqual(['b', 'c']);
  });
});
