import { describe, expect, it } from 'vitest';
import { buildEgressGraph } from '../graph/build';
import { DEFAULT_VIEW, MAX_SELECTED, parseViewState, toggleListed, refreshIntervalMs, resolveSelection, selectionParam, serializeViewState, toGraphQuery, type ViewState } from './state';
import { goldenGraph } from '../../testing/testdata';

const golden = goldenGraph();
const HUGE = `${'l'.repeat(20_000)}.evil.test`;
const src = { namespace: 'legacy', workload: 'cms-v1' };
/** A graph with a 20 kB host, a tab-trimmed one and markup, passed through and blocked. */
const hostile = buildEgressGraph({
  end: 'E',
  window: '5m',
  warnings: [],
  queries: { http: '', tcp: '' },
  flows: [HUGE, '=1+1', '<img src=x onerror=alert(1)>.evil.test'].flatMap((host) =>
    (['passthrough', 'blocked'] as const).map((status) => ({ source: src, destination: { host, status }, protocol: 'http' as const, dataPlane: 'sidecar', requestsPerSecond: 1 })),
  ),
});

describe('view state in the URL', () => {
  it('round-trips every field', () => {
    const v: ViewState = {
      namespaces: ['data', 'shop'],
      clusters: ['east', 'west'],
      status: 'blocked',
      find: 'pastebin',
      window: '1h',
      end: 1767230400,
      refresh: '10s',
      paused: true,
      view: 'table',
      selected: 'ext:pastebin.com',
      edgeLabels: true,
      expanded: ['data', 'east/shop', 'shop'],
      expandedDomains: ['amazonaws.com', 'github.com'],
      focus: 'h_AAAAAAAAAAAAAAAAAAAAAA',
      allEdges: true,
    };
    expect(parseViewState(serializeViewState(v))).toEqual(v);
    expect(serializeViewState(v).get('edges')).toBe('all');
    expect(serializeViewState(v).get('ex')).toBe('data,east/shop,shop');
    expect(serializeViewState(v).getAll('cluster')).toEqual(['east', 'west']);
    expect(serializeViewState(v).get('gx')).toBe('amazonaws.com,github.com');
  });

  it('leaves defaults out of the URL', () => {
    expect(serializeViewState(DEFAULT_VIEW).toString()).toBe('');
    expect(parseViewState(new URLSearchParams())).toEqual(DEFAULT_VIEW);
  });

  it('falls back to defaults for bad values instead of failing', () => {
    const v = parseViewState(new URLSearchParams('status=evil&window=99y&end=soon&refresh=1s&view=3d&ns=Bad_NS&ns=shop&ns=shop'));
    expect(v).toEqual({ ...DEFAULT_VIEW, namespaces: ['shop'] });
  });

  it('reads expanded namespaces and domains leniently: invalid ones dropped, sorted, once each, bounded', () => {
    const v = parseViewState(new URLSearchParams({ ex: 'shop,Bad_NS,data,shop,,__proto__', gx: 'github.com,<b>.com,a b.com,amazonaws.com', focus: '' }));
    expect(v.expanded).toEqual(['data', 'shop']);
    expect(v.expandedDomains).toEqual(['amazonaws.com', 'github.com']);
    expect(v.focus).toBeNull();
    const many = Array.from({ length: 500 }, (_, i) => `ns-${i}`).join(',');
    expect(parseViewState(new URLSearchParams({ ex: many })).expanded).toHaveLength(200);
    expect(toggleListed(['b'], 'a', true)).toEqual(['a', 'b']);
    expect(toggleListed(['a', 'b'], 'a', false)).toEqual(['b']);
    expect(toggleListed(['a'], 'a', true)).toEqual(['a']);
  });

  it('keeps hostile find text as data, bounded', () => {
    const v = parseViewState(new URLSearchParams({ q: `<img src=x onerror=alert(1)>${'x'.repeat(500)}` }));
    expect(v.find.startsWith('<img src=x onerror=alert(1)>')).toBe(true);
    expect(v.find.length).toBe(200);
  });

  it('selects any host node the API can report, a 10 kB hostile Host header included, and bounds the rest', () => {
    const selected = `ext:<b>\u0007${'l'.repeat(10_000)}.evil.test`;
    expect(parseViewState(new URLSearchParams({ sel: selected })).selected).toBe(selected);
    expect(parseViewState(serializeViewState({ ...DEFAULT_VIEW, selected })).selected).toBe(selected);
    expect(parseViewState(new URLSearchParams({ sel: 'x'.repeat(MAX_SELECTED + 1) })).selected).toBeNull();
  });

  it('writes a host selection by its hostId: the URL stays short for a 20 kB host, node or edge', () => {
    const node = hostile.nodes.find((n) => n.kind === 'host' && n.host === HUGE)!;
    const edge = hostile.edges.find((e) => e.target === node.id && e.status === 'blocked')!;
    expect(node.id.length).toBeGreaterThan(20_000);
    expect(selectionParam(hostile, node.id)).toBe(node.kind === 'host' ? node.hostId : '');
    expect(selectionParam(hostile, edge.id)).toMatch(/^wl:legacy\/cms-v1>h_[A-Za-z0-9_-]{22}\|http\|blocked$/);
    for (const id of [node.id, edge.id]) {
      const url = serializeViewState({ ...DEFAULT_VIEW, selected: selectionParam(hostile, id) }).toString();
      expect(url.length).toBeLessThan(120);
      expect(resolveSelection(hostile, parseViewState(new URLSearchParams(url)).selected ?? '')).toBe(id);
    }
  });

  it('law: every node and edge survives the URL (selectionParam, then resolveSelection); other ids are written as they are', () => {
    for (const graph of [golden, hostile]) {
      for (const { id } of [...graph.nodes, ...graph.edges]) {
        const param = selectionParam(graph, id);
        expect(resolveSelection(graph, param)).toBe(id);
        expect(param.length).toBeLessThanOrEqual(200);
      }
    }
    expect(selectionParam(golden, 'wl:shop/frontend-v2')).toBe('wl:shop/frontend-v2');
    expect(selectionParam(golden, 'unattributed:blocked')).toBe('unattributed:blocked');
  });

  it('opens older links that name the host itself, and leaves a selection the graph does not have as it is', () => {
    expect(resolveSelection(golden, 'ext:pastebin.com')).toBe('ext:pastebin.com');
    const edge = golden.edges.find((e) => e.target === 'ext:pastebin.com')!;
    expect(resolveSelection(golden, edge.id)).toBe(edge.id);
    expect(resolveSelection(golden, 'h_AAAAAAAAAAAAAAAAAAAAAA')).toBe('h_AAAAAAAAAAAAAAAAAAAAAA');
    expect(resolveSelection(golden, 'ext:gone.example')).toBe('ext:gone.example');
  });

  it('asks /api/graph only for the time range', () => {
    expect(toGraphQuery({ ...DEFAULT_VIEW, window: '1h', end: 5, namespaces: ['shop'], status: 'blocked' }).toString()).toBe('window=1h&end=5');
  });

  it('refreshes only when live and not paused', () => {
    expect(refreshIntervalMs(DEFAULT_VIEW)).toBe(30_000);
    expect(refreshIntervalMs({ ...DEFAULT_VIEW, refresh: '10s' })).toBe(10_000);
    expect(refreshIntervalMs({ ...DEFAULT_VIEW, refresh: 'off' })).toBe(false);
    expect(refreshIntervalMs({ ...DEFAULT_VIEW, paused: true })).toBe(false);
    expect(refreshIntervalMs({ ...DEFAULT_VIEW, end: 100 })).toBe(false);
  });
});
