/**
 * Line diffs and three-way merges of YAML text, so that an approver's edits
 * survive a regeneration: the edit (ours) and the new generation (theirs)
 * both descend from the generation the edit started from (base).
 */

/** One line of a diff from `a` to `b`. */
export interface DiffLine {
  readonly kind: 'same' | 'removed' | 'added';
  readonly text: string;
}

/** Beyond this many cells the LCS table is not built: the differing middle is shown as replaced whole. */
const MAX_LCS_CELLS = 4_000_000;

function splitLines(text: string): string[] {
  return text.split('\n');
}

/** Index pairs [i, j] with a[i] === b[j] of a longest common subsequence, increasing in both. */
function commonPairs(a: readonly string[], b: readonly string[]): [number, number][] {
  const pairs: [number, number][] = [];
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) {
    pairs.push([start, start]);
    start++;
  }
  let endA = a.length;
  let endB = b.length;
  const tail: [number, number][] = [];
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
    tail.push([endA, endB]);
  }
  const n = endA - start;
  const m = endB - start;
  if (n > 0 && m > 0 && n * m <= MAX_LCS_CELLS) {
    // lengths[i][j] = LCS of a[start+i..endA) and b[start+j..endB), row-major in one array.
    const w = m + 1;
    const lengths = new Uint32Array((n + 1) * w);
    for (let i = n - 1; i >= 0; i--) {
      for (let j = m - 1; j >= 0; j--) {
        lengths[i * w + j] = a[start + i] === b[start + j] ? lengths[(i + 1) * w + j + 1]! + 1 : Math.max(lengths[(i + 1) * w + j]!, lengths[i * w + j + 1]!);
      }
    }
    let i = 0;
    let j = 0;
    while (i < n && j < m) {
      if (a[start + i] === b[start + j]) {
        pairs.push([start + i, start + j]);
        i++;
        j++;
      } else if (lengths[(i + 1) * w + j]! >= lengths[i * w + j + 1]!) i++;
      else j++;
    }
  }
  return [...pairs, ...tail.reverse()];
}

/** The lines of `b` against `a`: kept, removed from `a`, added in `b` (removals before additions in a changed run). */
export function diffLines(a: string, b: string): DiffLine[] {
  const la = splitLines(a);
  const lb = splitLines(b);
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  for (const [pi, pj] of [...commonPairs(la, lb), [la.length, lb.length] as [number, number]]) {
    for (; i < pi; i++) out.push({ kind: 'removed', text: la[i]! });
    for (; j < pj; j++) out.push({ kind: 'added', text: lb[j]! });
    if (pi < la.length) out.push({ kind: 'same', text: la[pi]! });
    i = pi + 1;
    j = pj + 1;
  }
  return out;
}

export const CONFLICT_OURS = '<<<<<<< your edit';
export const CONFLICT_SEPARATOR = '=======';
export const CONFLICT_THEIRS = '>>>>>>> new generation';

export interface MergeResult {
  readonly text: string;
  /** Places where the edit and the new generation changed the same lines differently (marked in `text`). */
  readonly conflicts: number;
}

function sameLines(x: readonly string[], y: readonly string[]): boolean {
  return x.length === y.length && x.every((v, i) => v === y[i]);
}

/**
 * Applies the changes from `base` to `ours` on top of `theirs` (diff3): lines
 * only one side changed take that side; where both changed the same lines
 * differently, both are kept between conflict markers, which the YAML
 * validation then flags until the approver resolves them.
 */
export function mergeEdits(base: string, ours: string, theirs: string): MergeResult {
  const o = splitLines(base);
  const a = splitLines(ours);
  const b = splitLines(theirs);
  const inA = new Map(commonPairs(o, a));
  const inB = new Map(commonPairs(o, b));
  const out: string[] = [];
  let conflicts = 0;
  let i = 0;
  let j = 0;
  let k = 0;
  for (;;) {
    // The next line of base both sides kept: everything before it is one chunk.
    let s = i;
    while (s < o.length && !(inA.has(s) && inB.has(s))) s++;
    const ea = s < o.length ? inA.get(s)! : a.length;
    const eb = s < o.length ? inB.get(s)! : b.length;
    const co = o.slice(i, s);
    const ca = a.slice(j, ea);
    const cb = b.slice(k, eb);
    if (sameLines(ca, co)) out.push(...cb);
    else if (sameLines(cb, co) || sameLines(ca, cb)) out.push(...ca);
    else {
      conflicts++;
      out.push(CONFLICT_OURS, ...ca, CONFLICT_SEPARATOR, ...cb, CONFLICT_THEIRS);
    }
    if (s >= o.length) break;
    out.push(o[s]!);
    i = s + 1;
    j = ea + 1;
    k = eb + 1;
  }
  return { text: out.join('\n'), conflicts };
}
