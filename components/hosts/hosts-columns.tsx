import Link from 'next/link';
import { displayText, formatRate, formatTimestamp } from '@/lib/format';
import { hostIdOf } from '@/lib/egress/host-id';
import { pageHref, rowRange, type SharedRange } from '@/lib/view/range';
import type { ExternalHost } from '../api-types';
import { PromoteLink } from '../promote/promote-link';
import { promoteHref } from '../promote/promote-request';
import { LabelText } from '../ui/label-text';
import { StatusBadge } from '../ui/status-badge';
import { timeValue, type TableColumn } from '../table/data-table-model';

/** The graph with the host selected, in the window shown here (even its default, so the host is in it). */
function graphLink(host: string, range: SharedRange): string {
  // The graph's URL names a host by its hostId (lib/view/state.ts), so no link grows with the host.
  return pageHref('graph', rowRange(range, 'hosts'), [['sel', hostIdOf(host)]]);
}

/** The hosts table's columns: each external host, who calls it, how much, since when, and whether it is registered. */
export function hostsColumns(range: SharedRange): TableColumn<ExternalHost>[] {
  return [
    {
      id: 'host',
      label: 'Host',
      sortValue: (h) => h.host,
      className: 'font-mono text-xs',
      cell: (h) => (
        <Link href={graphLink(h.host, range)} className="block max-w-[19rem] underline decoration-dotted">
          <LabelText value={h.host} className="block truncate" />
        </Link>
      ),
    },
    {
      id: 'status',
      label: 'Status',
      cell: (h) => (
        <span className="flex gap-1">
          {h.statuses.map((s) => (
            <StatusBadge key={s} status={s} />
          ))}
        </span>
      ),
    },
    {
      id: 'serviceEntry',
      label: 'ServiceEntry',
      className: 'text-xs',
      cell: (h) =>
        h.registered ? (
          <>
            yes (<LabelText value={h.serviceEntryNamespace ?? '?'} />)
          </>
        ) : (
          'no'
        ),
    },
    {
      id: 'callers',
      label: 'Callers',
      sortValue: (h) => h.callers.length,
      firstDirection: 'descending',
      className: 'font-mono text-xs break-all',
      cell: (h) => (
        // At least as wide as "1: namespace/workload" mostly is, so the other columns give way before names break.
        <span className="block min-w-36" title={displayText(h.callers.join('\n'), { multiline: true })}>
          {h.callers.length}: <LabelText value={h.callers.slice(0, 3).join(', ')} title={false} />
          {h.callers.length > 3 ? ` +${h.callers.length - 3}` : ''}
        </span>
      ),
    },
    { id: 'rate', label: 'Rate', numeric: true, sortValue: (h) => h.ratePerSecond, firstDirection: 'descending', cell: (h) => `${formatRate(h.ratePerSecond)}/s` },
    { id: 'firstSeen', label: 'First seen', sortValue: (h) => timeValue(h.firstSeen), firstDirection: 'descending', className: 'text-xs', cell: (h) => formatTimestamp(h.firstSeen) },
    { id: 'lastSeen', label: 'Last seen', sortValue: (h) => timeValue(h.lastSeen), firstDirection: 'descending', className: 'text-xs', cell: (h) => formatTimestamp(h.lastSeen) },
    { id: 'protocols', label: 'Protocols', className: 'text-xs', cell: (h) => h.protocols.join(', ') },
    {
      id: 'actions',
      label: 'Actions',
      hideLabel: true,
      className: 'text-right text-xs',
      cell: (h) =>
        !h.registered && <PromoteLink href={promoteHref({ host: h.host, hostId: hostIdOf(h.host) }, h.statuses.includes('blocked') ? 'blocked' : 'passthrough', rowRange(range, 'hosts'))} />,
    },
  ];
}
