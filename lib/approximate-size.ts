/**
 * A cheap estimate of the heap a plain value takes (JSON-like data: objects,
 * arrays, strings, numbers, typed arrays, Maps and Sets), for bounding caches
 * by bytes. Long arrays and collections are sampled: 32 evenly spaced items
 * stand for all, so an answer of 10^5 series costs a few thousand steps.
 * It is an estimate of V8's layout (pointers 8 bytes, object headers 24,
 * array headers 32, numbers that are not small integers boxed in 16), good
 * to a factor of two, not a measurement.
 */

const SAMPLE = 32;
const MAX_DEPTH = 12;

/** The sum of `size` over `items` (all of them, or a sample scaled up). */
function sampled<T>(items: readonly T[], size: (item: T) => number): number {
  if (items.length <= SAMPLE) return items.reduce((sum, item) => sum + size(item), 0);
  let sum = 0;
  for (let i = 0; i < SAMPLE; i++) sum += size(items[Math.floor((i * items.length) / SAMPLE)] as T);
  return (sum * items.length) / SAMPLE;
}

/** Approximate bytes of `value` and everything it holds (shared parts counted each time they are reached). */
export function approximateBytes(value: unknown, depth = 0): number {
  switch (typeof value) {
    case 'string':
      return 20 + value.length;
    case 'number':
      // Small integers live in the pointer slot (counted by the holder); other numbers are boxed.
      return Number.isInteger(value) && Math.abs(value) < 2 ** 30 ? 0 : 16;
    case 'bigint':
      return 16;
    case 'object':
      break;
    default:
      return 0;
  }
  if (value === null) return 0;
  if (depth >= MAX_DEPTH) return 64;
  const inner = (v: unknown) => approximateBytes(v, depth + 1);
  if (ArrayBuffer.isView(value)) return 64 + value.byteLength;
  if (value instanceof ArrayBuffer) return 32 + value.byteLength;
  if (Array.isArray(value)) return 32 + 8 * value.length + sampled(value, inner);
  if (value instanceof Map) return 32 + 24 * value.size + sampled([...value], ([k, v]) => inner(k) + inner(v));
  if (value instanceof Set) return 32 + 16 * value.size + sampled([...value], inner);
  const keys = Object.keys(value);
  // Objects used as dictionaries (many keys) hold their key strings; small ones share them with their shape.
  return 24 + 8 * keys.length + sampled(keys, (k) => inner((value as Record<string, unknown>)[k]) + (keys.length > 16 ? inner(k) : 0));
}
