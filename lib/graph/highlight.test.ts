import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dimmedIds, selectionNeighbourhood } from './highlight';

// a -> g -> h1, a -> h2, b -> h2, c -> h3
const edges = [
  { id: 'a>g', source: 'a', target: 'g' },
  { id: 'g>h1', source: 'g', target: 'h1' },
  { id: 'a>h2', source: 'a', target: 'h2' },
  { id: 'b>h2', source: 'b', target: 'h2' },
  { id: 'c>h3', source: 'c', target: 'h3' },
];
const nodes = ['a', 'b', 'c', 'g', 'h1', 'h2', 'h3'];
const nodeSet = new Set(nodes);

describe('selectionNeighbourhood', () => {
  it('keeps a selected node, its edges and their other ends, nothing further', () => {
    expect([...(selectionNeighbourhood(nodeSet, edges, 'a') ?? [])].sort()).toEqual(['a', 'a>g', 'a>h2', 'g', 'h2']);
  });

  it('keeps a selected edge and its two ends', () => {
    expect([...(selectionNeighbourhood(nodeSet, edges, 'b>h2') ?? [])].sort()).toEqual(['b', 'b>h2', 'h2']);
  });

  it('dims nothing without a selection or when the selection is not drawn', () => {
    expect(selectionNeighbourhood(nodeSet, edges, null)).toBeNull();
    expect(selectionNeighbourhood(nodeSet, edges, 'gone')).toBeNull();
  });
});

describe('dimmedIds', () => {
  it('dims what the selection does not reach', () => {
    const dim = dimmedIds(nodes, edges, new Set(), selectionNeighbourhood(nodeSet, edges, 'h2'));
    expect([...dim].sort()).toEqual(['a>g', 'c', 'c>h3', 'g', 'g>h1', 'h1', 'h3']);
  });

  it('composes with find: matches and their edges stay lit beside the selection', () => {
    const dim = dimmedIds(nodes, edges, new Set(['h3']), selectionNeighbourhood(nodeSet, edges, 'b>h2'));
    expect([...dim].sort()).toEqual(['a', 'a>g', 'a>h2', 'c', 'g', 'g>h1', 'h1']);
  });

  it('never dims the selection, its neighbours or a match, and dims nothing when nothing is highlighted', () => {
    const ids = [...nodes, ...edges.map((e) => e.id)];
    fc.assert(
      fc.property(fc.option(fc.constantFrom(...ids)), fc.subarray(nodes), (selected, found) => {
        const hood = selectionNeighbourhood(nodeSet, edges, selected);
        const dim = dimmedIds(nodes, edges, new Set(found), hood);
        for (const id of hood ?? []) expect(dim.has(id)).toBe(false);
        for (const id of found) expect(dim.has(id)).toBe(false);
        if (selected === null && found.length === 0) expect(dim.size).toBe(0);
      }),
    );
  });
});
