import { toCsv } from '@/lib/export/csv';
import type { BlockedAttempt } from '../api-types';

export type BlockedSort = 'attempts' | 'source' | 'host' | 'firstSeen' | 'lastSeen';

/** How an attempted destination reads in the table and exports. */
export function destinationOf(a: BlockedAttempt): string {
  return a.host ?? 'TCP (destination not in metrics)';
}

/** The rows the page shows: filtered by text (source, destination, protocol; case-insensitive, every word), then sorted. */
export function visibleAttempts(rows: readonly BlockedAttempt[], filter: string, sort: BlockedSort, descending: boolean, newOnly: boolean): BlockedAttempt[] {
  const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
  const text = (a: BlockedAttempt) => `${a.source.namespace}/${a.source.workload} ${destinationOf(a)} ${a.protocol}`.toLowerCase();
  const kept = rows.filter((a) => (!newOnly || a.isNew) && words.every((w) => text(a).includes(w)));
  const key = (a: BlockedAttempt): string | number => {
    switch (sort) {
      case 'attempts':
        return a.attempts;
      case 'source':
        return `${a.source.namespace}/${a.source.workload}`;
      case 'host':
        return destinationOf(a);
      case 'firstSeen':
        return a.firstSeen ?? '';
      case 'lastSeen':
        return a.lastSeen ?? '';
    }
  };
  return [...kept].sort((x, y) => {
    const a = key(x);
    const b = key(y);
    const c = a < b ? -1 : a > b ? 1 : 0;
    return descending ? -c : c;
  });
}

/** Exactly the shown rows as CSV (formula-safe). */
export function attemptsCsv(rows: readonly BlockedAttempt[]): string {
  return toCsv(
    ['source_namespace', 'source_workload', 'destination', 'protocol', 'attempts', 'first_seen', 'last_seen', 'new_in_window'],
    rows.map((a) => [a.source.namespace, a.source.workload, destinationOf(a), a.protocol, Math.round(a.attempts), a.firstSeen, a.lastSeen, a.isNew]),
  );
}
