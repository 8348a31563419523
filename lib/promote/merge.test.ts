import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CONFLICT_OURS, diffLines, mergeEdits } from './merge';

/** Texts of a few short lines from a small alphabet, so that lines repeat and edits collide. */
const lines = fc.array(fc.constantFrom('a', 'b', 'c', '  - x', 'kind: ServiceEntry', ''), { maxLength: 12 });
const text = lines.map((l) => l.join('\n'));

const BASE = ['apiVersion: networking.istio.io/v1', 'kind: ServiceEntry', 'metadata:', '  name: pastebin-com', '  namespace: data', 'spec:', '  hosts:', '    - pastebin.com', '  resolution: DNS', ''].join('\n');

describe('diffLines', () => {
  it('the kept and removed lines give back a, the kept and added lines give back b', () => {
    fc.assert(
      fc.property(text, text, (a, b) => {
        const d = diffLines(a, b);
        expect(d.filter((l) => l.kind !== 'added').map((l) => l.text).join('\n')).toBe(a);
        expect(d.filter((l) => l.kind !== 'removed').map((l) => l.text).join('\n')).toBe(b);
      }),
    );
  });

  it('identical texts have no change; one edited line is one removal and one addition', () => {
    expect(diffLines(BASE, BASE).every((l) => l.kind === 'same')).toBe(true);
    const d = diffLines(BASE, BASE.replace('namespace: data', 'namespace: shop'));
    expect(d.filter((l) => l.kind !== 'same')).toEqual([
      { kind: 'removed', text: '  namespace: data' },
      { kind: 'added', text: '  namespace: shop' },
    ]);
  });
});

describe('mergeEdits', () => {
  it('keeps an edit on top of a regeneration that changed other lines', () => {
    const ours = BASE.replace('resolution: DNS', 'resolution: DNS\n  exportTo:\n    - "."');
    const theirs = BASE.replace('namespace: data', 'namespace: istio-egress');
    expect(mergeEdits(BASE, ours, theirs)).toEqual({ text: theirs.replace('resolution: DNS', 'resolution: DNS\n  exportTo:\n    - "."'), conflicts: 0 });
  });

  it('marks both versions where the edit and the regeneration changed the same line differently', () => {
    const r = mergeEdits(BASE, BASE.replace('namespace: data', 'namespace: mine'), BASE.replace('namespace: data', 'namespace: theirs'));
    expect(r.conflicts).toBe(1);
    expect(r.text).toContain(`${CONFLICT_OURS}\n  namespace: mine\n=======\n  namespace: theirs\n>>>>>>> new generation`);
  });

  it('laws: no edit gives the new generation; no regeneration change gives the edit; the same change on both sides is taken once', () => {
    fc.assert(
      fc.property(text, text, (base, other) => {
        expect(mergeEdits(base, base, other)).toEqual({ text: other, conflicts: 0 });
        expect(mergeEdits(base, other, base)).toEqual({ text: other, conflicts: 0 });
        expect(mergeEdits(base, other, other)).toEqual({ text: other, conflicts: 0 });
      }),
    );
  });

  it('never loses a line of the edit: every line of ours is in the result (merged or marked)', () => {
    fc.assert(
      fc.property(text, text, text, (base, ours, theirs) => {
        const out = mergeEdits(base, ours, theirs).text.split('\n');
        const addedByUser = new Set(diffLines(base, ours).filter((l) => l.kind === 'added').map((l) => l.text));
        for (const line of addedByUser) expect(out).toContain(line);
      }),
      { numRuns: 1000 },
    );
  });
});
