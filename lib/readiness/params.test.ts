import { describe, expect, it } from 'vitest';
import { expectBadParameter } from '../../testing/api';
import { parseReadinessParams } from './params';

const NOW = 1_767_229_200;

describe('parseReadinessParams', () => {
  it('defaults the window to 1h and the end to now', () => {
    expect(parseReadinessParams(new URLSearchParams(), NOW)).toEqual({ end: NOW, windowSeconds: 3600, namespaces: [] });
  });

  it('reads end, window and namespaces as /api/egress does', () => {
    const search = new URLSearchParams('end=2026-01-01T00:00:00Z&window=10m&namespace=shop&namespace=data');
    expect(parseReadinessParams(search, NOW)).toEqual({ end: 1_767_225_600, windowSeconds: 600, namespaces: ['data', 'shop'] });
    expect(search.toString()).toBe('end=2026-01-01T00%3A00%3A00Z&window=10m&namespace=shop&namespace=data');
  });

  it('rejects what /api/egress rejects', () => {
    expect(expectBadParameter(() => parseReadinessParams(new URLSearchParams('window=1x'), NOW), 'window').message).toMatch(/^window: /);
    expect(expectBadParameter(() => parseReadinessParams(new URLSearchParams('host=x'), NOW), 'host').message).toMatch(/unknown parameter/);
    expectBadParameter(() => parseReadinessParams(new URLSearchParams('window=1h&window=2h'), NOW), 'a repeated window');
  });
});
