import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exportBlockedReason, NO_EDITS, reduceEdits, type EditAction, type EditState } from './edits';

const yaml = fc.array(fc.constantFrom('kind: ServiceEntry', '  namespace: data', '  namespace: shop', '  - pastebin.com', 'x'), { maxLength: 6 }).map((l) => l.join('\n'));
const action: fc.Arbitrary<EditAction> = fc.oneof(
  yaml.map((y) => ({ type: 'generated' as const, yaml: y })),
  yaml.map((t) => ({ type: 'edit' as const, text: t })),
  fc.constant({ type: 'apply-mine' as const }),
  fc.constant({ type: 'discard-mine' as const }),
);

const G1 = 'kind: ServiceEntry\n  namespace: data\nspec: {}';
const G2 = 'kind: ServiceEntry\n  namespace: istio-egress\nspec: {}';

describe('edits across regenerations', () => {
  it('an unedited text follows each generation', () => {
    let s = reduceEdits(NO_EDITS, { type: 'generated', yaml: G1 });
    s = reduceEdits(s, { type: 'generated', yaml: G2 });
    expect(s).toEqual({ baseline: G2, text: G2, incoming: null, conflicts: 0 });
  });

  it('an edited text is kept when options change; the new generation waits; apply merges, discard takes it', () => {
    let s = reduceEdits(NO_EDITS, { type: 'generated', yaml: G1 });
    s = reduceEdits(s, { type: 'edit', text: `${G1}\n# reviewed` });
    s = reduceEdits(s, { type: 'generated', yaml: G2 });
    expect(s.text).toBe(`${G1}\n# reviewed`);
    expect(s.incoming).toBe(G2);
    expect(reduceEdits(s, { type: 'apply-mine' })).toEqual({ baseline: G2, text: `${G2}\n# reviewed`, incoming: null, conflicts: 0 });
    expect(reduceEdits(s, { type: 'discard-mine' })).toEqual({ baseline: G2, text: G2, incoming: null, conflicts: 0 });
  });

  it('nothing generated (waiting for an acknowledgement) changes nothing', () => {
    const s: EditState = { baseline: G1, text: 'mine', incoming: null, conflicts: 0 };
    expect(reduceEdits(s, { type: 'generated', yaml: '' })).toBe(s);
  });

  // An empty text has no lines ('' split on newlines would be one empty line).
  const linesOf = (text: string): string[] => (text === '' ? [] : text.split('\n'));
  const count = (lines: readonly string[], line: string): number => lines.filter((l) => l === line).length;
  /**
   * What the approver typed: each line of their text beyond its count in the
   * generated baseline. (A line they left as generated is the generator's: a
   * new generation may drop it, as the example above drops `namespace: data`.)
   */
  const typedLines = (s: EditState): Map<string, number> => {
    const mine = linesOf(s.text);
    const base = linesOf(s.baseline);
    return new Map(mine.map((l) => [l, count(mine, l) - count(base, l)] as const).filter(([, n]) => n > 0));
  };

  it('never loses an edit without an explicit choice: only an edit or "discard" can drop text the approver typed', () => {
    fc.assert(
      fc.property(fc.array(action, { maxLength: 12 }), (actions) => {
        let s = NO_EDITS;
        for (const a of actions) {
          const next = reduceEdits(s, a);
          if (a.type === 'generated' && s.text !== s.baseline) expect(next.text).toBe(s.text);
          if (a.type === 'apply-mine' && s.incoming !== null) for (const [line, n] of typedLines(s)) expect(count(linesOf(next.text), line), line).toBeGreaterThanOrEqual(n);
          s = next;
        }
      }),
    );
  });

  it('Copy/Download/kubectl are offered only for a validated, error-free text with nothing pending, and say why not', () => {
    const done: EditState = { baseline: G1, text: G1, incoming: null, conflicts: 0 };
    expect(exportBlockedReason({ acknowledgementPending: false, edits: done, errors: 0 })).toBeNull();
    expect(exportBlockedReason({ acknowledgementPending: true, edits: done, errors: 0 })).toMatch(/Acknowledge the blocked attempts/);
    expect(exportBlockedReason({ acknowledgementPending: false, edits: done, errors: 2 })).toBe('Validation fails (2 errors): fix the YAML first.');
    expect(exportBlockedReason({ acknowledgementPending: false, edits: done, errors: null })).toMatch(/Checking your edits/);
    expect(exportBlockedReason({ acknowledgementPending: false, edits: { ...done, incoming: G2 }, errors: 0 })).toMatch(/apply your edits on top/);
    expect(exportBlockedReason({ acknowledgementPending: false, edits: NO_EDITS, errors: 0 })).toMatch(/Nothing generated/);
  });
});
