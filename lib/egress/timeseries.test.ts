import { describe, expect, it } from 'vitest';
import { createCacheStore } from '../prometheus/cached';
import type { PrometheusClient } from '../prometheus/client';
import type { RangeQueryResult } from '../prometheus/types';
import { splitPromql } from '../../testing/promql-literals';
import { observedHostPattern, parseObservedHost } from './host';
import { re2Regex } from '../../testing/re2';
import {
  alignRange,
  buildTimeseriesQueries,
  chooseStep,
  familiesOf,
  getTimeseries,
  limitSeries,
  rateRange,
  type ChartSubject,
} from './timeseries';

const HOSTILE = '<img src=x onerror=alert(1)>.evil.test';
const frontend = { namespace: 'shop', workload: 'frontend-v2' };

/** A label regex as Prometheus evaluates it (anchored RE2). */
const jsRegex = re2Regex;

describe('chooseStep / rateRange / alignRange', () => {
  it('aims at 240 points with a 15 s floor, rounded up to a nice step', () => {
    expect(chooseStep(30)).toBe(15);
    expect(chooseStep(3600)).toBe(15);
    expect(chooseStep(3601)).toBe(30);
    expect(chooseStep(6 * 3600)).toBe(120);
    expect(chooseStep(86400)).toBe(600);
    expect(chooseStep(7 * 86400)).toBe(3600);
    expect(chooseStep(30 * 86400)).toBe(10800);
  });

  it('never lets the rate range fall below 60 s or one step', () => {
    expect(rateRange(15)).toBe(60);
    expect(rateRange(60)).toBe(60);
    expect(rateRange(3600)).toBe(3600);
  });

  it('aligns the end down to the step and covers the window', () => {
    expect(alignRange(1000, 300, 15)).toEqual({ start: 690, end: 990 });
    expect(alignRange(990, 3600, 15)).toEqual({ start: 990 - 3600, end: 990 });
    const r = alignRange(1_767_233_000, 7 * 86400, 3600);
    expect(r.end % 3600).toBe(0);
    expect(r.end - r.start).toBe(7 * 86400);
  });
});

describe('buildTimeseriesQueries', () => {
  it('builds one query per caller for a passthrough host, case-insensitive with an optional port', () => {
    const subject: ChartSubject = { kind: 'host', destination: { to: 'external', status: 'passthrough', host: 'httpbin.org' } };
    expect(buildTimeseriesQueries(subject, 60)).toEqual([
      {
        family: 'requests',
        query:
          'sum by (source_workload_namespace, source_workload) (rate(istio_requests_total{reporter=~"source|waypoint", source_workload!="unknown", ' +
          `destination_service_name="PassthroughCluster", destination_workload="unknown", destination_service=~${JSON.stringify(observedHostPattern('httpbin.org'))}}[1m]))`,
      },
    ]);
  });

  it('builds one query per response code for an HTTP edge', () => {
    const subject: ChartSubject = {
      kind: 'edge',
      source: frontend,
      protocol: 'http',
      destination: { to: 'external', status: 'blocked', host: 'pastebin.com' },
    };
    const [plan, ...rest] = buildTimeseriesQueries(subject, 120);
    expect(rest).toEqual([]);
    expect(plan?.query).toBe(
      'sum by (response_code) (rate(istio_requests_total{reporter=~"source|waypoint", source_workload!="unknown", source_workload_namespace="shop", ' +
        'source_workload="frontend-v2", destination_service_name="BlackHoleCluster", destination_workload="unknown", ' +
        `destination_service=~${JSON.stringify(observedHostPattern('pastebin.com'))}, request_protocol="http"}[2m]))`,
    );
  });

  it('reads connections opened, falling back to closed, for the unattributed blocked TCP edge', () => {
    const subject: ChartSubject = {
      kind: 'edge',
      source: { namespace: 'data', workload: 'cdc-connector' },
      protocol: 'tcp',
      destination: { to: 'external', status: 'blocked', host: null },
    };
    const sel =
      '{reporter=~"source|waypoint", source_workload!="unknown", source_workload_namespace="data", source_workload="cdc-connector", ' +
      'destination_service_name="BlackHoleCluster", destination_workload="unknown", destination_service="unknown"}[1m]';
    expect(buildTimeseriesQueries(subject, 60)).toEqual([
      { family: 'tcp', query: `sum(rate(istio_tcp_connections_opened_total${sel})) or sum(rate(istio_tcp_connections_closed_total${sel}))` },
    ]);
  });

  it('matches registered hosts in both labels by the one host pattern, wildcards literal', () => {
    const subject: ChartSubject = { kind: 'host', protocol: 'tcp', destination: { to: 'external', status: 'registered', host: '*.googleapis.com' } };
    const q = buildTimeseriesQueries(subject, 60)[0]?.query ?? '';
    const pattern = JSON.stringify(observedHostPattern('*.googleapis.com'));
    // The sidecar's shape (the host in both labels) and ztunnel's (the host in destination_service only), by the same pattern.
    expect(q).toContain(`destination_service_name=~${pattern}, destination_service_namespace!="unknown"}`);
    expect(q).toContain(`destination_service=~${pattern}, destination_service!~`);
    expect(q).toContain('connection_security_policy!="mutual_tls"');
    expect(q).toContain('sum by (source_workload_namespace, source_workload) ((rate(istio_tcp_connections_opened_total{');
    expect(jsRegex(observedHostPattern('*.googleapis.com')).test('*.googleapis.com')).toBe(true);
    expect(jsRegex(observedHostPattern('*.googleapis.com')).test('storage.googleapis.com')).toBe(false);
  });

  it('selects the gateway workload for the first hop, ignoring host and status', () => {
    const subject: ChartSubject = {
      kind: 'edge',
      source: { namespace: 'shop', workload: 'checkout-v1' },
      protocol: 'http',
      destination: { to: 'gateway', gateway: { namespace: 'istio-system', workload: 'istio-egressgateway' } },
    };
    const q = buildTimeseriesQueries(subject, 60)[0]?.query ?? '';
    expect(q).toContain('destination_workload="istio-egressgateway", destination_workload_namespace="istio-system"');
    expect(q).not.toContain('destination_service');
  });

  it('quotes hostile values: no way out of the string literal or the regex', () => {
    for (const host of [HOSTILE, 'a"} or vector(1) or {"', 'back\\slash', '*']) {
      const subject: ChartSubject = { kind: 'host', destination: { to: 'external', status: 'passthrough', host } };
      const q = buildTimeseriesQueries(subject, 60)[0]?.query ?? '';
      const literal = /destination_service=~("(?:[^"\\]|\\.)*")/.exec(q)?.[1];
      expect(literal).toBeDefined();
      const pattern = JSON.parse(literal ?? '""') as string;
      expect(pattern).toBe(observedHostPattern(host));
      expect(jsRegex(pattern).test(host)).toBe(true);
      // Exactly one selector: the value did not open another one.
      expect(q.match(/\{reporter=/g)).toHaveLength(1);

      const registered = buildTimeseriesQueries({ kind: 'host', protocol: 'http', destination: { to: 'external', status: 'registered', host } }, 60)[0]?.query;
      expect(registered).toContain(`destination_service=~${JSON.stringify(observedHostPattern(host))}`);
    }
  });

  it('quotes control, bidi and 10 kB hosts: the query holds none of them raw and reads back as the host', () => {
    for (const host of ['tab\there-bel\u0007-esc\u001b[31m.evil.test', 'crlf\r\nx-injected: 1', 'invoice-\u202egnp.exe-😀', `${'l'.repeat(63)}.`.repeat(160)]) {
      for (const status of ['passthrough', 'registered'] as const) {
        const q = buildTimeseriesQueries({ kind: 'host', protocol: 'http', destination: { to: 'external', status, host } }, 60)[0]?.query ?? '';
        expect(q).not.toMatch(/[\u0000-\u001f\u007f\u202e]/);
        const literal = /destination_service=~("(?:[^"\\]|\\.)*")/.exec(q);
        // A reported host ends in "." only when the Host header had two: the chart matches that header.
        const sent = host.endsWith('.') ? `${host}.` : host;
        expect(parseObservedHost(sent)?.host).toBe(host);
        expect(jsRegex(JSON.parse(literal?.[1] ?? '""') as string).test(sent)).toBe(true);
      }
    }
  });

  it('always reads the reporters that see egress and excludes unknown sources', () => {
    const subjects: ChartSubject[] = [
      { kind: 'host', destination: { to: 'external', status: 'passthrough', host: null } },
      { kind: 'host', destination: { to: 'gateway', gateway: { namespace: 'istio-system', workload: 'istio-egressgateway' } } },
      { kind: 'edge', source: frontend, protocol: 'grpc', destination: { to: 'external', status: 'registered', host: 'api.honeycomb.io' } },
    ];
    for (const t of subjects) {
      for (const { query } of buildTimeseriesQueries(t, 60)) {
        // One per selector (braces inside the string literals, such as a regex's {1,5}, do not count).
        expect(query.match(/reporter=~"source\|waypoint", source_workload!="unknown"/g)?.length).toBe(splitPromql(query).code.match(/\{/g)?.length);
        expect(query).not.toContain('reporter="destination"');
      }
    }
  });
});

describe('familiesOf', () => {
  it('follows the protocol, else what the destination can carry', () => {
    const ext = (status: 'passthrough' | 'blocked', host: string | null) => ({ to: 'external' as const, status, host });
    expect(familiesOf({ kind: 'host', destination: ext('passthrough', null) })).toEqual(['tcp']);
    expect(familiesOf({ kind: 'host', destination: ext('blocked', 'pastebin.com') })).toEqual(['requests']);
    expect(familiesOf({ kind: 'host', destination: { to: 'external', status: 'registered', host: 'api.stripe.com' } })).toEqual(['requests', 'tcp']);
    expect(familiesOf({ kind: 'host', protocol: 'grpc', destination: ext('passthrough', null) })).toEqual(['requests']);
    expect(familiesOf({ kind: 'edge', source: frontend, protocol: 'tcp', destination: ext('passthrough', 'x') })).toEqual(['tcp']);
  });
});

describe('limitSeries', () => {
  it('keeps the busiest series and sums the others per timestamp', () => {
    const s = (name: string, v: number) => ({ name, points: [[0, v], [15, v]] as [number, number][] });
    const r = limitSeries([s('a/a', 1), s('b/b', 5), s('c/c', 3), s('d/d', 2)], 2, (n) => `${n} other callers`);
    expect(r.folded).toBe(2);
    expect(r.series.map((x) => x.name)).toEqual(['b/b', 'c/c', '2 other callers']);
    expect(r.series[2]?.points).toEqual([[0, 3], [15, 3]]);
    expect(limitSeries([s('b/b', 1), s('a/a', 1)], 2, () => 'x').series.map((x) => x.name)).toEqual(['a/a', 'b/b']);
  });
});

function fakeClient(answers: Record<string, RangeQueryResult>): PrometheusClient & { calls: unknown[][] } {
  const calls: unknown[][] = [];
  return {
    calls,
    instantQuery: () => Promise.reject(new Error('not used')),
    streamInstantQuery: () => Promise.reject(new Error('not used')),
    buildInfo: () => Promise.resolve(null),
    rangeQuery: (query, start, end, step) => {
      calls.push([query, start, end, step]);
      const key = query.includes('istio_tcp_') ? 'tcp' : 'requests';
      return Promise.resolve(answers[key] ?? { series: [], warnings: [] });
    },
  };
}

const pts = (...vs: number[]) => vs.map((v, i) => ({ t: 900 + 15 * i, v }));

describe('getTimeseries', () => {
  it('names host series by caller, aligns the range and reports the queries', async () => {
    const client = fakeClient({
      requests: {
        series: [
          { labels: { source_workload_namespace: 'shop', source_workload: 'frontend-v2' }, points: pts(1, 2, Number.NaN) },
          { labels: { source_workload_namespace: 'legacy', source_workload: 'cms-v1' }, points: pts(0.5) },
        ],
        warnings: ['partial data'],
      },
    });
    const subject: ChartSubject = { kind: 'host', destination: { to: 'external', status: 'passthrough', host: 'httpbin.org' } };
    const r = await getTimeseries({ client }, { subject, end: 1_767_232_807, windowSeconds: 3600 });
    expect(client.calls).toEqual([[r.queries[0], 1_767_232_800 - 3600, 1_767_232_800, 15]]);
    expect(r).toMatchObject({ start: '2026-01-01T01:00:00.000Z', end: '2026-01-01T02:00:00.000Z', step: 15, unit: 'requests/s' });
    expect(r.series).toEqual([
      { name: 'legacy/cms-v1', points: [[900, 0.5]] },
      { name: 'shop/frontend-v2', points: [[900, 1], [915, 2]] },
    ]);
    expect(r.warnings).toEqual(['Prometheus: partial data']);
  });

  it('names edge series by response code, or "connections/s" for TCP', async () => {
    const client = fakeClient({
      requests: { series: [{ labels: { response_code: '503' }, points: pts(1) }, { labels: { response_code: '200' }, points: pts(2) }], warnings: [] },
      tcp: { series: [{ labels: {}, points: pts(0.5) }], warnings: [] },
    });
    const ext = { to: 'external' as const, status: 'passthrough' as const, host: null };
    const http = await getTimeseries({ client }, { subject: { kind: 'edge', source: frontend, protocol: 'http', destination: ext }, end: 3600, windowSeconds: 300 });
    expect(http.series.map((s) => s.name)).toEqual(['200', '503']);
    const tcp = await getTimeseries({ client }, { subject: { kind: 'edge', source: frontend, protocol: 'tcp', destination: ext }, end: 3600, windowSeconds: 300 });
    expect(tcp).toMatchObject({ unit: 'connections/s', series: [{ name: 'connections/s' }] });
  });

  it('without a protocol, shows requests when there are any, else connections, and warns when both exist', async () => {
    const subject: ChartSubject = { kind: 'host', destination: { to: 'external', status: 'registered', host: 'api.stripe.com' } };
    const caller = { source_workload_namespace: 'payments', source_workload: 'payment-gateway' };
    const tcpOnly = await getTimeseries({ client: fakeClient({ tcp: { series: [{ labels: caller, points: pts(3) }], warnings: [] } }) }, { subject, end: 3600, windowSeconds: 300 });
    expect(tcpOnly.unit).toBe('connections/s');
    expect(tcpOnly.queries).toHaveLength(2);
    expect(tcpOnly.warnings).toEqual([]);

    const both = fakeClient({ requests: { series: [{ labels: caller, points: pts(1) }], warnings: [] }, tcp: { series: [{ labels: caller, points: pts(3) }], warnings: [] } });
    const r = await getTimeseries({ client: both }, { subject, end: 3600, windowSeconds: 300 });
    expect(r.unit).toBe('requests/s');
    expect(r.warnings.join()).toMatch(/protocol=tcp/);

    const none = await getTimeseries({ client: fakeClient({}) }, { subject, end: 3600, windowSeconds: 300 });
    expect(none).toMatchObject({ unit: 'requests/s', series: [] });
  });

  it('folds callers beyond the limit into one series with a warning', async () => {
    const series = Array.from({ length: 25 }, (_, i) => ({ labels: { source_workload_namespace: 'ns', source_workload: `w${i}` }, points: pts(i + 1) }));
    const subject: ChartSubject = { kind: 'host', destination: { to: 'external', status: 'passthrough', host: null } };
    const r = await getTimeseries({ client: fakeClient({ tcp: { series, warnings: [] } }) }, { subject, end: 3600, windowSeconds: 300 });
    expect(r.series).toHaveLength(21);
    expect(r.series.at(-1)).toEqual({ name: '5 other callers', points: [[900, 15]] });
    expect(r.warnings.join()).toMatch(/5 callers beyond the busiest 20/);
  });

  it('shares identical range queries through the cache', async () => {
    const client = fakeClient({});
    const caches = createCacheStore({ ttlMs: 5000 });
    const subject: ChartSubject = { kind: 'host', destination: { to: 'external', status: 'blocked', host: null } };
    await Promise.all([1, 2, 3].map(() => getTimeseries({ client, caches }, { subject, end: 3600, windowSeconds: 300 })));
    expect(client.calls).toHaveLength(1);
    expect(client.calls[0]?.[0]).toContain('istio_tcp_connections_closed_total');
  });
});
