import { displayLabel, displayText, formatRate, formatTimestamp } from '@/lib/format';
import { rowRange, type SharedRange } from '@/lib/view/range';
import type { BlockedAttempt } from '../api-types';
import { PromoteLink } from '../promote/promote-link';
import { promoteHref } from '../promote/promote-request';
import { LabelText } from '../ui/label-text';
import { timeValue, type TableColumn } from '../table/data-table-model';
import { destinationOf, sourceOf } from './blocked-rows';
import { Sparkline } from './sparkline';

export interface BlockedColumnsOptions {
  /** The attempts come from several clusters: sources are named with theirs. */
  readonly several: boolean;
  /** The report's trend steps, drawn by each row's sparkline. */
  readonly trend: { readonly start: string; readonly end: string; readonly step: number };
  /** The page's range, carried by the rows' promote links. */
  readonly range: SharedRange;
}

/** The blocked egress table's columns: who tried to reach what, how often, since when. */
export function blockedColumns({ several, trend, range }: BlockedColumnsOptions): TableColumn<BlockedAttempt>[] {
  return [
    {
      id: 'source',
      label: 'Source workload',
      sortValue: (a) => sourceOf(a, true),
      className: 'font-mono text-xs',
      cell: (a) => <LabelText value={sourceOf(a, several)} className="block max-w-[16rem] truncate" />,
    },
    {
      id: 'host',
      label: 'Attempted destination',
      sortValue: destinationOf,
      className: 'font-mono text-xs',
      cell: (a) => (
        <>
          <LabelText value={destinationOf(a)} className="block max-w-sm truncate" />
          {a.isNew && <span className="ml-1 rounded bg-red-600 px-1 text-[10px] font-semibold text-white">NEW</span>}
        </>
      ),
    },
    { id: 'attempts', label: 'Attempts', numeric: true, sortValue: (a) => a.attempts, firstDirection: 'descending', cell: (a) => formatRate(Math.round(a.attempts)) },
    { id: 'firstSeen', label: 'First seen', sortValue: (a) => timeValue(a.firstSeen), firstDirection: 'descending', className: 'text-xs', cell: (a) => formatTimestamp(a.firstSeen) },
    { id: 'lastSeen', label: 'Last seen', sortValue: (a) => timeValue(a.lastSeen), firstDirection: 'descending', className: 'text-xs', cell: (a) => formatTimestamp(a.lastSeen) },
    { id: 'protocol', label: 'Protocol', cell: (a) => a.protocol },
    {
      id: 'trend',
      label: 'Trend',
      cell: (a) => (
        <Sparkline values={a.trend} from={trend.start} to={trend.end} step={trend.step} subject={`Blocked attempts from ${displayText(sourceOf(a, several))} to ${displayLabel(destinationOf(a), 120)}`} />
      ),
    },
    { id: 'actions', label: 'Actions', hideLabel: true, className: 'text-right text-xs', cell: (a) => <PromoteLink href={promoteHref(a.host, 'blocked', rowRange(range, 'blocked'))} /> },
  ];
}
