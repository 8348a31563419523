import { describe, expect, it } from 'vitest';
import { gatewayMatcher } from '../egress/classify';
import { toErrorResponse } from './errors';
import { expectBadParameter } from '../../testing/api';
import { hostIdOf } from '../egress/host-id';
import { MAX_HOST_LENGTH } from '../egress/host';
import { parseTimeseriesParams, parseTimeseriesRequest } from './timeseries-params';

const NOW = 1_800_000_000;
const isGateway = gatewayMatcher('istio-egressgateway.*');
const parse = (qs: string | URLSearchParams) => parseTimeseriesParams(typeof qs === 'string' ? new URLSearchParams(qs) : qs, NOW, { isGateway });

const rejects = (qs: string | URLSearchParams) => expectBadParameter(() => parse(qs), String(qs));

const HOSTILE = '<img src=x onerror=alert(1)>.evil.test';

const ID = hostIdOf('x'.repeat(20_000));

describe('parseTimeseriesRequest', () => {
  it('takes a host by its id, for a node or an edge: the query waits for the host the id names', () => {
    const node = parseTimeseriesRequest(new URLSearchParams({ kind: 'host', status: 'blocked', hostId: ID, window: '5m' }), NOW, { isGateway });
    expect(node).toMatchObject({ hostId: ID, end: NOW, windowSeconds: 300 });
    expect(node.toQuery('x'.repeat(20_000)).subject).toEqual({ kind: 'host', destination: { to: 'external', status: 'blocked', host: 'x'.repeat(20_000) } });

    const edge = parseTimeseriesRequest(new URLSearchParams({ kind: 'edge', status: 'registered', protocol: 'http', source: 'shop/web', hostId: ID }), NOW, { isGateway });
    expect(edge.hostId).toBe(ID);
    expect(edge.toQuery('api.example.com').subject).toMatchObject({ kind: 'edge', destination: { to: 'external', status: 'registered', host: 'api.example.com' } });
  });

  it('needs no host for the first hop to a gateway, and none when the host is named', () => {
    const hop = parseTimeseriesRequest(new URLSearchParams({ kind: 'host', via: 'istio-system/istio-egressgateway', hostId: ID }), NOW, { isGateway });
    expect(hop.hostId).toBeUndefined();
    expect(hop.toQuery().subject.destination.to).toBe('gateway');
    expect(parseTimeseriesRequest(new URLSearchParams('kind=host&status=passthrough&host=a'), NOW).hostId).toBeUndefined();
  });
});

describe('parseTimeseriesParams', () => {
  it('reads a host node with a 1h default window ending now', () => {
    expect(parse('kind=host&status=passthrough&host=httpbin.org')).toEqual({
      subject: { kind: 'host', destination: { to: 'external', status: 'passthrough', host: 'httpbin.org' } },
      end: NOW,
      windowSeconds: 3600,
    });
  });

  it('reads an edge with its source and protocol, end and window', () => {
    expect(parse('kind=edge&status=blocked&protocol=tcp&source=data/cdc-connector&end=1700000000&window=6h')).toEqual({
      subject: { kind: 'edge', source: { namespace: 'data', workload: 'cdc-connector' }, protocol: 'tcp', destination: { to: 'external', status: 'blocked', host: null } },
      end: 1_700_000_000,
      windowSeconds: 21_600,
    });
  });

  it('reads the source cluster of an edge, so the chart of east/shop/checkout-v1 does not sum west', () => {
    expect(parse('kind=edge&status=passthrough&protocol=http&source=shop/checkout-v1&cluster=east&host=x.test').subject).toEqual({
      kind: 'edge',
      source: { namespace: 'shop', workload: 'checkout-v1', cluster: 'east' },
      protocol: 'http',
      destination: { to: 'external', status: 'passthrough', host: 'x.test' },
    });
    rejects('kind=edge&status=passthrough&protocol=http&source=shop/checkout-v1&cluster=a%20b&host=x.test');
    rejects('kind=edge&status=passthrough&protocol=http&source=shop/checkout-v1&cluster=&host=x.test');
    rejects('kind=host&status=passthrough&cluster=east&host=x.test');
  });

  it('keeps hostile, wildcard and odd hosts as data', () => {
    // Control characters, bidi overrides and 10 kB come back from /api/egress as hosts: each must have a chart.
    const hostile = [HOSTILE, 'a\nb', 'tab\there-bel\u0007-esc\u001b[31m.evil.test', 'crlf\r\nx: 1', 'invoice-\u202egnp.exe', 'x'.repeat(10_000)];
    for (const host of [...hostile, '*.googleapis.com', 'a"b\\c', '203.0.113.10', '2001:db8::1']) {
      const q = parse(new URLSearchParams({ kind: 'host', status: 'registered', host }));
      expect(q.subject.destination).toEqual({ to: 'external', status: 'registered', host });
    }
  });

  it('reads the gateway first hop, ignoring status and host', () => {
    const q = parse('kind=edge&via=istio-system/istio-egressgateway&source=shop/checkout-v1&protocol=http&status=registered');
    expect(q.subject).toEqual({
      kind: 'edge',
      source: { namespace: 'shop', workload: 'checkout-v1' },
      protocol: 'http',
      destination: { to: 'gateway', gateway: { namespace: 'istio-system', workload: 'istio-egressgateway' } },
    });
    expect(parse('kind=host&via=istio-system/istio-egressgateway').subject.destination.to).toBe('gateway');
  });

  it.each([
    ['', /^kind: required/],
    ['kind=node', /^kind: "node" is not one of host, edge/],
    ['kind=host', /^status: required/],
    ['kind=host&status=allowed', /^status: "allowed" is not one of/],
    ['kind=host&status=registered', /^host: required for status registered/],
    ['kind=host&status=passthrough&host=', /^host: empty/],
    ['kind=host&status=passthrough&host=unknown', /^host: "unknown" is not a host/],
    [`kind=host&status=passthrough&host=${'a'.repeat(MAX_HOST_LENGTH + 1)}`, new RegExp(`^host: longer than ${MAX_HOST_LENGTH}`)],
    ['kind=host&status=passthrough&protocol=udp', /^protocol: "udp" is not one of http, grpc, tcp/],
    ['kind=host&status=passthrough&source=shop/frontend-v2', /^source: only with kind=edge/],
    ['kind=edge&status=passthrough&protocol=http', /^source: required with kind=edge/],
    ['kind=edge&status=passthrough&source=shop/frontend-v2', /^protocol: required with kind=edge/],
    ['kind=edge&status=passthrough&protocol=http&source=frontend-v2', /^source: "frontend-v2" is not namespace\/workload/],
    ['kind=edge&status=passthrough&protocol=http&source=Shop/frontend', /^source: /],
    ['kind=edge&status=passthrough&protocol=http&source=shop/a/b', /^source: /],
    ['kind=edge&status=passthrough&protocol=http&source=shop/', /^source: /],
    [`kind=edge&status=passthrough&protocol=http&source=shop/${'a'.repeat(254)}`, /^source: /],
    ['kind=edge&status=passthrough&protocol=http&source=%22%7D%20or%20vector(1)/x', /^source: /],
    ['kind=host&via=shop/frontend-v2', /^via: "shop\/frontend-v2" is not an egress gateway/],
    ['kind=host&via=istio-egressgateway', /^via: /],
    ['kind=host&status=passthrough&window=10s', /^window: /],
    ['kind=host&status=passthrough&end=tomorrow', /^end: /],
    ['kind=host&status=passthrough&namespace=shop', /^namespace: unknown parameter/],
    ['kind=host&kind=edge&status=passthrough', /^kind: given more than once/],
    ['kind=host&status=passthrough&host=a&host=b', /^host: given more than once/],
    ['kind=host&status=passthrough&hostId=pastebin.com', /^hostId: "pastebin.com" is not a host id \(h_ and 22 base64url characters/],
    [`kind=host&status=passthrough&hostId=${ID}x`, /^hostId: /],
    [`kind=host&status=passthrough&host=pastebin.com&hostId=${ID}`, /^hostId: give host or hostId, not both/],
    [`kind=host&status=passthrough&hostId=${ID}&hostId=${ID}`, /^hostId: given more than once/],
  ])('rejects %j naming the parameter', (qs, message) => {
    expect(rejects(qs).message).toMatch(message);
  });

  it('accepts the longest workload names', () => {
    const workload = `a${'.b'.repeat(126)}`;
    expect(workload.length).toBe(253);
    const q = parse(`kind=edge&status=passthrough&protocol=http&source=shop/${workload}`);
    expect(q.subject.kind === 'edge' && q.subject.source.workload).toBe(workload);
  });

  it('clips long hostile values in messages and maps to a 400 body', () => {
    const e = rejects(`kind=edge&status=passthrough&protocol=http&source=${encodeURIComponent(HOSTILE.repeat(100))}`);
    expect(e.message.length).toBeLessThan(250);
    const r = toErrorResponse(e);
    expect(r).toMatchObject({ status: 400, body: { error: { code: 'bad-parameter' } } });
  });
});
