/**
 * A few named sums (a flow's response codes or response flags) as a flat
 * array [name, sum, name, sum, ...]: a flow has one to three, and at 10^5
 * flows a flat array is a third of the memory of a Map each.
 */
export type Counts = (string | number)[];

/** Adds `value` to the sum named `name`; returns the counts (new ones, sized exactly, when there were none). */
export function addCount(counts: Counts | undefined, name: string, value: number): Counts {
  // [] then push() would reserve 17 slots; a flow has one to three names.
  if (counts === undefined) return [name, value];
  for (let i = 0; i < counts.length; i += 2) {
    if (counts[i] === name) {
      counts[i + 1] = Number(counts[i + 1]) + value;
      return counts;
    }
  }
  counts.push(name, value);
  return counts;
}

/** Adds every sum of `from` into `into` (created when needed); returns `into`. */
export function mergeCounts(into: Counts | undefined, from: Readonly<Counts> | undefined): Counts | undefined {
  let out = into;
  if (from) for (let i = 0; i < from.length; i += 2) out = addCount(out, String(from[i]), Number(from[i + 1]));
  return out;
}

/** The counts as a record with sorted keys. */
export function countsRecord(counts: Readonly<Counts>): Record<string, number> {
  const entries: [string, number][] = [];
  for (let i = 0; i < counts.length; i += 2) entries.push([String(counts[i]), Number(counts[i + 1])]);
  return Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
