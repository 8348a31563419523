import { describe, expect, it } from 'vitest';
import { DEFAULT_VIEW, MAX_SELECTED, parseViewState, refreshIntervalMs, serializeViewState, toGraphQuery, type ViewState } from './state';

describe('view state in the URL', () => {
  it('round-trips every field', () => {
    const v: ViewState = {
      namespaces: ['data', 'shop'],
      status: 'blocked',
      find: 'pastebin',
      window: '1h',
      end: 1767230400,
      refresh: '10s',
      paused: true,
      view: 'table',
      selected: 'ext:pastebin.com',
      edgeLabels: true,
    };
    expect(parseViewState(serializeViewState(v))).toEqual(v);
  });

  it('leaves defaults out of the URL', () => {
    expect(serializeViewState(DEFAULT_VIEW).toString()).toBe('');
    expect(parseViewState(new URLSearchParams())).toEqual(DEFAULT_VIEW);
  });

  it('falls back to defaults for bad values instead of failing', () => {
    const v = parseViewState(new URLSearchParams('status=evil&window=99y&end=soon&refresh=1s&view=3d&ns=Bad_NS&ns=shop&ns=shop'));
    expect(v).toEqual({ ...DEFAULT_VIEW, namespaces: ['shop'] });
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
