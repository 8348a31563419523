import { toCsv } from '@/lib/export/csv';
import type { ExternalHost } from '../api-types';

/** What the filter searches: host, callers, statuses and protocols. */
export function hostSearchText(h: ExternalHost): string {
  return `${h.host} ${h.callers.join(' ')} ${h.statuses.join(' ')} ${h.protocols.join(' ')}`;
}

/** Exactly the shown rows as CSV (formula-safe). */
export function hostsCsv(rows: readonly ExternalHost[]): string {
  return toCsv(
    ['host', 'status', 'registered', 'service_entry_namespace', 'callers_count', 'callers', 'protocols', 'rate_per_second', 'first_seen', 'last_seen'],
    rows.map((h) => [h.host, h.statuses.join(' '), h.registered, h.serviceEntryNamespace, h.callers.length, h.callers.join(' '), h.protocols.join(' '), h.ratePerSecond, h.firstSeen, h.lastSeen]),
  );
}
