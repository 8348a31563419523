/**
 * Crossing reduction for the layered layout (Sugiyama's second phase):
 * barycenter sweeps over three layers (sources, gateways, destinations),
 * where a layer is a sequence of blocks (a namespace's workloads stay
 * contiguous) and blocks move as a whole. Deterministic: ties keep the
 * current order, and the start order depends only on the input (or on the
 * previous layout, whose order is then kept).
 */

/** A layer: blocks of node ids, top to bottom. */
export type LayerOrder = string[][];

/** Each node's layer (0, 1, 2) and its neighbours (both directions). */
export interface OrderGraph {
  readonly layerOf: ReadonlyMap<string, number>;
  readonly neighbours: ReadonlyMap<string, readonly string[]>;
  /** Edges as [from, to], from in the lower layer. */
  readonly links: readonly (readonly [string, string])[];
}

/** Normalised position of every node: (index + 0.5) / layer size, in 0..1, so layers of different sizes compare. */
export function normalisedPositions(layers: readonly LayerOrder[]): Map<string, number> {
  const pos = new Map<string, number>();
  for (const layer of layers) {
    const flat = layer.flat();
    flat.forEach((id, i) => pos.set(id, (i + 0.5) / flat.length));
  }
  return pos;
}

function barycenter(id: string, g: OrderGraph, pos: ReadonlyMap<string, number>, from: ReadonlySet<number>): number | undefined {
  let sum = 0;
  let count = 0;
  for (const n of g.neighbours.get(id) ?? []) {
    if (!from.has(g.layerOf.get(n) ?? -1)) continue;
    const p = pos.get(n);
    if (p === undefined) continue;
    sum += p;
    count++;
  }
  return count > 0 ? sum / count : undefined;
}

/** Reorders a layer by barycenters: members within each block, then blocks by their members' mean. Stable. */
function reorder(layer: LayerOrder, key: (id: string) => number): LayerOrder {
  const blocks = layer.map((block) => {
    const keyed = block.map((id, i) => ({ id, k: key(id), i }));
    keyed.sort((a, b) => a.k - b.k || a.i - b.i);
    return { ids: keyed.map((x) => x.id), k: keyed.reduce((s, x) => s + x.k, 0) / Math.max(1, keyed.length) };
  });
  return blocks
    .map((b, i) => ({ ...b, i }))
    .sort((a, b) => a.k - b.k || a.i - b.i)
    .map((b) => b.ids);
}

/** Crossings between links, from the orders alone: inversions among links of each layer pair (Barth-Mutzel, by merge sort). */
export function orderCrossings(g: OrderGraph, pos: ReadonlyMap<string, number>): number {
  const byPair = new Map<string, [number, number][]>();
  for (const [a, b] of g.links) {
    const key = `${g.layerOf.get(a)}-${g.layerOf.get(b)}`;
    const list = byPair.get(key) ?? [];
    list.push([pos.get(a) ?? 0, pos.get(b) ?? 0]);
    byPair.set(key, list);
  }
  let total = 0;
  for (const list of byPair.values()) {
    list.sort((p, q) => p[0] - q[0] || p[1] - q[1]);
    total += inversions(list.map((p) => p[1]));
  }
  return total;
}

function inversions(xs: number[]): number {
  if (xs.length < 2) return 0;
  const mid = xs.length >> 1;
  const left = xs.slice(0, mid);
  const right = xs.slice(mid);
  let count = inversions(left) + inversions(right);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < left.length && j < right.length) {
    if ((left[i] as number) <= (right[j] as number)) xs[k++] = left[i++] as number;
    else {
      count += left.length - i;
      xs[k++] = right[j++] as number;
    }
  }
  while (i < left.length) xs[k++] = left[i++] as number;
  while (j < right.length) xs[k++] = right[j++] as number;
  return count;
}

const SWEEPS = 12;

/**
 * Barycenter sweeps from `start`: destinations (and gateways) ordered by
 * their callers, then sources by their destinations, and so on; the order
 * with the fewest crossings wins. O(SWEEPS * (E log E + V log V)).
 */
export function sweep(start: readonly LayerOrder[], g: OrderGraph): LayerOrder[] {
  let layers = start.map((l) => l.map((b) => [...b]));
  let pos = normalisedPositions(layers);
  let best = { layers, crossings: orderCrossings(g, pos) };
  const down = new Set([0, 1]);
  const up = new Set([1, 2]);
  const all = new Set([0, 1, 2]);
  let stale = 0;
  // Stop at zero crossings, or when three sweeps in a row found nothing better.
  for (let t = 0; t < SWEEPS && best.crossings > 0 && stale < 3; t++) {
    const next = [...layers];
    if (t % 2 === 0) {
      next[2] = reorder(layers[2] ?? [], (id) => barycenter(id, g, pos, down) ?? (pos.get(id) as number));
      pos = normalisedPositions(next);
      next[1] = reorder(layers[1] ?? [], (id) => barycenter(id, g, pos, all) ?? (pos.get(id) as number));
    } else {
      next[0] = reorder(layers[0] ?? [], (id) => barycenter(id, g, pos, up) ?? (pos.get(id) as number));
      pos = normalisedPositions(next);
      next[1] = reorder(layers[1] ?? [], (id) => barycenter(id, g, pos, all) ?? (pos.get(id) as number));
    }
    layers = next;
    pos = normalisedPositions(layers);
    const crossings = orderCrossings(g, pos);
    if (crossings < best.crossings) {
      best = { layers, crossings };
      stale = 0;
    } else stale++;
  }
  return best.layers;
}

/**
 * Adds new nodes to a kept order without moving the old ones relative to
 * each other: each new node goes where its barycenter points (among its
 * block's members, or as a new block among the blocks). `fresh` lists the
 * new nodes' blocks per layer (block members that already exist are ignored).
 */
export function insertNew(kept: readonly LayerOrder[], fresh: readonly LayerOrder[], g: OrderGraph): LayerOrder[] {
  const layers = kept.map((l) => l.map((b) => [...b]));
  // Destinations first (placed by their callers), then sources and gateways by everything placed.
  for (const li of [2, 0, 1]) {
    const pos = normalisedPositions(layers);
    const layer = layers[li] ?? [];
    const flat = layer.flat();
    const at = (k: number) => {
      // Old positions are increasing along the layer: the first old node after k.
      let lo = 0;
      let hi = flat.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if ((pos.get(flat[mid] as string) as number) <= k) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    };
    const additions: { block: string[]; k: number; index: number }[] = [];
    for (const block of fresh[li] ?? []) {
      const keyOf = (id: string) => barycenter(id, g, pos, new Set([0, 1, 2].filter((x) => x !== li))) ?? 1;
      const existing = layer.findIndex((b) => b.some((id) => block.includes(id)));
      if (existing >= 0) {
        const target = layer[existing] as string[];
        for (const id of block) {
          if (target.includes(id)) continue;
          const k = keyOf(id);
          const i = target.findIndex((m) => (pos.get(m) ?? 0) > k);
          target.splice(i < 0 ? target.length : i, 0, id);
        }
        continue;
      }
      const k = block.reduce((s, id) => s + keyOf(id), 0) / block.length;
      const sorted = [...block].sort((a, b) => keyOf(a) - keyOf(b));
      additions.push({ block: sorted, k, index: at(k) });
    }
    // Insert new blocks before the block holding the first old node after their key (bottom up, so indices stay valid).
    additions.sort((a, b) => b.index - a.index || b.k - a.k);
    for (const add of additions) {
      let seen = 0;
      let bi = layer.length;
      for (let i = 0; i < layer.length; i++) {
        if (seen >= add.index) {
          bi = i;
          break;
        }
        seen += (layer[i] as string[]).length;
      }
      layer.splice(bi, 0, add.block);
    }
    layers[li] = layer;
  }
  return layers;
}
