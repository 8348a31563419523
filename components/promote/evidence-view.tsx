import { displayLabel, displayText, formatRate, formatTimestamp } from '@/lib/format';
import type { HostEvidence } from '../api-types';
import { LabelText } from '../ui/label-text';
import { StatusBadge } from '../ui/status-badge';

/** Longest host shown in an evidence heading (the YAML and the promote title hold the rest). */
const HOST_MAX = 120;

export interface EvidenceViewProps {
  readonly evidence: readonly HostEvidence[];
}

/** What the metrics showed for each destination: the facts the generated resources rest on. */
export function EvidenceView({ evidence }: EvidenceViewProps) {
  return (
    <section aria-label="Evidence" className="space-y-3">
      <h2 className="text-sm font-semibold">Evidence</h2>
      {evidence.map((e) => (
        <article key={e.host ?? `unattributed-${e.status}`} className="rounded border border-slate-200 p-3 text-xs dark:border-slate-800">
          <h3 className="mb-1 flex flex-wrap items-center gap-2 text-sm">
            {e.host === null ? (
              <span className="font-mono">TLS/TCP destination (no host in metrics)</span>
            ) : (
              <LabelText value={e.host} max={HOST_MAX} className="font-mono break-all" />
            )}{' '}
            <StatusBadge status={e.status} />
          </h3>
          {e.callers.length === 0 ? (
            <p>Not seen in the {e.window} window ending {formatTimestamp(e.end)}.</p>
          ) : (
            <>
              <p>
                {formatRate(e.ratePerSecond)} /s over {e.window}
                {e.protocols.length > 0 ? ` · ${e.protocols.join(', ')}` : ''}
                {e.ports.length > 0 ? ` · ports ${e.ports.join(', ')}` : ''}
                {e.firstSeen ? ` · first seen ${formatTimestamp(e.firstSeen)}` : ''}
                {e.lastSeen ? ` · last seen ${formatTimestamp(e.lastSeen)}` : ''}
              </p>
              <table className="mt-1 w-full" aria-label={`Callers of ${e.host === null ? 'the TLS/TCP destination' : displayLabel(e.host, HOST_MAX)}`}>
                <tbody>
                  {e.callers.map((c) => (
                    <tr key={`${c.namespace}/${c.workload}`} className="border-b border-slate-100 dark:border-slate-800">
                      <td className="py-0.5 font-mono">
                        <LabelText value={`${c.namespace}/${c.workload}`} className="block max-w-[20rem] truncate" />
                      </td>
                      <td className="py-0.5 text-right tabular-nums">{formatRate(c.ratePerSecond)} /s</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
          <details className="mt-1">
            <summary className="cursor-pointer text-slate-500">PromQL behind this evidence</summary>
            {e.queries.map((q) => (
              <pre key={q} className="mt-1 whitespace-pre-wrap break-all rounded bg-slate-100 p-1 dark:bg-slate-900">
                {displayText(q, { multiline: true })}
              </pre>
            ))}
          </details>
        </article>
      ))}
    </section>
  );
}
