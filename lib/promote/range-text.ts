/** The time range a review is about, in words an approver can check against another page: a window and an end, with the time zone. */
import { formatTimestamp } from '../format';

/** "the 1h window ending Jul 21, 2026, 12:00:00 PM GMT+2" (lib/format.ts formatTimestamp: the browser's locale, with the zone). */
export function describeRange(window: string, endIso: string, opts: { readonly timeZone?: string; readonly locale?: string } = {}): string {
  return `the ${window} window ending ${formatTimestamp(endIso, opts)}`;
}
