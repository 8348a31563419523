import { describe, expect, it } from 'vitest';
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
});
