import { formatBytesRate, formatPercent, formatRate } from '@/lib/format';
import { httpHealth } from '@/lib/graph/health';
import type { EgressFlow } from '../api-types';
import { StatusBadge } from '../ui/status-badge';

export interface FlowsTableProps {
  readonly flows: readonly EgressFlow[];
}

function destinationText(f: EgressFlow): string {
  const d = f.destination;
  if (f.via) return `via ${f.via.namespace}/${f.via.workload}`;
  if (d.otherHosts !== undefined) return `${d.otherHosts} other hosts`;
  if (d.host === null) return d.status === 'blocked' ? 'TCP (no host in metrics)' : 'TLS/TCP (no host in metrics)';
  return d.ports?.length ? `${d.host} (port ${d.ports.join(', ')})` : d.host;
}

/** Every flow of the window as a table; label values are rendered as text only. */
export function FlowsTable({ flows }: FlowsTableProps) {
  return (
    <table className="w-full border-collapse text-sm" aria-label="Egress flows">
      <thead>
        <tr className="border-b border-slate-300 text-left dark:border-slate-700">
          <th scope="col" className="py-2 pr-3">Source</th>
          <th scope="col" className="py-2 pr-3">Destination</th>
          <th scope="col" className="py-2 pr-3">Status</th>
          <th scope="col" className="py-2 pr-3">Protocol</th>
          <th scope="col" className="py-2 pr-3 text-right">Requests/s</th>
          <th scope="col" className="py-2 pr-3 text-right">Errors</th>
          <th scope="col" className="py-2 pr-3 text-right">Connections/s</th>
          <th scope="col" className="py-2 text-right">Bytes/s</th>
        </tr>
      </thead>
      <tbody>
        {flows.map((f) => {
          const errors = f.responses ? httpHealth(f.responses).errorRatio : undefined;
          const key = `${f.source.namespace}/${f.source.workload}|${f.destination.status}|${f.destination.host}|${f.protocol}|${f.via?.workload ?? ''}|${f.destination.otherHosts ?? ''}`;
          return (
            <tr key={key} className="border-b border-slate-200 dark:border-slate-800" data-status={f.destination.status}>
              <td className="py-1.5 pr-3 font-mono text-xs">
                {f.source.namespace}/{f.source.workload}
              </td>
              <td className="max-w-md truncate py-1.5 pr-3 font-mono text-xs" title={destinationText(f)}>
                {destinationText(f)}
              </td>
              <td className="py-1.5 pr-3">
                <StatusBadge status={f.destination.status} />
              </td>
              <td className="py-1.5 pr-3">{f.protocol}</td>
              <td className="py-1.5 pr-3 text-right tabular-nums">{formatRate(f.requestsPerSecond)}</td>
              <td className="py-1.5 pr-3 text-right tabular-nums">{errors === undefined ? '–' : formatPercent(errors)}</td>
              <td className="py-1.5 pr-3 text-right tabular-nums">{formatRate(f.connectionsPerSecond)}</td>
              <td className="py-1.5 text-right tabular-nums">{formatBytesRate(f.bytesPerSecond)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
