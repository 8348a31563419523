import type { KeyboardEvent, Ref } from 'react';
import type { Health } from '@/lib/graph/health';
import { isFirstHop } from '@/lib/egress/types';
import { formatBytesRate, formatPercent, formatRate } from '@/lib/format';
import { LabelText } from '../ui/label-text';
import { StatusBadge } from '../ui/status-badge';
import type { SharedRange } from '@/lib/view/range';
import { PromoteLink } from '../promote/promote-link';
import { promoteHref } from '../promote/promote-request';
import type { FlowRow } from './flow-rows';

export interface FlowTableRowProps {
  readonly row: FlowRow;
  readonly selected: boolean;
  /** Holds the roving tab stop (tabIndex 0; the other rows are -1). */
  readonly tabStop: boolean;
  readonly rowRef: Ref<HTMLTableRowElement>;
  readonly onKeyDown: (event: KeyboardEvent<HTMLTableRowElement>) => void;
  readonly onFocus: () => void;
  readonly onClick: () => void;
  /** The page's range, carried to the promote review. */
  readonly range: SharedRange;
  /** Show the source cluster (the flows come from several). */
  readonly cluster?: boolean;
}

const ERROR_COLOR: Record<Health, string> = {
  failing: 'text-red-700 dark:text-red-400',
  degraded: 'text-amber-700 dark:text-amber-300',
  healthy: '',
  idle: '',
};

const NUMBER = 'py-1.5 pr-3 text-right tabular-nums whitespace-nowrap';
const ABSENT_HOST = 'italic text-slate-600 dark:text-slate-400';

/** One flow; every label value goes through LabelText (text, control characters visible, bidi isolated), long ones truncated with the full value in title. */
export function FlowTableRow({ row, selected, tabStop, rowRef, onKeyDown, onFocus, onClick, range, cluster = false }: FlowTableRowProps) {
  const f = row.flow;
  return (
    <tr
      ref={rowRef}
      tabIndex={tabStop ? 0 : -1}
      aria-selected={selected}
      data-status={f.destination.status}
      onKeyDown={onKeyDown}
      onFocus={onFocus}
      onClick={onClick}
      className="cursor-pointer border-b border-slate-200 hover:bg-slate-50 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-sky-600 aria-selected:bg-sky-100 aria-selected:font-medium dark:border-slate-800 dark:hover:bg-slate-900 dark:focus-visible:outline-sky-400 dark:aria-selected:bg-sky-950"
    >
      {cluster && (
        <td className="py-1.5 pr-3 pl-2 font-mono text-xs">
          <LabelText value={row.cluster} className="block max-w-[clamp(5rem,10cqi,10rem)] truncate" />
        </td>
      )}
      <td className={`py-1.5 pr-3 font-mono text-xs ${cluster ? '' : 'pl-2'}`}>
        <LabelText value={row.source} className="block max-w-[clamp(8rem,16cqi,16rem)] truncate" />
      </td>
      <td className="py-1.5 pr-3 font-mono text-xs">
        {/* With a Cluster column the destination gives up the room it takes, so the table still fits beside the details panel. */}
        <LabelText value={row.destination} className={`block ${cluster ? 'max-w-[clamp(10rem,22cqi,28rem)]' : 'max-w-[clamp(10rem,28cqi,28rem)]'} truncate ${f.destination.host === null ? ABSENT_HOST : ''}`} />
      </td>
      <td className="py-1.5 pr-3">
        <StatusBadge status={f.destination.status} />
      </td>
      <td className="py-1.5 pr-3">{f.protocol}</td>
      <td className={NUMBER}>{formatRate(f.requestsPerSecond)}</td>
      <td className={`${NUMBER} ${row.health ? ERROR_COLOR[row.health] : ''}`}>{row.errorRatio === undefined ? '–' : formatPercent(row.errorRatio)}</td>
      <td className={NUMBER}>{formatRate(f.connectionsPerSecond)}</td>
      <td className={NUMBER}>{formatBytesRate(f.bytesPerSecond)}</td>
      <td className="py-1.5 pr-2 text-right text-xs">
        {f.destination.status !== 'registered' && !isFirstHop(f) && f.destination.otherHosts === undefined && (
          <PromoteLink
            href={promoteHref(f.destination.host === null ? null : { host: f.destination.host, hostId: f.destination.hostId }, f.destination.status, range)}
            compact
            // Keyboard users reach the link with Tab; a row's Enter selects the row.
            onClick={(e) => e.stopPropagation()}
          />
        )}
      </td>
    </tr>
  );
}
