import { toCsv } from '@/lib/export/csv';
import type { BlockedAttempt } from '../api-types';

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

/** The attempts listed: with `newOnly`, only those new in this window (none in the window before). */
export function listedAttempts(rows: readonly BlockedAttempt[], newOnly: boolean): readonly BlockedAttempt[] {
  return newOnly ? rows.filter((a) => a.isNew) : rows;
}

/** A row's key: its source (cluster named), destination and protocol. */
export function attemptKey(a: BlockedAttempt): string {
  return `${sourceOf(a, true)}|${a.host}|${a.protocol}`;
}

/** What the filter searches: source (cluster named), destination and protocol. */
export function attemptSearchText(a: BlockedAttempt): string {
  return `${sourceOf(a, true)} ${destinationOf(a)} ${a.protocol}`;
}

/** Exactly the shown rows as CSV (formula-safe); a source_cluster column first when the rows name clusters. */
export function attemptsCsv(rows: readonly BlockedAttempt[]): string {
  const clusters = rows.some((a) => a.source.cluster !== undefined);
  return toCsv(
    [...(clusters ? ['source_cluster'] : []), 'source_namespace', 'source_workload', 'destination', 'protocol', 'attempts', 'first_seen', 'last_seen', 'new_in_window'],
    rows.map((a) => [...(clusters ? [a.source.cluster ?? ''] : []), a.source.namespace, a.source.workload, destinationOf(a), a.protocol, Math.round(a.attempts), a.firstSeen, a.lastSeen, a.isNew]),
  );
}
