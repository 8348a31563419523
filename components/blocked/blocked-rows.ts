import { toCsv } from '@/lib/export/csv';
import type { BlockedAttempt } from '../api-types';

export type BlockedSort = 'attempts' | 'source' | 'host' | 'firstSeen' | 'lastSeen';

/** How an attempted destination reads in the table and exports. */
export function destinationOf(a: BlockedAttempt): string {
  return a.host ?? 'TCP (destination not in metrics)';
}

/** The source as a row names it: `cluster/namespace/workload` when the attempts come from several clusters. */
export function sourceOf(a: BlockedAttempt, clusters = false): string {
  return `${clusters && a.source.cluster !== undefined ? `${a.source.cluster}/` : ''}${a.source.namespace}/${a.source.workload}`;
}

/** The source clusters of some attempts, sorted: the cluster filter is offered when there are several. */
export function attemptClusters(rows: readonly BlockedAttempt[]): string[] {
  return [...new Set(rows.flatMap((a) => (a.source.cluster !== undefined ? [a.source.cluster] : [])))].sort();
}

/** The rows the page shows: filtered by text (source, destination, protocol; case-insensitive, every word), then sorted. */
export function visibleAttempts(rows: readonly BlockedAttempt[], filter: string, sort: BlockedSort, descending: boolean, newOnly: boolean): BlockedAttempt[] {
  const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
  const text = (a: BlockedAttempt) => `${sourceOf(a, true)} ${destinationOf(a)} ${a.protocol}`.toLowerCase();
  const kept = rows.filter((a) => (!newOnly || a.isNew) && words.every((w) => text(a).includes(w)));
  const key = (a: BlockedAttempt): string | number => {
    switch (sort) {
      case 'attempts':
        return a.attempts;
      case 'source':
        return sourceOf(a, true);
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

/** Exactly the shown rows as CSV (formula-safe); a source_cluster column first when the rows name clusters. */
export function attemptsCsv(rows: readonly BlockedAttempt[]): string {
  const clusters = rows.some((a) => a.source.cluster !== undefined);
  return toCsv(
    [...(clusters ? ['source_cluster'] : []), 'source_namespace', 'source_workload', 'destination', 'protocol', 'attempts', 'first_seen', 'last_seen', 'new_in_window'],
    rows.map((a) => [...(clusters ? [a.source.cluster ?? ''] : []), a.source.namespace, a.source.workload, destinationOf(a), a.protocol, Math.round(a.attempts), a.firstSeen, a.lastSeen, a.isNew]),
  );
}
