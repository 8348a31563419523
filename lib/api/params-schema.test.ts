import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_HOST_LENGTH } from '../egress/host';
import { parseDuration } from '../prometheus/promql';
import { apiRangeQuery, PAGE_WINDOWS, parseRange, serializeRange, WINDOWS, type RangePageId, type SharedRange } from '../view/range';
import { DEFAULT_VIEW, parseViewState, REFRESHES, serializeViewState, STATUS_FILTERS, toGraphQuery, type ViewState } from '../view/state';
import { parseFlowParams, parseRangeParams } from './params';
import { endParam, windowParam } from './params-schema';
import { parseTimeseriesParams } from './timeseries-params';

const NOW = 1_800_000_000;
const PAGES = Object.keys(PAGE_WINDOWS) as RangePageId[];

const namespace = fc.stringMatching(/^[a-z0-9](?:[-a-z0-9]{0,61}[a-z0-9])?$/);
const cluster = fc.stringMatching(/^[A-Za-z0-9](?:[A-Za-z0-9._:@-]{0,30}[A-Za-z0-9_])?$/);
const sortedSet = <T extends string>(arb: fc.Arbitrary<T>, maxLength: number) => fc.uniqueArray(arb, { maxLength }).map((a) => [...a].sort());
/** Any range a page URL can hold: ends from 1970 to the server's now. */
const range: fc.Arbitrary<SharedRange> = fc
  .record({
    window: fc.option(fc.constantFrom(...WINDOWS), { nil: null }),
    end: fc.option(fc.integer({ min: 0, max: NOW }), { nil: null }),
    namespaces: sortedSet(namespace, 5),
    clusters: sortedSet(cluster, 3),
  })
  .map(({ clusters, ...r }) => (clusters.length > 0 ? { ...r, clusters } : r));

const view: fc.Arbitrary<ViewState> = fc.record({
  namespaces: sortedSet(namespace, 4),
  clusters: sortedSet(cluster, 3),
  status: fc.constantFrom(...STATUS_FILTERS),
  find: fc.string({ maxLength: 40 }),
  window: fc.option(fc.constantFrom(...WINDOWS), { nil: null }),
  end: fc.option(fc.integer({ min: 0, max: NOW }), { nil: null }),
  refresh: fc.constantFrom(...REFRESHES),
  paused: fc.boolean(),
  view: fc.constantFrom('graph' as const, 'table' as const),
  selected: fc.option(fc.string({ minLength: 1, maxLength: 60 }), { nil: null }),
  edgeLabels: fc.boolean(),
  expanded: sortedSet(fc.oneof(namespace, fc.tuple(cluster, namespace).map(([c, n]) => `${c}/${n}`)), 4),
  expandedDomains: sortedSet(fc.constantFrom('amazonaws.com', 'github.com', 'googleapis.com', 'example.co.uk'), 3),
  focus: fc.option(fc.string({ minLength: 1, maxLength: 60 }), { nil: null }),
  allEdges: fc.boolean(),
});

describe('a URL the browser writes is one the server reads, with the same values', () => {
  it('law: every page range, as the page asks its API route, parses on the server to the same end, window and namespaces', () => {
    fc.assert(
      fc.property(range, fc.constantFrom(...PAGES), fc.boolean(), (r, page, namespaces) => {
        // The range goes through the page URL first, as a user opens it.
        const opened = parseRange(serializeRange(r));
        const server = parseFlowParams(new URLSearchParams(apiRangeQuery(opened, page, { namespaces })), NOW);
        expect(server).toEqual({ end: r.end ?? NOW, windowSeconds: parseDuration(r.window ?? PAGE_WINDOWS[page]), namespaces: namespaces ? r.namespaces : [] });
        expect(parseRangeParams(new URLSearchParams(apiRangeQuery(opened, page)), NOW, { defaultWindowSeconds: 1, namespaces: false }).end).toBe(r.end ?? NOW);
      }),
    );
  });

  it('law: every graph view survives its URL, and the graph query it makes parses on the server to its window and end', () => {
    fc.assert(
      fc.property(view, (v) => {
        const opened = parseViewState(new URLSearchParams(serializeViewState(v).toString()));
        expect(opened).toEqual(v);
        const server = parseFlowParams(new URLSearchParams(toGraphQuery(opened).toString()), NOW);
        expect(server).toEqual({ end: v.end ?? NOW, windowSeconds: parseDuration(v.window ?? PAGE_WINDOWS.graph), namespaces: [] });
      }),
    );
    expect(parseViewState(new URLSearchParams())).toEqual(DEFAULT_VIEW);
  });

  it('law: a page URL keeps only what the server takes (namespaces, clusters, ends), whatever it is given', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom('window', 'end', 'ns', 'cluster'), fc.oneof(fc.string(), namespace, fc.integer({ min: -5, max: NOW }).map(String)))), (pairs) => {
        const r = parseRange(new URLSearchParams(pairs));
        const server = parseFlowParams(new URLSearchParams(apiRangeQuery(r, 'hosts', { namespaces: true })), NOW + 1e12);
        expect(server.namespaces).toEqual(r.namespaces);
        if (r.end !== null) expect(server.end).toBe(r.end);
      }),
    );
  });
});

describe('end: unix seconds or RFC 3339, by zod', () => {
  const seconds = (raw: string) => endParam.parse(raw);

  it('law: any instant from 1970 on reads back from its RFC 3339 form, in any offset, and from its unix seconds', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 253_370_000_000 }), fc.integer({ min: -(23 * 60 + 59), max: 23 * 60 + 59 }), (t, offsetMinutes) => {
        expect(seconds(new Date(t * 1000).toISOString())).toBe(t);
        expect(seconds(String(t))).toBe(t);
        const local = new Date((t + offsetMinutes * 60) * 1000).toISOString().slice(0, 19);
        const sign = offsetMinutes < 0 ? '-' : '+';
        const abs = Math.abs(offsetMinutes);
        const offset = `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
        expect(seconds(`${local}${offset}`)).toBe(t);
      }),
    );
  });

  it('reads lower-case t and z and a space for T, as RFC 3339 allows, and keeps nanoseconds', () => {
    expect(seconds('2023-11-14t22:13:20z')).toBe(1_700_000_000);
    expect(seconds('2023-11-14 22:13:20Z')).toBe(1_700_000_000);
    expect(seconds('2023-11-14T22:13:20.000000001Z')).toBe(1_700_000_000 + 1e-9);
  });

  it('says a time with a field out of range is out of range, and anything else is no time', () => {
    for (const bad of ['2023-02-29T00:00:00Z', '2023-04-31T00:00:00Z', '2023-11-14T10:00:00+24:00', '2023-11-14T10:60:00Z']) {
      expect(endParam.safeParse(bad).error?.issues[0]?.message).toMatch(/not a valid time \(a field is out of range\)/);
    }
    for (const bad of ['2023-11-14', '2023-11-14T22:13Z', '2023-11-14T22:13:20+0100', 'now']) {
      expect(endParam.safeParse(bad).error?.issues[0]?.message).toMatch(/neither unix seconds nor an RFC 3339 time/);
    }
  });
});

describe('window', () => {
  it('law: every window a page offers is one the server takes', () => {
    for (const w of WINDOWS) expect(windowParam.parse(w)).toBe(parseDuration(w));
  });
});

describe('host: the one host-length limit', () => {
  it('charts a host as long as the longest Host header Envoy passes by default (60 KiB), and no longer', () => {
    const at = 'a'.repeat(60 * 1024);
    expect(MAX_HOST_LENGTH).toBe(60 * 1024);
    const q = parseTimeseriesParams(new URLSearchParams({ kind: 'host', status: 'passthrough', host: at }), NOW);
    expect(q.subject.destination).toEqual({ to: 'external', status: 'passthrough', host: at });
    expect(() => parseTimeseriesParams(new URLSearchParams({ kind: 'host', status: 'passthrough', host: `${at}a` }), NOW)).toThrow(/^host: longer than 61440 characters/);
  });
});
