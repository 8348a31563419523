/** The time range a review is about, in words an approver can check against another page: a window and an end, with the time zone. */

function part(parts: readonly Intl.DateTimeFormatPart[], type: Intl.DateTimeFormatPartTypes): string {
  return parts.find((p) => p.type === type)?.value ?? '';
}

/**
 * An instant as `2026-07-21 12:00:00 UTC+02:00` in `timeZone` (default: the
 * browser's), or `… UTC` at offset zero: unambiguous, and it parses back.
 */
export function formatInstant(iso: string, timeZone?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'longOffset',
  }).formatToParts(date);
  const offset = part(parts, 'timeZoneName').replace(/^GMT(?:[+-]00:00)?$/, 'GMT').replace(/^GMT/, 'UTC');
  return `${part(parts, 'year')}-${part(parts, 'month')}-${part(parts, 'day')} ${part(parts, 'hour')}:${part(parts, 'minute')}:${part(parts, 'second')} ${offset}`;
}

/** "the 1h window ending 2026-07-21 12:00:00 UTC+02:00". */
export function describeRange(window: string, endIso: string, timeZone?: string): string {
  return `the ${window} window ending ${formatInstant(endIso, timeZone)}`;
}
