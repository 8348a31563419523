/** The rate chart's time axis: ticks on round local times, labelled with Intl in the browser's locale and zone (pure, testable without a canvas). */

const MIN = 60;
const HOUR = 3600;
const DAY = 86400;

/** Tick steps in seconds, from a second to a week: no step more than 2.5 times the one before, so some step always gives a few ticks. */
export const TICK_STEPS: readonly number[] = [
  1, 2, 5, 10, 15, 20, 30,
  MIN, 2 * MIN, 3 * MIN, 5 * MIN, 10 * MIN, 15 * MIN, 20 * MIN, 30 * MIN,
  HOUR, 2 * HOUR, 3 * HOUR, 4 * HOUR, 6 * HOUR, 8 * HOUR, 12 * HOUR,
  DAY, 2 * DAY, 3 * DAY, 7 * DAY,
];

/** Room each tick label needs, CSS px ("10:45:30 PM" and a gap). */
export const TICK_SPACING = 80;
/** Fewest ticks a time axis gets when the span allows it. */
export const MIN_TICKS = 3;

export interface TimeAxisOptions {
  /** BCP 47 locale; default the browser's. */
  readonly locale?: string;
  /** IANA zone; default the browser's. */
  readonly timeZone?: string;
}

const partsFormats = new Map<string, Intl.DateTimeFormat>();

/** Seconds to add to UTC for the wall-clock time at `t` (unix seconds) in `timeZone`, default the browser's. */
export function zoneOffset(t: number, timeZone?: string): number {
  if (!timeZone) return -new Date(t * 1000).getTimezoneOffset() * 60;
  let f = partsFormats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    partsFormats.set(timeZone, f);
  }
  const p = Object.fromEntries(f.formatToParts(new Date(Math.floor(t) * 1000)).map((x) => [x.type, Number(x.value)]));
  const wall = Date.UTC(p.year ?? 1970, (p.month ?? 1) - 1, p.day ?? 1, p.hour ?? 0, p.minute ?? 0, p.second ?? 0) / 1000;
  return wall - Math.floor(t);
}

/** The instant whose wall-clock time in the zone is `local` (seconds on the local clock since 1970), or null in a daylight-saving gap. */
function instantOf(local: number, timeZone?: string): number | null {
  const guess = local - zoneOffset(local, timeZone);
  const t = local - zoneOffset(guess, timeZone);
  return t + zoneOffset(t, timeZone) === local ? t : null;
}

/**
 * The ticks of one step: multiples of `step` on the local clock (whole
 * minutes, hours, local midnights) inside [min, max]. Spaced by the local
 * clock, so a day step stays on midnights across a daylight-saving change.
 */
function ticksOf(min: number, max: number, step: number, timeZone?: string): number[] {
  const ticks: number[] = [];
  // Bounded: the callers never ask for more than a few dozen ticks.
  for (let local = Math.ceil((min + zoneOffset(min, timeZone)) / step) * step, n = 0; n < 10_000; local += step, n++) {
    const t = instantOf(local, timeZone);
    if (t === null) continue;
    if (t > max) break;
    if (t >= min && t > (ticks.at(-1) ?? -Infinity)) ticks.push(t);
  }
  return ticks;
}

/**
 * Ticks from `min` to `max` (unix seconds) for a plot `width` CSS px wide:
 * the densest round step whose ticks stay TICK_SPACING apart, and never
 * fewer than MIN_TICKS while some step gives that many.
 */
export function timeTicks(min: number, max: number, width: number, opts: TimeAxisOptions = {}): number[] {
  if (!(max > min)) return Number.isFinite(min) ? [min] : [];
  const room = Math.max(MIN_TICKS, Math.floor((Number.isFinite(width) ? width : 0) / TICK_SPACING));
  for (const [i, step] of TICK_STEPS.entries()) {
    // Certainly too many: not worth listing.
    if ((max - min) / step > room + 1) continue;
    const ticks = ticksOf(min, max, step, opts.timeZone);
    if (ticks.length < MIN_TICKS) {
      // Too few, and the step before too many: tighter labels beat a lone tick.
      const denser = i > 0 ? ticksOf(min, max, TICK_STEPS[i - 1] ?? step, opts.timeZone) : ticks;
      return denser.length >= MIN_TICKS ? denser : ticks;
    }
    if (ticks.length <= room) return ticks;
  }
  return ticksOf(min, max, TICK_STEPS.at(-1) ?? DAY, opts.timeZone);
}

const labelFormats = new Map<string, Intl.DateTimeFormat>();

function labelFormat(kind: 'seconds' | 'minutes' | 'date' | 'zone', opts: TimeAxisOptions): Intl.DateTimeFormat {
  const key = JSON.stringify([kind, opts.locale, opts.timeZone]);
  let f = labelFormats.get(key);
  if (!f) {
    const zone = opts.timeZone ? { timeZone: opts.timeZone } : {};
    const options: Intl.DateTimeFormatOptions =
      kind === 'date'
        ? { month: 'short', day: 'numeric' }
        : kind === 'zone'
          ? { timeZoneName: 'short' }
          : { hour: 'numeric', minute: '2-digit', ...(kind === 'seconds' ? { second: '2-digit' } : {}) };
    f = new Intl.DateTimeFormat(opts.locale, { ...options, ...zone });
    labelFormats.set(key, f);
  }
  return f;
}

/** The short name of the zone at `t` ("UTC", "CET", "GMT+5:30"). */
export function zoneName(t: number, opts: TimeAxisOptions = {}): string {
  return labelFormat('zone', opts).formatToParts(new Date(t * 1000)).find((p) => p.type === 'timeZoneName')?.value ?? '';
}

/**
 * Tick labels in the locale and zone: times of day (with seconds below a
 * minute step), a second line with the date on the first tick and where the
 * day changes, dates alone from a day step; the first tick also names the
 * zone. Lines are split by "\n" (uPlot draws them one under the other).
 */
export function timeTickLabels(ticks: readonly number[], opts: TimeAxisOptions = {}): string[] {
  const step = ticks.length > 1 ? (ticks[1] ?? 0) - (ticks[0] ?? 0) : DAY;
  const date = (t: number) => labelFormat('date', opts).format(new Date(t * 1000));
  let previousDay = '';
  return ticks.map((t, i) => {
    const day = date(t);
    const zone = i === 0 ? ` ${zoneName(t, opts)}` : '';
    const changed = day !== previousDay;
    previousDay = day;
    if (step >= DAY) return `${day}${zone}`;
    const time = labelFormat(step < MIN ? 'seconds' : 'minutes', opts).format(new Date(t * 1000));
    return changed || i === 0 ? `${time}\n${day}${zone}` : time;
  });
}
