/**
 * Times and time ranges in words, as the time controls and their messages
 * say them: always with the time zone, never as a raw unix time.
 */
import { formatTimestamp } from '../format';
import type { WindowChoice } from './range';

const WINDOW_SECONDS: Readonly<Record<WindowChoice, number>> = {
  '5m': 300,
  '15m': 900,
  '30m': 1800,
  '1h': 3600,
  '3h': 3 * 3600,
  '6h': 6 * 3600,
  '12h': 12 * 3600,
  '1d': 86400,
  '2d': 2 * 86400,
  '7d': 7 * 86400,
  '30d': 30 * 86400,
};

/** Seconds of a window. */
export function windowSeconds(w: WindowChoice): number {
  return WINDOW_SECONDS[w];
}

export interface TimeFormat {
  /** BCP 47 locale; the browser's when absent. */
  readonly locale?: string;
  /** IANA zone; the browser's when absent. */
  readonly timeZone?: string;
}

/** A moment to the minute with its zone (unix seconds in): lib/format.ts formatTimestamp, the one time formatter. */
export function formatTime(unixSeconds: number, fmt: TimeFormat = {}): string {
  return formatTimestamp(unixSeconds * 1000, { ...fmt, seconds: false });
}

/** Where the Istio metrics are in the backend (unix seconds; see /api/health). */
export interface DataSpan {
  /** First moment with Istio metrics, or null when there are none. */
  readonly first: number | null;
  /** Last moment with Istio metrics (about now while they keep coming). */
  readonly last: number | null;
  /** They were there already at the start of the search: they may start earlier than `first`. */
  readonly earlier: boolean;
}

/** How close to now `last` counts as "now" (scrape interval, lookback and the span's own caching). */
export const NOW_SLACK_SECONDS = 10 * 60;

/** Whether the window [end - window, end] overlaps the data. */
export function windowHasData(span: DataSpan, end: number, window: WindowChoice): boolean {
  if (span.first === null || span.last === null) return false;
  return end >= span.first && end - windowSeconds(window) <= span.last;
}

/** "from 2 Jan 2026, 10:15 UTC to now": where the data is, in words. */
export function describeSpan(span: DataSpan, nowSeconds: number, fmt: TimeFormat = {}): string {
  if (span.first === null || span.last === null) return 'none';
  const from = `${span.earlier ? 'from before ' : 'from '}${formatTime(span.first, fmt)}`;
  const to = nowSeconds - span.last <= NOW_SLACK_SECONDS ? 'to now' : `to ${formatTime(span.last, fmt)}`;
  return `${from} ${to}`;
}

/** What a page says about a request the API refused (HTTP 4xx), in words. */
export interface Refusal {
  readonly title: string;
  readonly detail: string;
}

/**
 * The words for a refused request: an end time in the future (the picker
 * clamps it, a hand-edited link may not) is named with its zone; any other
 * refusal keeps the API's message, which names the parameter.
 */
export function describeRefusal(error: { readonly code: string; readonly message: string }, end: number | null, nowSeconds: number, fmt: TimeFormat = {}): Refusal {
  if (end !== null && end > nowSeconds && /^end: /.test(error.message)) {
    return {
      title: 'The end time is in the future.',
      detail: `${formatTime(end, fmt)} has not happened yet, so there is no data to show. Pick an end time up to now (${formatTime(nowSeconds, fmt)}), or Live.`,
    };
  }
  return { title: 'Egress Lens refused this request.', detail: error.message };
}

/** The `datetime-local` value of a moment in the browser's zone ("2026-01-02T10:15"). */
export function toLocalInput(unixSeconds: number): string {
  const d = new Date(unixSeconds * 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/**
 * The end time a picker's value means, in unix seconds, never later than
 * `nowSeconds` (there is no data from the future, and the API refuses it);
 * null when the value is not a time.
 */
export function endFromLocalInput(value: string, nowSeconds: number): number | null {
  const t = Date.parse(value);
  if (!Number.isFinite(t) || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) return null;
  return Math.max(0, Math.min(Math.floor(t / 1000), nowSeconds));
}

/** The short name of the browser's zone at a moment ("CET", "UTC", "GMT+2"). */
export function zoneName(unixSeconds: number, fmt: TimeFormat = {}): string {
  const parts = new Intl.DateTimeFormat(fmt.locale, { timeZoneName: 'short', ...(fmt.timeZone ? { timeZone: fmt.timeZone } : {}) }).formatToParts(new Date(unixSeconds * 1000));
  return parts.find((p) => p.type === 'timeZoneName')?.value ?? '';
}
