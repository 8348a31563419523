import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BLOCKED_EDGE_WIDTH_MIN, EDGE_WIDTH_MAX, EDGE_WIDTH_MIN, edgeRate, edgeWidth } from './edge-width';

const rate = fc.oneof(fc.double({ noNaN: false }), fc.double({ min: 0, max: 1e6, noNaN: true }), fc.constantFrom(0, -0, NaN, Infinity, -Infinity, 0.01, 1000));

describe('edgeWidth', () => {
  it('never decreases as the rate grows', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1e7, noNaN: true }), fc.double({ min: 0, max: 1e7, noNaN: true }), fc.boolean(), (a, b, blocked) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(edgeWidth(lo, { blocked })).toBeLessThanOrEqual(edgeWidth(hi, { blocked }));
      }),
    );
  });

  it('stays within its bounds for any number, NaN and infinities included', () => {
    fc.assert(
      fc.property(rate, fc.boolean(), (r, blocked) => {
        const w = edgeWidth(r, { blocked });
        expect(Number.isFinite(w)).toBe(true);
        expect(w).toBeGreaterThanOrEqual(blocked ? BLOCKED_EDGE_WIDTH_MIN : EDGE_WIDTH_MIN);
        expect(w).toBeLessThanOrEqual(EDGE_WIDTH_MAX);
      }),
    );
  });

  it('draws idle, unknown and negative rates thinnest', () => {
    for (const r of [0, -0, -5, NaN, undefined]) expect(edgeWidth(r)).toBe(EDGE_WIDTH_MIN);
    expect(edgeWidth(Infinity)).toBe(EDGE_WIDTH_MAX);
  });

  it('draws 6 req/s visibly wider than 0.05 req/s (the issue: they looked alike)', () => {
    expect(edgeWidth(6) - edgeWidth(0.05)).toBeGreaterThanOrEqual(2.5);
  });

  it('gives each factor of ten the same step (a log scale)', () => {
    const step = edgeWidth(1) - edgeWidth(0.1);
    expect(edgeWidth(10) - edgeWidth(1)).toBeCloseTo(step, 1);
    expect(edgeWidth(100) - edgeWidth(10)).toBeCloseTo(step, 1);
  });

  it('keeps a trickle of blocked traffic a visible line', () => {
    expect(edgeWidth(0.001, { blocked: true })).toBe(BLOCKED_EDGE_WIDTH_MIN);
    expect(edgeWidth(500, { blocked: true })).toBe(edgeWidth(500));
  });
});

describe('edgeRate', () => {
  it('is requests/s for HTTP and gRPC, connections/s for TCP', () => {
    expect(edgeRate({ protocol: 'http', requestsPerSecond: 2, connectionsPerSecond: 9 })).toBe(2);
    expect(edgeRate({ protocol: 'grpc', requestsPerSecond: 3 })).toBe(3);
    expect(edgeRate({ protocol: 'tcp', requestsPerSecond: 2, connectionsPerSecond: 9 })).toBe(9);
  });
});
