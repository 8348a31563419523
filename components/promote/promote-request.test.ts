import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseEgressParams } from '@/lib/api/host-id';
import { windowSeconds } from '@/lib/view/time-text';
import { WINDOWS } from '@/lib/view/range';
import { MAX_HOST_LENGTH } from '@/lib/egress/host';
import { hostIdOf } from '@/lib/egress/host-id';
import { LIVE_RANGE } from '@/lib/view/range';
import { namedHosts, namedHostsQuery, parsePromoteRequest, promoteHref } from './promote-request';

const HUGE = `${'l'.repeat(20_000)}.evil.test`;

describe('the review URL', () => {
  it('names a DNS-sized host by itself and a longer one by its hostId, so the link stays short', () => {
    expect(promoteHref({ host: 'pastebin.com', hostId: hostIdOf('pastebin.com') }, 'blocked', LIVE_RANGE)).toBe('/promote?host=pastebin.com');
    expect(promoteHref('pastebin.com', 'blocked', { window: '5m', end: 100, namespaces: [] })).toBe('/promote?host=pastebin.com&window=5m&end=100');
    const href = promoteHref({ host: HUGE, hostId: hostIdOf(HUGE) }, 'passthrough', LIVE_RANGE);
    expect(href).toBe(`/promote?hostId=${hostIdOf(HUGE)}`);
    expect(promoteHref(null, 'blocked', LIVE_RANGE)).toBe('/promote?unattributed=blocked');
  });

  it('reads hosts and host ids, dropping malformed ids and hosts past the one host limit', () => {
    const id = hostIdOf(HUGE);
    const p = new URLSearchParams([
      ['host', 'pastebin.com'],
      ['host', 'x'.repeat(MAX_HOST_LENGTH + 1)],
      ['hostId', id],
      ['hostId', id],
      ['hostId', 'h_short'],
      ['window', '5m'],
      ['end', '100'],
    ]);
    expect(parsePromoteRequest(p)).toEqual({ hosts: ['pastebin.com'], hostIds: [id], window: '5m', end: 100 });
  });

  it('finds the hosts its ids name in the flows of the same window', () => {
    const request = parsePromoteRequest(new URLSearchParams([['hostId', hostIdOf(HUGE)], ['window', '5m']]));
    expect(namedHostsQuery(request)?.toString()).toBe(`hostId=${hostIdOf(HUGE)}&window=5m`);
    expect(namedHostsQuery(parsePromoteRequest(new URLSearchParams('host=a')))).toBeNull();
    const flow = (host: string) => ({ source: { namespace: 'a', workload: 'b' }, destination: { host, hostId: hostIdOf(host), status: 'passthrough' as const }, protocol: 'http' as const, dataPlane: 'sidecar' as const });
    expect(namedHosts({ flows: [flow('other.test'), flow(HUGE), flow(HUGE)] }, request.hostIds)).toEqual([HUGE]);
  });

  it('law: the hosts a review names by id are asked for with its window and end, and the server reads the same', () => {
    const NOW = 1_800_000_000;
    fc.assert(
      fc.property(fc.uniqueArray(fc.string({ minLength: 1, maxLength: 30 }).map(hostIdOf), { minLength: 1, maxLength: 50 }), fc.constantFrom(...WINDOWS), fc.option(fc.integer({ min: 0, max: NOW }), { nil: undefined }), (ids, window, end) => {
        const opened = parsePromoteRequest(new URLSearchParams([...ids.map((id) => ['hostId', id]), ['window', window], ...(end !== undefined ? [['end', String(end)]] : [])]));
        const q = namedHostsQuery(opened);
        expect(parseEgressParams(new URLSearchParams(q?.toString()), NOW)).toEqual({ end: end ?? NOW, windowSeconds: windowSeconds(window), namespaces: [], hostIds: [...ids].sort() });
      }),
    );
  });
});
