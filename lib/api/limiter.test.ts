import { describe, expect, it } from 'vitest';
import { createLimiter } from './limiter';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}
const tick = () => new Promise((r) => setImmediate(r));

describe('createLimiter', () => {
  it('runs at most `slots` tasks at a time, the others in the order they came', async () => {
    const limiter = createLimiter(2, 10);
    const gates = Array.from({ length: 5 }, deferred);
    const started: number[] = [];
    const done = gates.map((g, i) => limiter.run(async () => (started.push(i), await g.promise, i), () => new Error('refused')));
    await tick();
    expect(started).toEqual([0, 1]);
    expect([limiter.running, limiter.waiting]).toEqual([2, 3]);
    gates[1]!.resolve();
    await tick();
    expect(started).toEqual([0, 1, 2]);
    for (const g of gates) g.resolve();
    expect(await Promise.all(done)).toEqual([0, 1, 2, 3, 4]);
    expect([limiter.running, limiter.waiting]).toEqual([0, 0]);
  });

  it('refuses at once past maxWaiting, and frees the slot of a task that fails', async () => {
    const limiter = createLimiter(1, 1);
    const gate = deferred();
    const first = limiter.run(() => gate.promise, () => new Error('refused'));
    const second = limiter.run(async () => 'second', () => new Error('refused'));
    await expect(limiter.run(async () => 'third', () => new Error('busy'))).rejects.toThrow('busy');
    gate.resolve();
    await first;
    expect(await second).toBe('second');
    await expect(limiter.run(() => Promise.reject(new Error('failed')), () => new Error('refused'))).rejects.toThrow('failed');
    expect(await limiter.run(async () => 'after', () => new Error('refused'))).toBe('after');
    expect([limiter.running, limiter.waiting]).toEqual([0, 0]);
  });
});
