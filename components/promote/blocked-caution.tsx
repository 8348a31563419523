'use client';

import { useId } from 'react';
import { formatTimestamp } from '@/lib/format';
import type { BlockedCaution } from '@/lib/resources/types';
import { LabelText } from '../ui/label-text';
import { useIdentity } from '../ui/identity';

/** Longest host in a caution heading (the evidence and the refusal hold the rest). */
const HOST_MAX = 120;

export interface BlockedCautionViewProps {
  readonly cautions: readonly BlockedCaution[];
  /** e.g. "the 1h window ending 2026-07-21 12:00:00 UTC+02:00". */
  readonly range: string;
  readonly acknowledged: boolean;
  readonly onAcknowledge: (acknowledged: boolean) => void;
}

const count = (n: number) => Math.round(n).toLocaleString('en-US');
const when = (iso: string | undefined) => (iso ? formatTimestamp(iso) : '–');

/**
 * Shown before the YAML when a destination of the review was blocked in the
 * window: who tried, how often, since when, and the approver's required
 * acknowledgement (recorded in the generated resources' annotations).
 */
export function BlockedCautionView({ cautions, range, acknowledged, onAcknowledge }: BlockedCautionViewProps) {
  const id = useId();
  const user = useIdentity();
  const several = cautions.length > 1;
  return (
    <section aria-labelledby={`${id}-title`} className="rounded border-2 border-red-600 bg-red-50 p-3 text-sm text-red-950 dark:bg-red-950 dark:text-red-50">
      <h2 id={`${id}-title`} className="text-base font-semibold">
        Caution: the mesh blocked {several ? 'these destinations' : 'this destination'} in {range}
      </h2>
      <p className="mt-1">
        Blocked egress can be attempted exfiltration. Check who tried, how often and since when before you register{' '}
        {several ? 'them' : 'it'}: a ServiceEntry would let this traffic through.
      </p>
      {cautions.map((c) => {
        const name = c.host ?? 'TLS/TCP destination (no host in metrics)';
        return (
          <article key={c.host ?? 'unattributed'} className="mt-3">
            <h3 className="flex flex-wrap items-baseline gap-x-3 font-medium">
              {c.host === null ? <span className="font-mono">{name}</span> : <LabelText value={c.host} max={HOST_MAX} className="font-mono break-all" />}
              <span className="text-xs font-normal">
                {count(c.attempts)} blocked attempt{Math.round(c.attempts) === 1 ? '' : 's'} · first seen {when(c.firstSeen)} · last seen {when(c.lastSeen)}
              </span>
            </h3>
            <table className="mt-1 w-full max-w-3xl text-xs" aria-label={`Blocked attempts to ${c.host === null ? 'the TLS/TCP destination' : c.host.slice(0, HOST_MAX)}`}>
              <thead>
                <tr className="text-left">
                  <th className="py-0.5 font-medium">Source workload</th>
                  <th className="py-0.5 text-right font-medium">Attempts</th>
                  <th className="py-0.5 pl-3 font-medium">First seen</th>
                  <th className="py-0.5 pl-3 font-medium">Last seen</th>
                </tr>
              </thead>
              <tbody>
                {c.sources.map((s) => (
                  <tr key={`${s.namespace}/${s.workload}`} className="border-t border-red-200 dark:border-red-800">
                    <td className="py-0.5 font-mono">
                      <LabelText value={`${s.namespace}/${s.workload}`} className="block max-w-[24rem] truncate" />
                    </td>
                    <td className="py-0.5 text-right tabular-nums">{count(s.attempts)}</td>
                    <td className="py-0.5 pl-3 tabular-nums">{when(s.firstSeen)}</td>
                    <td className="py-0.5 pl-3 tabular-nums">{when(s.lastSeen)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </article>
        );
      })}
      <label className="mt-3 flex items-start gap-2 rounded bg-white p-2 font-medium text-slate-900 dark:bg-slate-900 dark:text-slate-100">
        <input type="checkbox" className="mt-0.5" required checked={acknowledged} onChange={(e) => onAcknowledge(e.target.checked)} />
        <span>
          I reviewed these attempts and {several ? 'these hosts are legitimate destinations' : 'this host is a legitimate destination'}
          <span className="block text-xs font-normal text-slate-600 dark:text-slate-400">
            Required to generate the YAML. Recorded in its annotations as egress-lens.io/blocked-acknowledged-by: {user ?? 'anonymous'}, with the time and these attempts.
          </span>
        </span>
      </label>
    </section>
  );
}
