import { describe, expect, it } from 'vitest';
import { toErrorResponse } from './errors';
import { expectBadParameter } from '../../testing/api';
import { parseFlowParams } from './params';

const NOW = 1_800_000_000;
const parse = (qs: string) => parseFlowParams(new URLSearchParams(qs), NOW);

const rejects = (qs: string) => expectBadParameter(() => parse(qs), qs);

describe('parseFlowParams', () => {
  it('defaults to now and a 5m window over every namespace', () => {
    expect(parse('')).toEqual({ end: NOW, windowSeconds: 300, namespaces: [] });
  });

  it('reads end as unix seconds or RFC 3339', () => {
    expect(parse('end=1700000000').end).toBe(1_700_000_000);
    expect(parse('end=1700000000.5').end).toBe(1_700_000_000.5);
    expect(parse('end=2023-11-14T22:13:20Z').end).toBe(1_700_000_000);
    expect(parse('end=2023-11-14T23:13:20%2B01:00').end).toBe(1_700_000_000);
  });

  it.each(['yesterday', '1e9', '-5', '2023-11-14', '2023-13-45T99:99:99Z', `${NOW + 3600}`])('rejects end=%s naming the parameter', (end) => {
    expect(rejects(`end=${encodeURIComponent(end)}`).message).toMatch(/^end: /);
  });

  it.each([
    ['2023-02-30T00:00:00Z', /not a valid time/],
    ['2023-02-29T00:00:00Z', /not a valid time/],
    ['2023-11-14T24:00:00Z', /not a valid time/],
    ['2023-11-14T23:59:60Z', /not a valid time/],
    ['2023-11-14T10:00:00+24:00', /not a valid time/],
    ['0000-01-01T00:00:00Z', /before 1970/],
    ['1969-12-31T23:59:59Z', /before 1970/],
    ['0099-06-01T00:00:00Z', /before 1970/],
    ['9999-12-31T23:59:59Z', /in the future/],
  ])('rejects end=%s, which Date.parse would roll over or accept', (end, message) => {
    expect(rejects(`end=${encodeURIComponent(end)}`).message).toMatch(message);
  });

  it('reads leap days, offsets and the epoch', () => {
    expect(parse('end=2024-02-29T00:00:00Z').end).toBe(Date.UTC(2024, 1, 29) / 1000);
    expect(parse('end=2023-11-14T22:13:20.25-01:30').end).toBe(1_700_000_000.25 + 5400);
    expect(parse('end=1970-01-01T00:00:00Z').end).toBe(0);
  });

  it('reads windows from 30s to 30d', () => {
    expect(parse('window=30s').windowSeconds).toBe(30);
    expect(parse('window=1h30m').windowSeconds).toBe(5400);
    expect(parse('window=30d').windowSeconds).toBe(2_592_000);
  });

  it.each(['10s', '31d', '5', 'abc', '1500ms', '5m)', '1y', '5m5m', '30m1h', '0', '0s'])('rejects window=%s', (w) => {
    expect(rejects(`window=${encodeURIComponent(w)}`).message).toMatch(/^window: /);
  });

  it('reads repeated namespaces, deduplicated and sorted', () => {
    expect(parse('namespace=shop&namespace=data&namespace=shop').namespaces).toEqual(['data', 'shop']);
  });

  it.each(['Shop', 'a_b', '-a', 'a-', '"} or vector(1)', '.*', 'a'.repeat(64), ''])('rejects namespace=%j', (ns) => {
    expect(rejects(`namespace=${encodeURIComponent(ns)}`).message).toMatch(/^namespace: /);
  });

  it('rejects too many namespaces', () => {
    const qs = Array.from({ length: 201 }, (_, i) => `namespace=ns${i}`).join('&');
    expect(rejects(qs).message).toMatch(/at most 200/);
  });

  it('rejects unknown and repeated parameters', () => {
    expect(rejects('foo=1').message).toMatch(/^foo: unknown parameter/);
    expect(rejects('window=5m&window=1h').message).toMatch(/^window: given more than once/);
  });

  it('clips long hostile values in messages', () => {
    const msg = rejects(`window=${'x'.repeat(10_000)}`).message;
    expect(msg.length).toBeLessThan(200);
  });

  it('maps to a 400 body with code and message', () => {
    const r = toErrorResponse(rejects('window=abc'));
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('bad-parameter');
  });
});
