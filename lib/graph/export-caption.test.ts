import { describe, expect, it } from 'vitest';
import { exportCaption } from './export-caption';

const utc = { timeZone: 'UTC', locale: 'en-US' } as const;

describe('exportCaption', () => {
  it('names the window and its end with the zone', () => {
    const [head] = exportCaption({ window: '1h', end: '2026-01-05T10:42:07Z', status: 'all', namespaces: [], find: '' }, utc);
    expect(head).toBe('Egress Lens: egress graph, window 1h ending Jan 5, 2026, 10:42:07 AM UTC');
  });

  it('gives the end in the zone asked for', () => {
    const [head] = exportCaption({ window: '15m', end: '2026-01-05T10:42:07Z', status: 'all', namespaces: [], find: '' }, { timeZone: 'Europe/Berlin', locale: 'en-US' });
    expect(head).toContain('11:42:07 AM GMT+1');
  });

  it('says when no filter is in effect', () => {
    expect(exportCaption({ window: '1h', end: '2026-01-05T10:42:07Z', status: 'all', namespaces: [], find: '  ' }, utc)[1]).toBe('Filters: none (all statuses, all namespaces)');
  });

  it('lists every filter in effect, hostile values made visible', () => {
    const [, filters] = exportCaption({ window: '1h', end: '2026-01-05T10:42:07Z', status: 'blocked', namespaces: ['data', 'shop'], find: 'paste\u202ebin' }, utc);
    expect(filters).toBe('Filters: status blocked · namespaces data, shop · find "paste\\u202ebin" (highlighted)');
  });

  it('names the selection the picture dims the rest around', () => {
    const [, filters] = exportCaption({ window: '1h', end: '2026-01-05T10:42:07Z', status: 'all', namespaces: [], find: '', selected: 'data/etl-worker → pastebin.com' }, utc);
    expect(filters).toBe('Filters: selected data/etl-worker → pastebin.com (the rest dimmed)');
  });
});
