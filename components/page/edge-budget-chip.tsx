'use client';

import { formatRate } from '@/lib/format';
import { EDGE_BUDGET, type HiddenEdges } from '@/lib/graph/detail';

export interface EdgeBudgetChipProps {
  /** Edges the budget left out; null when every edge is drawn. */
  readonly hidden: HiddenEdges | null;
  /** Every edge is drawn because the user asked for it. */
  readonly showingAll: boolean;
  readonly onShowAll: (all: boolean) => void;
}

const count = (n: number) => n.toLocaleString('en-US');

/** Says how many of the quietest edges are left out to keep the graph readable, and what they carry; one click draws them all. */
export function EdgeBudgetChip({ hidden, showingAll, onShowAll }: EdgeBudgetChipProps) {
  if (!hidden && !showingAll) return null;
  const traffic = hidden
    ? [hidden.requestsPerSecond > 0 ? `${formatRate(hidden.requestsPerSecond)} req/s` : '', hidden.connectionsPerSecond > 0 ? `${formatRate(hidden.connectionsPerSecond)} conn/s` : ''].filter(Boolean).join(', ')
    : '';
  return (
    <span className="flex min-w-0 items-center gap-1 rounded-full border border-slate-400 bg-slate-50 py-0.5 pr-0.5 pl-2 text-xs text-slate-800 dark:border-slate-500 dark:bg-slate-900 dark:text-slate-100" data-testid="edge-budget">
      <span className="truncate" title={hidden ? `Blocked edges first, then the rest, each by rate within its source, up to ${count(EDGE_BUDGET)} edges.` : undefined}>
        {hidden ? `${count(hidden.total - hidden.count)} of ${count(hidden.total)} edges: ${count(hidden.count)} quietest hidden${traffic ? ` (${traffic})` : ''}` : 'All edges drawn'}
        {hidden && hidden.blocked > 0 && <strong className="text-red-700 dark:text-red-400">{`, ${count(hidden.blocked)} of them blocked (Blocked egress lists every one)`}</strong>}
      </span>
      <button type="button" className="shrink-0 rounded-full bg-slate-700 px-2 py-0.5 font-medium text-white hover:bg-slate-800" onClick={() => onShowAll(hidden !== null)}>
        {hidden ? 'Show all' : `Back to ${count(EDGE_BUDGET)}`}
      </button>
    </span>
  );
}
