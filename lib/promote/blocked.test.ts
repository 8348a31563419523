import { describe, expect, it } from 'vitest';
import type { BlockedAttempt } from '../blocked/blocked';
import { acknowledgementRequiredMessage, blockedCautions } from './blocked';

function attempt(host: string | null, workload: string, attempts: number, firstSeen?: string, lastSeen?: string): BlockedAttempt {
  return {
    source: { namespace: 'data', workload },
    host,
    protocol: host === null ? 'tcp' : 'http',
    attempts,
    ...(firstSeen ? { firstSeen } : {}),
    ...(lastSeen ? { lastSeen } : {}),
    trend: [],
    isNew: false,
  };
}

const REPORT = {
  window: '1h',
  end: '2026-11-21T10:00:00.000Z',
  attempts: [
    attempt('pastebin.com', 'etl-worker', 120, '2026-11-21T09:05:00.000Z', '2026-11-21T09:55:00.000Z'),
    attempt('pastebin.com', 'cron', 3, '2026-11-21T09:01:00.000Z', '2026-11-21T09:20:00.000Z'),
    attempt(null, 'cdc-connector', 40, '2026-11-21T09:00:00.000Z', '2026-11-21T10:00:00.000Z'),
    attempt('<img src=x>.evil.test', 'etl-worker', 9),
    attempt('api.stripe.com', 'etl-worker', 1),
  ],
};

describe('blockedCautions', () => {
  it('who tried, how often and since when, per blocked destination of the review (busiest source first)', () => {
    const [c, ...rest] = blockedCautions(REPORT, [{ host: 'pastebin.com', status: 'blocked' }, { host: 'httpbin.org', status: 'passthrough' }]);
    expect(rest).toEqual([]);
    expect(c).toEqual({
      host: 'pastebin.com',
      sources: [
        { namespace: 'data', workload: 'etl-worker', attempts: 120, firstSeen: '2026-11-21T09:05:00.000Z', lastSeen: '2026-11-21T09:55:00.000Z' },
        { namespace: 'data', workload: 'cron', attempts: 3, firstSeen: '2026-11-21T09:01:00.000Z', lastSeen: '2026-11-21T09:20:00.000Z' },
      ],
      attempts: 123,
      firstSeen: '2026-11-21T09:01:00.000Z',
      lastSeen: '2026-11-21T09:55:00.000Z',
      window: '1h',
      end: '2026-11-21T10:00:00.000Z',
    });
  });

  it('a host whose evidence says passthrough but was also blocked in the window is cautioned (whatever page the review came from)', () => {
    expect(blockedCautions(REPORT, [{ host: 'pastebin.com', status: 'passthrough' }]).map((c) => c.host)).toEqual(['pastebin.com']);
  });

  it('the unattributed blocked TCP destination: only when the review is of the blocked one', () => {
    expect(blockedCautions(REPORT, [{ host: null, status: 'blocked' }]).map((c) => c.attempts)).toEqual([40]);
    expect(blockedCautions(REPORT, [{ host: null, status: 'passthrough' }])).toEqual([]);
  });

  it('leaves out registered hosts (nothing is generated) and hosts no ServiceEntry can hold (refused anyway)', () => {
    expect(blockedCautions(REPORT, [{ host: 'api.stripe.com', status: 'registered' }, { host: '<img src=x>.evil.test', status: 'blocked' }])).toEqual([]);
  });

  it('the 400 message names the field, each destination, its attempts, sources and times', () => {
    const msg = acknowledgementRequiredMessage(blockedCautions(REPORT, [{ host: 'pastebin.com', status: 'blocked' }, { host: null, status: 'blocked' }]));
    expect(msg).toMatch(/^acknowledgeBlocked: required\. pastebin\.com: 123 attempts blocked in the 1h window ending 2026-11-21T10:00:00\.000Z, from data\/etl-worker, data\/cron, first seen/);
    expect(msg).toContain('the unattributed TLS/TCP destination: 40 attempts blocked');
    expect(msg).toContain('"acknowledgeBlocked": true');
  });
});
