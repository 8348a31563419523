import type { EgressStatus } from '../api-types';

const STYLES: Record<EgressStatus, string> = {
  passthrough: 'border border-dashed border-amber-500 text-amber-700 dark:text-amber-300',
  blocked: 'bg-red-600 text-white',
  registered: 'border border-emerald-600 text-emerald-700 dark:text-emerald-300',
};

export interface StatusBadgeProps {
  readonly status: EgressStatus;
}

export function StatusBadge({ status }: StatusBadgeProps) {
  return <span className={`inline-block rounded px-1.5 py-0.5 text-xs font-medium ${STYLES[status]}`}>{status}</span>;
}
