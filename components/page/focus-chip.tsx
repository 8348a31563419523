'use client';

import { displayLabel } from '@/lib/format';
import type { EgressGraph } from '../api-types';
import { useDismiss } from '../ui/use-dismiss';

export interface FocusChipProps {
  /** The focused node id. */
  readonly focus: string;
  readonly graph: EgressGraph;
  readonly onLeave: () => void;
}

/** Names the focused node while the graph shows only its paths; one click (or Esc) shows everything again. */
export function FocusChip({ focus, graph, onLeave }: FocusChipProps) {
  const node = graph.nodes.find((n) => n.id === focus);
  const name = node ? (node.kind === 'workload' ? `${node.namespace}/${node.workload}` : node.label) : focus;
  // Esc leaves the focus once nothing opened later (the details panel, a popover) takes it first.
  useDismiss({ open: true, onDismiss: onLeave });
  return (
    <span className="flex min-w-0 items-center gap-1 rounded-full border border-violet-400 bg-violet-50 py-0.5 pr-0.5 pl-2 text-xs text-violet-900 dark:border-violet-500 dark:bg-violet-950 dark:text-violet-100" data-testid="focus-chip">
      <span className="truncate">
        Focus: <bdi className="font-mono">{displayLabel(name, 60)}</bdi>
      </span>
      <button type="button" className="shrink-0 rounded-full bg-violet-700 px-2 py-0.5 font-medium text-white hover:bg-violet-800" onClick={onLeave}>
        Leave focus
      </button>
    </span>
  );
}
