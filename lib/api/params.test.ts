import { describe, expect, it } from 'vitest';
import { toErrorResponse } from './errors';
import { expectBadParameter } from './testing';
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

  it('reads windows from 30s to 30d', () => {
    expect(parse('window=30s').windowSeconds).toBe(30);
    expect(parse('window=1h30m').windowSeconds).toBe(5400);
    expect(parse('window=30d').windowSeconds).toBe(2_592_000);
  });

  it.each(['10s', '31d', '5', 'abc', '1500ms', '5m)', '1y'])('rejects window=%s', (w) => {
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
