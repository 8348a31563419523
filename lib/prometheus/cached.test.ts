import { isDeepStrictEqual } from "node:util";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cached, cacheKey, createCacheStore } from "./cached";

/** A function that counts its runs and answers a fresh object per run. */
function counted() {
  let runs = 0;
  const run = async (_deps: unknown, q: unknown) => ({ run: ++runs, q });
  return { run, runs: () => runs };
}

/** Reverses an object's keys, at every depth. */
function reordered(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(reordered);
  if (typeof v !== "object" || v === null) return v;
  return Object.fromEntries(
    Object.entries(v)
      .reverse()
      .map(([k, x]) => [k, reordered(x)]),
  );
}

const normalised = (v: unknown): unknown =>
  JSON.parse(JSON.stringify(v) ?? "null") as unknown;

describe("cacheKey", () => {
  it("gives equal queries one key whatever the order of their fields", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (q) => {
        expect(cacheKey(reordered(q))).toBe(cacheKey(q));
      }),
    );
    expect(cacheKey({ end: 1, windowSeconds: 300, namespaces: ["a"] })).toBe(
      cacheKey({ namespaces: ["a"], windowSeconds: 300, end: 1 }),
    );
  });

  it("gives different queries different keys", () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (a, b) => {
        expect(cacheKey(a) === cacheKey(b)).toBe(
          isDeepStrictEqual(normalised(a), normalised(b)),
        );
      }),
    );
    expect(cacheKey({ namespaces: ["a", "b"] })).not.toBe(
      cacheKey({ namespaces: ["b", "a"] }),
    );
    expect(cacheKey({ query: "up", time: 1 })).not.toBe(
      cacheKey({ query: "up", time: "1" }),
    );
  });

  it("leaves out fields that are undefined", () => {
    expect(cacheKey({ end: 1, hostId: undefined })).toBe(cacheKey({ end: 1 }));
  });
});

describe("cached", () => {
  it("runs once for concurrent equal queries, and hands every caller the same answer", async () => {
    const f = counted();
    const shared = cached("t", f.run);
    const deps = { caches: createCacheStore({ ttlMs: 5000 }) };
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        shared(deps, i % 2 ? { a: 1, b: [2] } : { b: [2], a: 1 }),
      ),
    );
    expect(f.runs()).toBe(1);
    expect(new Set(answers).size).toBe(1);
  });

  it("runs every call without a store", async () => {
    const f = counted();
    const shared = cached("t", f.run);
    await Promise.all([shared({}, { a: 1 }), shared({}, { a: 1 })]);
    expect(f.runs()).toBe(2);
  });

  it("keeps answers for the TTL, and a name can keep its own longer", async () => {
    let t = 0;
    const deps = {
      caches: createCacheStore({
        ttlMs: 5000,
        now: () => t,
        schedule: () => undefined,
      }),
    };
    const f = counted();
    const g = counted();
    const short = cached("short", f.run);
    const long = cached("long", g.run, { ttlMs: 60_000 });
    await Promise.all([short(deps, {}), long(deps, {})]);
    t = 5000;
    await Promise.all([short(deps, {}), long(deps, {})]);
    expect([f.runs(), g.runs()]).toEqual([2, 1]);
    t = 60_000;
    await long(deps, {});
    expect(g.runs()).toBe(2);
  });

  it("keeps names apart: equal queries of two functions, and the bounds of each", async () => {
    const deps = { caches: createCacheStore({ ttlMs: 60_000 }) };
    const f = counted();
    const g = counted();
    const one = cached("one", f.run, { maxEntries: 1 });
    const other = cached("other", g.run);
    await one(deps, { q: 1 });
    await other(deps, { q: 1 });
    await other(deps, { q: 2 });
    await one(deps, { q: 2 }); // evicts one's { q: 1 }, not other's
    await Promise.all([
      one(deps, { q: 2 }),
      other(deps, { q: 1 }),
      other(deps, { q: 2 }),
    ]);
    expect([f.runs(), g.runs()]).toEqual([2, 2]);
    await one(deps, { q: 1 });
    expect(f.runs()).toBe(3);
  });

  it("shares a failure with the calls waiting for it, and does not keep it", async () => {
    let runs = 0;
    const failing = cached("t", async () => {
      runs++;
      throw new Error("down");
    });
    const deps = { caches: createCacheStore({ ttlMs: 5000 }) };
    const both = await Promise.allSettled([
      failing(deps, {}),
      failing(deps, {}),
    ]);
    expect(both.map((r) => r.status)).toEqual(["rejected", "rejected"]);
    expect(runs).toBe(1);
    await expect(failing(deps, {})).rejects.toThrow("down");
    expect(runs).toBe(2);
  });
});
