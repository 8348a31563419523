import type { EgressStatus } from '../egress/types';
import type { Position } from './layout';
import type { EgressNode } from './model';

/** Grid cell sizes, in graph units (pixels at zoom 1). */
const WORKLOAD_CELL = { w: 170, h: 80 };
const HOST_CELL = { w: 260, h: 60 };
const NAMESPACE_PAD = { x: 40, y: 60 };
const COLUMN_GAP = 160;

const STATUS_ORDER: Record<EgressStatus, number> = { blocked: 0, passthrough: 1, registered: 2 };

const byLabel = (a: EgressNode, b: EgressNode) => (a.label < b.label ? -1 : a.label > b.label ? 1 : a.id < b.id ? -1 : 1);

/**
 * BASELINE ONLY: the grid layout the graph used before the layered one
 * (lib/graph/layout.ts). Kept so bench/graph-layout.ts can compare crossings
 * and label sizes side by side; nothing in the app calls it.
 *
 * A deterministic layout: namespace boxes of workload grids on the left
 * (egress gateways' namespaces in a column of their own), external hosts on
 * the right grouped by status (blocked first). Positions depend only on the
 * node set, so refreshes that only change rates never move anything, and the
 * cost is linear: no force simulation, which costs seconds at 1,000 nodes.
 * Returns positions for every node except namespace boxes (cytoscape sizes
 * those around their children).
 */
export function layoutEgressGridBaseline(nodes: readonly EgressNode[]): Map<string, Position> {
  const positions = new Map<string, Position>();
  const workloadsByNs = new Map<string, EgressNode[]>();
  const gatewayNs = new Set<string>();
  const external: EgressNode[] = [];
  for (const n of nodes) {
    if (n.kind === 'workload') {
      const list = workloadsByNs.get(n.namespace) ?? [];
      list.push(n);
      workloadsByNs.set(n.namespace, list);
      if (n.gateway) gatewayNs.add(n.namespace);
    } else if (n.kind !== 'namespace') external.push(n);
  }

  // Namespace boxes: each a near-square grid; boxes stacked into columns of bounded height.
  const boxes = [...workloadsByNs.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([ns, list]) => {
      const cols = Math.max(1, Math.ceil(Math.sqrt(list.length * 1.5)));
      const rows = Math.ceil(list.length / cols);
      return { ns, list: [...list].sort(byLabel), cols, w: cols * WORKLOAD_CELL.w, h: rows * WORKLOAD_CELL.h, gateway: gatewayNs.has(ns) };
    });
  const totalArea = boxes.reduce((s, b) => s + (b.w + NAMESPACE_PAD.x) * (b.h + NAMESPACE_PAD.y), 0);
  const maxColumnHeight = Math.max(600, Math.sqrt(totalArea) * 1.1);

  let x = 0;
  let y = 0;
  let columnWidth = 0;
  const place = (box: (typeof boxes)[number]) => {
    if (y > 0 && y + box.h > maxColumnHeight) {
      x += columnWidth + NAMESPACE_PAD.x * 2;
      y = 0;
      columnWidth = 0;
    }
    box.list.forEach((n, i) => {
      positions.set(n.id, { x: x + (i % box.cols) * WORKLOAD_CELL.w, y: y + Math.floor(i / box.cols) * WORKLOAD_CELL.h });
    });
    y += box.h + NAMESPACE_PAD.y;
    columnWidth = Math.max(columnWidth, box.w);
  };
  for (const box of boxes.filter((b) => !b.gateway)) place(box);
  // Gateways sit between the workloads and the hosts, so both hops read left to right.
  const gateways = boxes.filter((b) => b.gateway);
  if (gateways.length > 0) {
    if (columnWidth > 0) {
      x += columnWidth + COLUMN_GAP;
      y = 0;
      columnWidth = 0;
    }
    for (const box of gateways) place(box);
  }
  const hostsX = x + columnWidth + COLUMN_GAP;

  // External destinations: one grid per status, blocked first; hosts before the
  // unattributed and "other hosts" nodes of each status.
  const status = (n: EgressNode): EgressStatus => (n.kind === 'host' || n.kind === 'unattributed' || n.kind === 'other-hosts' ? n.status : 'registered');
  const rank = (n: EgressNode) => (n.kind === 'host' ? 0 : 1);
  external.sort((a, b) => STATUS_ORDER[status(a)] - STATUS_ORDER[status(b)] || rank(a) - rank(b) || byLabel(a, b));
  const rowsPerColumn = Math.max(8, Math.floor(maxColumnHeight / HOST_CELL.h));
  let groupY = 0;
  let i = 0;
  while (i < external.length) {
    const s0 = status(external[i] as EgressNode);
    let j = i;
    while (j < external.length && status(external[j] as EgressNode) === s0) {
      const k = j - i;
      positions.set((external[j] as EgressNode).id, { x: hostsX + Math.floor(k / rowsPerColumn) * HOST_CELL.w, y: groupY + (k % rowsPerColumn) * HOST_CELL.h });
      j++;
    }
    groupY += (Math.min(j - i, rowsPerColumn) + 1) * HOST_CELL.h;
    i = j;
  }
  return positions;
}
