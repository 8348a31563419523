/**
 * What stays at full strength when something is selected or found: the rest
 * of the graph is dimmed, so the eye goes to the selection's paths.
 */

interface EdgeEnds {
  readonly id: string;
  readonly source: string;
  readonly target: string;
}

/**
 * Ids of everything related to the selection: a selected node, its edges and
 * their other ends; a selected edge and its two ends. Null when nothing is
 * selected or the selection is not drawn (filtered out): then nothing is dimmed.
 */
export function selectionNeighbourhood(nodeIds: ReadonlySet<string>, edges: readonly EdgeEnds[], selected: string | null): ReadonlySet<string> | null {
  if (selected === null) return null;
  const keep = new Set<string>();
  if (nodeIds.has(selected)) {
    keep.add(selected);
    for (const e of edges) {
      if (e.source === selected || e.target === selected) keep.add(e.id).add(e.source).add(e.target);
    }
    return keep;
  }
  const edge = edges.find((e) => e.id === selected);
  if (!edge) return null;
  return keep.add(edge.id).add(edge.source).add(edge.target);
}

/**
 * Which drawn elements to dim, given the find box's matches (nodes) and the
 * selection's neighbourhood. Each highlight keeps its own elements (a match
 * and the edges touching it; the neighbourhood); when any highlight is
 * active, whatever none of them keeps is dimmed. So a find and a selection
 * compose: both stay lit, the rest fades.
 */
export function dimmedIds(nodeIds: readonly string[], edges: readonly EdgeEnds[], matches: ReadonlySet<string>, neighbourhood: ReadonlySet<string> | null): Set<string> {
  const dimmed = new Set<string>();
  if (matches.size === 0 && neighbourhood === null) return dimmed;
  const lit = (id: string) => matches.has(id) || (neighbourhood?.has(id) ?? false);
  for (const id of nodeIds) if (!lit(id)) dimmed.add(id);
  for (const e of edges) if (!lit(e.id) && !matches.has(e.source) && !matches.has(e.target)) dimmed.add(e.id);
  return dimmed;
}
