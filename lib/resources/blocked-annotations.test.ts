import { describe, expect, it } from 'vitest';
import { blockedAnnotations } from './annotations';
import { generateBundle } from './generate';
import { callers, evidence, expectValidBundle, first, NOW, ofKind } from '../../testing/serviceentry';
import type { BlockedAcknowledgement, BlockedCaution } from './types';

function caution(host: string | null, over: Partial<BlockedCaution> = {}): BlockedCaution {
  return {
    host,
    sources: [
      { namespace: 'data', workload: 'etl-worker', attempts: 119.6, firstSeen: '2026-11-21T09:01:00.000Z', lastSeen: '2026-11-21T09:59:00.000Z' },
      { namespace: 'shop', workload: 'app', attempts: 2, firstSeen: '2026-11-21T09:30:00.000Z', lastSeen: '2026-11-21T09:31:00.000Z' },
    ],
    attempts: 121.6,
    firstSeen: '2026-11-21T09:01:00.000Z',
    lastSeen: '2026-11-21T09:59:00.000Z',
    window: '1h',
    end: '2026-11-21T10:00:00.000Z',
    ...over,
  };
}

const ACK: BlockedAcknowledgement = { by: 'alice@example.com', at: '2026-11-21T10:04:00.000Z', cautions: [caution('pastebin.com')] };

describe('blocked acknowledgement annotations', () => {
  it('a ServiceEntry for a blocked host records who acknowledged, when, and the attempts (sources, count, first/last seen, window)', () => {
    const b = generateBundle([evidence('pastebin.com', { status: 'blocked', callers: callers('data') })], { blockedAcknowledgement: ACK }, NOW);
    expectValidBundle(b);
    expect(first(b, 'ServiceEntry').metadata.annotations).toMatchObject({
      'egress-lens.io/blocked-acknowledged-by': 'alice@example.com',
      'egress-lens.io/blocked-acknowledged-at': '2026-11-21T10:04:00.000Z',
      'egress-lens.io/blocked-hosts': 'pastebin.com',
      'egress-lens.io/blocked-sources': 'data/etl-worker (120 attempts), shop/app (2 attempts)',
      'egress-lens.io/blocked-attempts': '122',
      'egress-lens.io/blocked-first-seen': '2026-11-21T09:01:00.000Z',
      'egress-lens.io/blocked-last-seen': '2026-11-21T09:59:00.000Z',
      'egress-lens.io/blocked-window': '1h ending 2026-11-21T10:00:00.000Z',
    });
  });

  it('only objects that register a blocked host carry them; companions (gateway, Sidecar) of that host do too', () => {
    const b = generateBundle(
      [evidence('pastebin.com', { status: 'blocked', callers: callers('data') }), evidence('httpbin.org', { callers: callers('shop') })],
      { blockedAcknowledgement: ACK, egressGateway: true, sidecar: true },
      NOW,
    );
    expectValidBundle(b);
    for (const o of b.objects as { kind: string; metadata: { name: string; namespace: string; annotations: Record<string, string> } }[]) {
      const registersPastebin = o.metadata.name.startsWith('pastebin') || (o.kind === 'Sidecar' && o.metadata.namespace === 'data');
      expect(o.metadata.annotations['egress-lens.io/blocked-acknowledged-by'], `${o.kind} ${o.metadata.namespace}/${o.metadata.name}`).toBe(registersPastebin ? 'alice@example.com' : undefined);
    }
    expect(ofKind(b, 'Sidecar').length).toBe(2);
  });

  it('the unattributed blocked TCP destination is matched by host null', () => {
    const b = generateBundle(
      [evidence(null, { status: 'blocked', callers: callers('data') })],
      { tcp: { address: '203.0.113.50', port: 5432 }, blockedAcknowledgement: { ...ACK, cautions: [caution(null)] } },
      NOW,
    );
    expectValidBundle(b);
    expect(first(b, 'ServiceEntry').metadata.annotations['egress-lens.io/blocked-hosts']).toBe('(unattributed TLS/TCP)');
  });

  it('nothing without an acknowledgement, or for hosts it does not cover; values are strings of at most 4 KiB', () => {
    expect(blockedAnnotations(undefined, ['pastebin.com'])).toEqual({});
    expect(blockedAnnotations(ACK, ['httpbin.org'])).toEqual({});
    const many = Array.from({ length: 500 }, (_, i) => ({ namespace: `ns-${i}`, workload: 'x'.repeat(40), attempts: 1 }));
    const a = blockedAnnotations({ ...ACK, cautions: [caution('pastebin.com', { sources: many })] }, ['pastebin.com']);
    expect(a['egress-lens.io/blocked-sources']).toMatch(/\+480 more$/);
    for (const v of Object.values(a)) expect(v.length).toBeLessThanOrEqual(4096);
  });
});
