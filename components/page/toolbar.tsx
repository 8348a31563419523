'use client';

import { useId } from 'react';
import { STATUS_FILTERS, type ViewState } from '@/lib/view/state';
import { CONTROL } from '../ui/page-controls';
import { TextFilter } from '../ui/text-filter';
import { TimeControls } from '../ui/time-controls';

export interface ToolbarProps {
  readonly view: ViewState;
  readonly namespaces: readonly string[];
  /** The graph's source clusters (graphClusters): the cluster filter shows when there are several. */
  readonly clusters?: readonly string[];
  readonly onChange: (patch: Partial<ViewState>, opts?: { replace?: boolean }) => void;
  /** Said beside Find when its text matches nothing drawn. */
  readonly findMiss?: string;
}

/** The graph's filters and the shared time controls; every value lives in the URL. */
export function Toolbar({ view, namespaces, clusters, onChange, findMiss }: ToolbarProps) {
  const id = useId();
  return (
    <div className="flex flex-wrap items-center gap-x-4 gap-y-2 text-sm">
      <TimeControls
        page="graph"
        range={view}
        onChange={(patch) => onChange(patch)}
        namespaces={namespaces}
        clusters={clusters}
        refresh={{ value: view.refresh, paused: view.paused, onChange: (patch) => onChange(patch) }}
      />
      <span className="flex items-center gap-1">
        <label htmlFor={`${id}-status`}>Status</label>
        <select id={`${id}-status`} className={CONTROL} value={view.status} onChange={(e) => onChange({ status: e.target.value as ViewState['status'] })}>
          {STATUS_FILTERS.map((s) => (
            <option key={s}>{s}</option>
          ))}
        </select>
      </span>
      <TextFilter label="Find" value={view.find} placeholder="workload or host" width="w-44" onCommit={(find) => onChange({ find }, { replace: true })} />
      {/* No accessible name of its own: "Find" must name the box alone. */}
      <span role="status" className="text-amber-800 dark:text-amber-300">
        {findMiss}
      </span>
    </div>
  );
}
