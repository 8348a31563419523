import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_WINDOW as STATE_DEFAULT_WINDOW } from './state';
import {
  DEFAULT_WINDOW,
  effectiveWindow,
  graphHref,
  LIVE_RANGE,
  PAGE_PATHS,
  PAGE_WINDOWS,
  apiRangeQuery,
  clusterShown,
  rowRange,
  pageHref,
  pageOfPath,
  parseRange,
  RANGE_PARAMS,
  serializeRange,
  WINDOWS,
  type PageId,
  type SharedRange,
} from './range';

const BASE = 'http://egress-lens.test';
const PAGES = Object.keys(PAGE_PATHS) as PageId[];

const namespace = fc.stringMatching(/^[a-z0-9](?:[-a-z0-9]{0,20}[a-z0-9])?$/);
/** Cluster names as meshes write them (`east`, `cluster-1`, `Kubernetes`, `gke_proj_us-east1_prod`). */
const cluster = fc.stringMatching(/^[A-Za-z0-9](?:[A-Za-z0-9._:@-]{0,30}[A-Za-z0-9_])?$/);
const range: fc.Arbitrary<SharedRange> = fc
  .tuple(
    fc.record({
      window: fc.option(fc.constantFrom(...WINDOWS), { nil: null }),
      end: fc.option(fc.integer({ min: 0, max: 999_999_999_999 }), { nil: null }),
      namespaces: fc.uniqueArray(namespace, { maxLength: 5 }).map((a) => [...a].sort()),
    }),
    fc.uniqueArray(cluster, { maxLength: 3 }),
  )
  .map(([r, clusters]) => (clusters.length > 0 ? { ...r, clusters: [...clusters].sort() } : r));
/** A page's own parameters: anything but the range's names. */
const extra = fc.array(
  fc.tuple(
    fc.string({ minLength: 1, maxLength: 12 }).filter((k) => !(RANGE_PARAMS as readonly string[]).includes(k)),
    fc.string({ maxLength: 40 }),
  ),
  { maxLength: 6 },
);

/** What a browser reads back from an href: its path and parameters. */
function open(href: string): URL {
  return new URL(href, BASE);
}

describe('the shared range in the URL', () => {
  it('reads back what it wrote: parse(serialise(x)) == x', () => {
    fc.assert(
      fc.property(range, (r) => {
        expect(parseRange(serializeRange(r))).toEqual(r);
      }),
    );
  });

  it('a link to any page carries the range and keeps the page own parameters, in order', () => {
    fc.assert(
      fc.property(fc.constantFrom(...PAGES), range, extra, (page, r, own) => {
        const url = open(pageHref(page, r, own));
        expect(url.pathname).toBe(PAGE_PATHS[page]);
        expect(parseRange(url.searchParams)).toEqual(r);
        expect([...url.searchParams].filter(([k]) => !(RANGE_PARAMS as readonly string[]).includes(k))).toEqual(own);
      }),
    );
  });

  it('a link never takes a range parameter from the page own ones', () => {
    const href = pageHref('promote', { window: '1d', end: 100, namespaces: ['shop'] }, [['host', 'a.test'], ['window', '5m'], ['ns', 'evil'], ['end', '1']]);
    expect(href).toBe('/promote?host=a.test&ns=shop&window=1d&end=100');
  });

  it('parsing never throws, and keeps only windows of the list, whole unix seconds and namespace names', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom('window', 'end', 'ns', 'x'), fc.string())), (pairs) => {
        const r = parseRange(new URLSearchParams(pairs));
        expect(r.window === null || (WINDOWS as readonly string[]).includes(r.window)).toBe(true);
        expect(r.end === null || (Number.isInteger(r.end) && r.end >= 0)).toBe(true);
        for (const ns of r.namespaces) expect(ns).toMatch(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/);
        expect([...r.namespaces].sort()).toEqual(r.namespaces);
        expect(new Set(r.namespaces).size).toBe(r.namespaces.length);
      }),
    );
  });

  it('drops bad values instead of failing, so an old or hand-edited link still opens', () => {
    expect(parseRange(new URLSearchParams('window=1m&end=soon&ns=Bad_NS&ns=shop&ns=shop&ns=data'))).toEqual({ window: null, end: null, namespaces: ['data', 'shop'] });
    expect(parseRange(new URLSearchParams('end=-1'))).toEqual(LIVE_RANGE);
    expect(serializeRange(LIVE_RANGE).toString()).toBe('');
  });

  it('gives each page its own default window when the user chose none, and the chosen one otherwise', () => {
    expect(PAGE_WINDOWS).toEqual({ graph: '5m', blocked: '1d', readiness: '1h', hosts: '1d', promote: '1h' });
    expect(effectiveWindow(LIVE_RANGE, 'blocked')).toBe('1d');
    expect(effectiveWindow({ window: '5m' }, 'blocked')).toBe('5m');
    expect(STATE_DEFAULT_WINDOW).toBe(DEFAULT_WINDOW);
  });
});

describe('what pages ask the API and carry from their rows', () => {
  it('asks for the window the page shows, the end, and the namespaces where the route filters by them', () => {
    const r: SharedRange = { window: null, end: 1767225600, namespaces: ['data', 'shop'] };
    expect(apiRangeQuery(r, 'hosts', { namespaces: true })).toBe('window=1d&end=1767225600&namespace=data&namespace=shop');
    expect(apiRangeQuery(r, 'blocked')).toBe('window=1d&end=1767225600');
    expect(apiRangeQuery({ ...r, window: '5m', end: null }, 'readiness')).toBe('window=5m');
  });

  it('a row link carries the window the page shows, so its selection is in the graph window', () => {
    expect(rowRange({ window: null, end: null, namespaces: [] }, 'hosts')).toEqual({ window: '1d', end: null, namespaces: [] });
    expect(rowRange({ window: '6h', end: 5, namespaces: ['shop'] }, 'hosts')).toEqual({ window: '6h', end: 5, namespaces: ['shop'] });
  });
});

describe('the cluster filter in the URL', () => {
  it('reads `cluster` leniently: bad names dropped, sorted, once each; none is all', () => {
    const r = parseRange(new URLSearchParams('cluster=west&cluster=east&cluster=west&cluster=a%2Cb&cluster=&cluster=%3Cb%3E&ns=shop'));
    expect(r).toEqual({ window: null, end: null, namespaces: ['shop'], clusters: ['east', 'west'] });
    expect(serializeRange(r).toString()).toBe('ns=shop&cluster=east&cluster=west');
    expect(clusterShown(r, 'east')).toBe(true);
    expect(clusterShown(r, 'north')).toBe(false);
    expect(clusterShown(r, undefined)).toBe(false);
    expect(clusterShown(LIVE_RANGE, 'north')).toBe(true);
  });

  it('every link between pages keeps the clusters, as it keeps the namespaces', () => {
    fc.assert(
      fc.property(fc.constantFrom(...PAGES), fc.uniqueArray(cluster, { minLength: 1, maxLength: 3 }), (page, clusters) => {
        const r: SharedRange = { window: null, end: null, namespaces: ['shop'], clusters: [...clusters].sort() };
        expect(parseRange(open(pageHref(page, r)).searchParams).clusters).toEqual(r.clusters);
        expect(parseRange(open(graphHref(r, 'cluster=evil&status=blocked')).searchParams).clusters).toEqual(r.clusters);
      }),
    );
  });
});

describe('the way back to the graph', () => {
  it('restores the graph filters, find and selection with the current range', () => {
    const last = 'ns=data&status=blocked&q=paste&window=5m&sel=ext%3Apastebin.com&view=table';
    const url = open(graphHref({ window: '1d', end: 1767225600, namespaces: ['shop'] }, last));
    expect(url.pathname).toBe('/');
    expect(Object.fromEntries(url.searchParams)).toEqual({ status: 'blocked', q: 'paste', sel: 'ext:pastebin.com', view: 'table', ns: 'shop', window: '1d', end: '1767225600' });
  });

  it('keeps every graph parameter but the range, and the range exactly', () => {
    fc.assert(
      fc.property(range, extra, (r, own) => {
        const url = open(graphHref(r, new URLSearchParams(own).toString()));
        expect(parseRange(url.searchParams)).toEqual(r);
        expect([...url.searchParams].filter(([k]) => !(RANGE_PARAMS as readonly string[]).includes(k))).toEqual(own);
      }),
    );
  });

  it('is the plain graph with the range when the graph was never opened', () => {
    expect(graphHref({ window: null, end: null, namespaces: ['shop'] }, null)).toBe('/?ns=shop');
    expect(graphHref(LIVE_RANGE, null)).toBe('/');
  });
});

describe('pageOfPath', () => {
  it('names the page of every path, and none outside the app', () => {
    for (const page of PAGES) expect(pageOfPath(PAGE_PATHS[page])).toBe(page);
    expect(pageOfPath('/blocked/x')).toBe('blocked');
    expect(pageOfPath('/nowhere')).toBeNull();
    expect(pageOfPath('/blockedx')).toBeNull();
  });
});
