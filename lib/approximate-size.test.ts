import v8 from 'node:v8';
import vm from 'node:vm';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { approximateBytes } from './approximate-size';

describe('approximateBytes', () => {
  it('counts strings by length, numbers, arrays, objects, typed arrays, Maps and Sets', () => {
    expect(approximateBytes('abcd')).toBe(24);
    expect(approximateBytes(1.5)).toBe(16);
    expect(approximateBytes(7)).toBe(0);
    expect(approximateBytes(null)).toBe(0);
    expect(approximateBytes([1, 2.5])).toBe(32 + 16 + 16);
    expect(approximateBytes({ a: 'x' })).toBe(24 + 8 + 21);
    expect(approximateBytes(new Float64Array(100))).toBe(64 + 800);
    expect(approximateBytes(new Map([['k', 1.5]]))).toBe(32 + 24 + 21 + 16);
    expect(approximateBytes(new Set([1.5]))).toBe(32 + 16 + 16);
  });

  it('grows with the data: n equal items cost n times one item, sampled or not (property)', () => {
    const item = fc.oneof(fc.string({ maxLength: 40 }), fc.double(), fc.record({ name: fc.string({ maxLength: 20 }), value: fc.double(), tags: fc.array(fc.string({ maxLength: 8 }), { maxLength: 4 }) }));
    fc.assert(
      fc.property(item, fc.integer({ min: 0, max: 5000 }), (x, n) => {
        const one = approximateBytes(x);
        expect(approximateBytes(Array(n).fill(x))).toBeCloseTo(32 + 8 * n + n * one, 6);
      }),
    );
  });

  it('is within a factor of two of what V8 holds for an answer of 10,000 labelled samples', () => {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    const answer = { samples: Array.from({ length: 10_000 }, (_, j) => ({ labels: { destination_service: `h${j}.scale.test`, source_workload: `workload-${j % 100}` }, value: j + 0.5 })) };
    const estimate = approximateBytes(answer);
    expect(estimate).toBeGreaterThan(10_000 * 100);
    gc();
    const before = process.memoryUsage().heapUsed;
    const copy = structuredClone(answer);
    gc();
    const held = process.memoryUsage().heapUsed - before;
    expect(copy.samples).toHaveLength(10_000);
    expect(estimate / held).toBeGreaterThan(0.5);
    expect(estimate / held).toBeLessThan(2);
  });

  it('costs a bounded walk for big data: sampling, and no deeper than 12 levels', () => {
    let deep: unknown = 'leaf';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(approximateBytes(deep)).toBeGreaterThan(0);
  });
});
