import { describe, expect, it } from 'vitest';
import { blockedQueries, trendStep } from '../blocked/blocked';
import type { Sample } from '../prometheus/types';
import type { ApiErrorBody } from './errors';
import { handlePromote } from './handlers/serviceentries';
import type { PromoteAnswer } from './handlers/serviceentries';
import { recordingContext } from '../../testing/api';

const NOW_MS = 1_800_000_000_000;
const BLOCKED = blockedQueries(3600, trendStep(3600)).current;

/** A Prometheus where data/etl-worker made 42 blocked requests to pastebin.com in the last hour. */
function blockedPastebin(query: string): readonly Sample[] {
  if (query !== BLOCKED) return [];
  const labels = { source_workload_namespace: 'data', source_workload: 'etl-worker', destination_service: 'pastebin.com', request_protocol: 'http' };
  return [{ labels, value: 42 }];
}

type Body = PromoteAnswer & Partial<ApiErrorBody>;

describe('POST /api/serviceentries for a host blocked in the window', () => {
  it('without acknowledgeBlocked: 400 in words, with the attempts and the evidence, and no YAML or object', async () => {
    const { ctx } = recordingContext(blockedPastebin);
    const res = await handlePromote({ hosts: ['pastebin.com'] }, undefined, NOW_MS, ctx);
    expect(res.status).toBe(400);
    const body = res.body as Body;
    expect(body.error?.code).toBe('blocked-unacknowledged');
    expect(body.error?.message).toMatch(/^acknowledgeBlocked: required\. pastebin\.com: 42 attempts blocked in the 1h window ending .* from data\/etl-worker/);
    expect(body.blocked).toMatchObject([{ host: 'pastebin.com', attempts: 42, sources: [{ namespace: 'data', workload: 'etl-worker', attempts: 42 }], window: '1h' }]);
    expect(body.evidence.map((e) => e.host)).toEqual(['pastebin.com']);
    expect(body.yaml).toBe('');
    expect(body.objects).toEqual([]);
    // acknowledgeBlocked: false is no acknowledgement.
    expect((await handlePromote({ hosts: ['pastebin.com'], acknowledgeBlocked: false }, undefined, NOW_MS, ctx)).status).toBe(400);
  });

  it('with it: the resources, annotated with who acknowledged (signed-in user, else "anonymous"), when, and the attempts', async () => {
    const { ctx } = recordingContext(blockedPastebin);
    const signedIn = await handlePromote({ hosts: ['pastebin.com'], acknowledgeBlocked: true }, 'alice@example.com', NOW_MS, ctx);
    expect(signedIn.status).toBe(200);
    const body = signedIn.body as Body;
    expect(body.acknowledgement).toBe('given');
    expect(body.yaml).toContain('egress-lens.io/blocked-acknowledged-by: alice@example.com');
    const annotations = (body.objects[0] as { metadata: { annotations: Record<string, string> } }).metadata.annotations;
    expect(annotations).toMatchObject({
      'egress-lens.io/blocked-acknowledged-at': new Date(NOW_MS).toISOString(),
      'egress-lens.io/blocked-sources': 'data/etl-worker (42 attempts)',
      'egress-lens.io/blocked-attempts': '42',
    });
    expect(annotations['egress-lens.io/blocked-window']).toMatch(/^1h ending /);
    const anonymous = (await handlePromote({ hosts: ['pastebin.com'], acknowledgeBlocked: true }, undefined, NOW_MS, ctx)).body as Body;
    expect(anonymous.yaml).toContain('egress-lens.io/blocked-acknowledged-by: anonymous');
  });

  it('a host not blocked in the window needs no acknowledgement and carries no blocked annotation', async () => {
    const { ctx } = recordingContext(blockedPastebin);
    const res = await handlePromote({ hosts: ['httpbin.org'] }, undefined, NOW_MS, ctx);
    expect(res.status).toBe(200);
    const body = res.body as Body;
    expect(body.acknowledgement).toBe('not-needed');
    expect(body.blocked).toEqual([]);
    expect(body.yaml).not.toContain('blocked-acknowledged');
  });

  it('the evidence, the attempts and the answer use the window and end of the request', async () => {
    const { ctx, queries } = recordingContext(blockedPastebin);
    const end = 1_799_990_000;
    const body = (await handlePromote({ hosts: ['httpbin.org'], window: '1d', end }, undefined, NOW_MS, ctx)).body as Body;
    expect(body.range).toEqual({ window: '1d', end: new Date(end * 1000).toISOString() });
    expect(body.evidence[0]?.window).toBe('1d');
    expect(queries.some((q) => q.query === blockedQueries(86400, trendStep(86400)).current)).toBe(true);
  });

  it('acknowledgeBlocked must be a boolean', async () => {
    const { ctx } = recordingContext(blockedPastebin);
    const res = await handlePromote({ hosts: ['pastebin.com'], acknowledgeBlocked: 'yes' }, undefined, NOW_MS, ctx);
    expect(res.status).toBe(400);
    expect((res.body as ApiErrorBody).error.message).toContain('acknowledgeBlocked');
  });
});
