import type { Position } from './layout';

/** An edge as drawn: its ends and the polyline through its bend points. */
export interface DrawnEdge {
  readonly source: string;
  readonly target: string;
  readonly points: readonly Position[];
}

/** The polyline of an edge: source centre, bend points, target centre; undefined when an end is not placed. */
export function drawnEdge(e: { id: string; source: string; target: string }, positions: ReadonlyMap<string, Position>, bends?: ReadonlyMap<string, readonly Position[]>): DrawnEdge | undefined {
  const a = positions.get(e.source);
  const b = positions.get(e.target);
  if (!a || !b) return undefined;
  return { source: e.source, target: e.target, points: [a, ...(bends?.get(e.id) ?? []), b] };
}

const cross = (o: Position, a: Position, b: Position) => (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x);

/** Whether two segments cross at a point inside both (proper intersection; touching and collinear overlap do not count). */
export function segmentsCross(p1: Position, p2: Position, q1: Position, q2: Position): boolean {
  const d1 = cross(q1, q2, p1);
  const d2 = cross(q1, q2, p2);
  const d3 = cross(p1, p2, q1);
  const d4 = cross(p1, p2, q2);
  return ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0));
}

/**
 * Edge crossings as the issue counts them: pairs of edges that share no node
 * and whose drawn polylines cross. The one count the tests and the bench use
 * for every layout. Pairs are pruned by bounding boxes; O(E^2) at worst.
 */
export function countCrossings(edges: readonly DrawnEdge[]): number {
  const boxes = edges.map((e) => {
    let x1 = Infinity;
    let y1 = Infinity;
    let x2 = -Infinity;
    let y2 = -Infinity;
    for (const p of e.points) {
      x1 = Math.min(x1, p.x);
      y1 = Math.min(y1, p.y);
      x2 = Math.max(x2, p.x);
      y2 = Math.max(y2, p.y);
    }
    return { e, x1, y1, x2, y2 };
  });
  boxes.sort((a, b) => a.x1 - b.x1);
  let count = 0;
  for (let i = 0; i < boxes.length; i++) {
    const a = boxes[i]!;
    for (let j = i + 1; j < boxes.length; j++) {
      const b = boxes[j]!;
      if (b.x1 > a.x2) break;
      if (b.y1 > a.y2 || b.y2 < a.y1) continue;
      if (a.e.source === b.e.source || a.e.source === b.e.target || a.e.target === b.e.source || a.e.target === b.e.target) continue;
      if (polylinesCross(a.e.points, b.e.points)) count++;
    }
  }
  return count;
}

function polylinesCross(a: readonly Position[], b: readonly Position[]): boolean {
  for (let i = 1; i < a.length; i++) {
    for (let j = 1; j < b.length; j++) {
      if (segmentsCross(a[i - 1]!, a[i]!, b[j - 1]!, b[j]!)) return true;
    }
  }
  return false;
}
