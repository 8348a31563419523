'use client';

import Link from 'next/link';
import { displayText, formatRate } from '@/lib/format';
import { promotableHost } from '@/lib/resources/names';
import type { SharedRange } from '@/lib/view/range';
import type { NamespaceReadiness } from '../api-types';
import { promoteHostsHref } from '../promote/promote-request';
import { LabelText } from '../ui/label-text';

/** The hosts of a list that cannot become ServiceEntry hosts (markup, control characters, 10 kB...), with the reason. */
export function refusals(n: Pick<NamespaceReadiness, 'toRegister'>): Map<string, string> {
  const out = new Map<string, string>();
  for (const h of n.toRegister) {
    const p = promotableHost(h.host);
    if (p.kind === 'refused') out.set(h.host, p.reason);
  }
  return out;
}

/** The review of every registrable host of the list, in the page's range; hosts that cannot be registered stay out of the link. */
export function promoteAll(n: Pick<NamespaceReadiness, 'toRegister'>, refused: ReadonlyMap<string, string>, range: SharedRange): string {
  return promoteHostsHref(n.toRegister.filter((h) => !refused.has(h.host)).map((h) => h.host), range);
}

export function RefusedNote({ count }: { readonly count: number }) {
  if (count === 0) return null;
  return (
    <p className="mt-1 text-xs text-amber-800 dark:text-amber-300">
      {count} {count === 1 ? 'host is' : 'hosts are'} not a DNS name a ServiceEntry can hold (a hostile or broken Host header): {count === 1 ? 'it is' : 'they are'} left out of the
      review; fix the application, or register the real destination.
    </p>
  );
}

export interface HostTableProps {
  readonly hosts: NamespaceReadiness['toRegister'];
  readonly refused: ReadonlyMap<string, string>;
  /** Accessible name of the table. */
  readonly label: string;
}

/** Passthrough hosts that REGISTRY_ONLY would block: host, callers, protocols, rate, and whether it can be registered. */
export function HostTable({ hosts, refused, label }: HostTableProps) {
  return (
    <div className="mt-1 overflow-x-auto">
      <table className="w-full text-xs" aria-label={label}>
        <tbody>
          {hosts.map((h) => (
            <tr key={h.host} className="border-b border-slate-100 dark:border-slate-800" data-registrable={!refused.has(h.host)}>
              <td className="py-0.5 pr-2 font-mono">
                <LabelText value={h.host} className="block max-w-xs truncate" />
              </td>
              <td className="py-0.5 pr-2 font-mono">
                <LabelText value={h.callers.join(', ')} title={false} />
              </td>
              <td className="py-0.5 pr-2">{h.protocols.join(', ')}</td>
              <td className="py-0.5 pr-2 text-right tabular-nums">{formatRate(h.ratePerSecond)}/s</td>
              <td className="py-0.5 text-right">
                {refused.has(h.host) && (
                  <span className="whitespace-nowrap text-amber-800 dark:text-amber-300" title={displayText(refused.get(h.host) ?? '')}>
                    cannot be registered
                  </span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export interface ReviewLinkProps {
  readonly n: Pick<NamespaceReadiness, 'toRegister'>;
  readonly refused: ReadonlyMap<string, string>;
  readonly text: (count: number) => string;
  readonly className: string;
  /** The page's range, carried to the review. */
  readonly range: SharedRange;
}

/** The link to the promote review of every registrable host. */
export function ReviewLink({ n, refused, text, className, range }: ReviewLinkProps) {
  const registrable = n.toRegister.length - refused.size;
  if (registrable <= 0) return null;
  return (
    <Link href={promoteAll(n, refused, range)} className={className}>
      {text(registrable)}
    </Link>
  );
}
