import type { Health } from '@/lib/graph/health';
import { isFirstHop } from '@/lib/egress/types';
import { STATUS_SEVERITY } from '@/lib/egress/rules';
import { formatBytesRate, formatPercent, formatRate } from '@/lib/format';
import type { SharedRange } from '@/lib/view/range';
import { LabelText } from '../ui/label-text';
import { StatusBadge } from '../ui/status-badge';
import { PromoteLink } from '../promote/promote-link';
import { promoteHref } from '../promote/promote-request';
import type { TableColumn, TableSort } from './data-table-model';
import type { FlowRow } from './flow-rows';

/** Most severe first (blocked, passthrough, registered); ties in the rows' default order (flow-rows.ts). */
export const DEFAULT_FLOW_SORT: TableSort = { column: 'status', direction: 'descending' };

const ERROR_COLOR: Record<Health, string> = {
  failing: 'text-red-700 dark:text-red-400',
  degraded: 'text-amber-700 dark:text-amber-300',
  healthy: '',
  idle: '',
};

const LABEL = 'font-mono text-xs';
const ABSENT_HOST = 'italic text-slate-600 dark:text-slate-400';

/**
 * The flows table's columns. Every label value goes through LabelText (text,
 * control characters visible, bidi isolated), long ones truncated with the
 * full value in title; below 72rem (the details panel open at 1440 px) names
 * truncate sooner, so every column, Promote included, fits. `clusters`: a
 * Cluster column first (the flows come from several).
 */
export function flowColumns(range: SharedRange, clusters: boolean): TableColumn<FlowRow>[] {
  const cluster: TableColumn<FlowRow> = {
    id: 'cluster',
    label: 'Cluster',
    sortValue: (r) => r.cluster,
    className: LABEL,
    cell: (r) => <LabelText value={r.cluster} className="block max-w-[clamp(5rem,10cqi,10rem)] truncate" />,
  };
  return [
    ...(clusters ? [cluster] : []),
    { id: 'source', label: 'Source', sortValue: (r) => r.source, className: LABEL, cell: (r) => <LabelText value={r.source} className="block max-w-[clamp(8rem,16cqi,16rem)] truncate" /> },
    {
      id: 'destination',
      label: 'Destination',
      sortValue: (r) => r.destination,
      className: LABEL,
      // With a Cluster column the destination gives up the room it takes, so the table still fits beside the details panel.
      cell: (r) => (
        <LabelText value={r.destination} className={`block ${clusters ? 'max-w-[clamp(10rem,22cqi,28rem)]' : 'max-w-[clamp(10rem,28cqi,28rem)]'} truncate ${r.flow.destination.host === null ? ABSENT_HOST : ''}`} />
      ),
    },
    { id: 'status', label: 'Status', sortValue: (r) => STATUS_SEVERITY[r.flow.destination.status], firstDirection: 'descending', cell: (r) => <StatusBadge status={r.flow.destination.status} /> },
    { id: 'protocol', label: 'Protocol', sortValue: (r) => r.flow.protocol, cell: (r) => r.flow.protocol },
    { id: 'requests', label: 'Requests/s', short: 'Req/s', numeric: true, sortValue: (r) => r.flow.requestsPerSecond, firstDirection: 'descending', cell: (r) => formatRate(r.flow.requestsPerSecond) },
    {
      id: 'errors',
      label: 'Errors',
      numeric: true,
      sortValue: (r) => r.errorRatio,
      firstDirection: 'descending',
      cell: (r) => (r.errorRatio === undefined ? '–' : <span className={r.health ? ERROR_COLOR[r.health] : ''}>{formatPercent(r.errorRatio)}</span>),
    },
    { id: 'connections', label: 'Connections/s', short: 'Conn/s', numeric: true, sortValue: (r) => r.flow.connectionsPerSecond, firstDirection: 'descending', cell: (r) => formatRate(r.flow.connectionsPerSecond) },
    { id: 'bytes', label: 'Bytes/s', numeric: true, sortValue: (r) => r.flow.bytesPerSecond, firstDirection: 'descending', cell: (r) => formatBytesRate(r.flow.bytesPerSecond) },
    {
      id: 'actions',
      label: 'Actions',
      hideLabel: true,
      className: 'text-right text-xs',
      cell: ({ flow: f }) =>
        f.destination.status !== 'registered' &&
        !isFirstHop(f) &&
        f.destination.otherHosts === undefined && (
          <PromoteLink
            href={promoteHref(f.destination.host === null ? null : { host: f.destination.host, hostId: f.destination.hostId }, f.destination.status, range)}
            compact
            // Keyboard users reach the link with Tab; a row's Enter selects the row.
            onClick={(e) => e.stopPropagation()}
          />
        ),
    },
  ];
}
