import { describe, expect, it } from 'vitest';
import { prometheusGraphLink } from './promql-source';

describe('prometheusGraphLink', () => {
  it('opens the query in Prometheus at the same end and range, fully encoded', () => {
    const url = new URL(prometheusGraphLink('https://prom.example.com/prometheus', 'sum(rate(x{a="b&c"}[5m]))', '2026-11-21T10:00:00.000Z', '5m'));
    expect(url.origin + url.pathname).toBe('https://prom.example.com/prometheus/graph');
    expect(url.searchParams.get('g0.expr')).toBe('sum(rate(x{a="b&c"}[5m]))');
    expect(url.searchParams.get('g0.range_input')).toBe('5m');
    expect(url.searchParams.get('g0.end_input')).toBe('2026-11-21 10:00:00');
    expect(url.searchParams.get('g0.tab')).toBe('1');
  });
});
