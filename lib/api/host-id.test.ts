import { describe, expect, it } from 'vitest';
import { expectedHostId } from '../../tools/demo/oracle';
import { observedHostPattern } from '../egress/host';
import type { EgressReport } from '../egress/report';
import { splitPromql } from '../../testing/promql-literals';
import type { Sample } from '../prometheus/types';
import type { ApiErrorBody } from './errors';
import { handleEgress } from './handlers/egress';
import { handlePromote } from './handlers/serviceentries';
import { handleTimeseries } from './handlers/timeseries';
import { recordingContext } from '../../testing/api';

// Hosts named by id across the API, in process, on a fake Prometheus that
// reports a tab-prefixed Host header, a 20 kB one and an ordinary one.
const NOW_MS = Date.UTC(2026, 10, 21, 12, 0, 0);
const HUGE = `${Array.from({ length: 320 }, (_, i) => `l${i}`.padEnd(63, 'a')).join('.')}.evil.test`;
const RAW = ['\t=1+1', HUGE, 'httpbin.org'];

const passthrough = (raw: string, workload: string): Sample => ({
  labels: { reporter: 'source', source_workload: workload, source_workload_namespace: 'shop', destination_service: raw, destination_service_name: 'PassthroughCluster', destination_workload: 'unknown', response_code: '200', response_flags: '-' },
  value: 1,
});

function context() {
  // Passthrough only: the blocked-attempts query (BlackHoleCluster) finds nothing.
  return recordingContext((q) => (q.includes('istio_requests_total') && !q.includes('destination_service_name="BlackHoleCluster"') ? RAW.map((raw, i) => passthrough(raw, `w${i}`)) : []));
}

const id = (host: string) => expectedHostId(host);
const errorOf = (body: unknown) => (body as ApiErrorBody).error;

describe('GET /api/egress', () => {
  it('gives every reported host its hostId, and a tab-prefixed Host header its trimmed host', async () => {
    const res = await handleEgress('window=5m', NOW_MS, context().ctx);
    const flows = (res.body as EgressReport).flows;
    expect(flows.map((f) => [f.destination.host, f.destination.hostId])).toEqual(
      expect.arrayContaining([
        ['=1+1', id('=1+1')],
        [HUGE, id(HUGE)],
        ['httpbin.org', id('httpbin.org')],
      ]),
    );
    expect(HUGE.length).toBeGreaterThan(20_000);
  });

  it('answers only the flows to the hosts hostId names; 404 with words for one the window does not report', async () => {
    const res = await handleEgress(`window=5m&hostId=${id(HUGE)}`, NOW_MS, context().ctx);
    expect((res.body as EgressReport).flows.map((f) => f.destination.host)).toEqual([HUGE]);

    const unknown = await handleEgress(`window=5m&hostId=${id('never.test')}`, NOW_MS, context().ctx);
    expect(unknown.status).toBe(404);
    expect(errorOf(unknown.body)).toEqual({
      code: 'unknown-host',
      message: expect.stringMatching(new RegExp(`^hostId: ${id('never.test')} is not a host /api/egress reports for the 5m window ending at 2026-11-21T12:00:00.000Z`)),
    });
    const bad = await handleEgress('hostId=httpbin.org', NOW_MS, context().ctx);
    expect(bad.status).toBe(400);
    expect(errorOf(bad.body).message).toMatch(/^hostId: "httpbin.org" is not a host id/);
  });
});

describe('GET /api/timeseries?hostId=', () => {
  it('charts a 20 kB host by its id, and a trimmed one with a selector that admits its raw value', async () => {
    for (const host of [HUGE, '=1+1']) {
      const rec = context();
      const res = await handleTimeseries(`kind=host&status=passthrough&window=5m&hostId=${id(host)}`, NOW_MS, rec.ctx);
      expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBe(200);
      const range = rec.queries.filter((q) => q.kind === 'range').map((q) => q.query);
      expect(range).toHaveLength(1);
      expect(splitPromql(range[0]!).literals).toContain(observedHostPattern(host));
    }
  });

  it('charts an edge to a host by its id, and refuses an id with host, a malformed id, or one the window does not report', async () => {
    const rec = context();
    const edge = await handleTimeseries(`kind=edge&status=passthrough&protocol=http&source=shop/w1&window=5m&hostId=${id(HUGE)}`, NOW_MS, rec.ctx);
    expect(edge.status).toBe(200);

    const both = await handleTimeseries(`kind=host&status=passthrough&host=a&hostId=${id('a')}`, NOW_MS, context().ctx);
    expect(errorOf(both.body).message).toBe('hostId: give host or hostId, not both');
    const malformed = await handleTimeseries('kind=host&status=passthrough&hostId=h_short', NOW_MS, context().ctx);
    expect(errorOf(malformed.body)).toMatchObject({ code: 'bad-parameter', message: expect.stringMatching(/^hostId: "h_short" is not a host id/) });

    const none = context();
    const unknown = await handleTimeseries(`kind=host&status=passthrough&window=1h&hostId=${id('never.test')}`, NOW_MS, none.ctx);
    expect(unknown.status).toBe(404);
    expect(errorOf(unknown.body)).toMatchObject({ code: 'unknown-host', message: expect.stringMatching(/^hostId: h_\S+ is not a host \/api\/egress reports for the 1h window ending at/) });
    // Only the report was asked for; no chart was drawn for a host nobody reported.
    expect(none.queries.filter((q) => q.kind === 'range')).toEqual([]);
  });
});

describe('POST /api/serviceentries with hostIds', () => {
  it('reviews a host named by its id, refuses a 20 kB one for what it is, and 404s an id the window does not report', async () => {
    const ok = await handlePromote({ hostIds: [id('httpbin.org')], window: '5m' }, undefined, NOW_MS, context().ctx);
    expect(ok.status).toBe(200);
    expect((ok.body as { evidence: { host: string }[] }).evidence.map((e) => e.host)).toEqual(['httpbin.org']);

    const huge = await handlePromote({ hostIds: [id(HUGE)], window: '5m' }, undefined, NOW_MS, context().ctx);
    expect(huge.status).toBe(400);
    expect(errorOf(huge.body)).toMatchObject({ code: 'invalid-resource', message: expect.stringMatching(/characters long: a host name has at most 255/) });

    const unknown = await handlePromote({ hosts: ['httpbin.org'], hostIds: [id(HUGE), id('never.test')], window: '5m' }, undefined, NOW_MS, context().ctx);
    expect(unknown.status).toBe(404);
    expect(errorOf(unknown.body).message).toMatch(/^hostIds\.1: h_\S+ is not a host \/api\/egress reports/);

    const malformed = await handlePromote({ hostIds: ['httpbin.org'] }, undefined, NOW_MS, context().ctx);
    expect(malformed.status).toBe(400);
    expect(errorOf(malformed.body).message).toMatch(/hostIds\.0/);
  });
});
