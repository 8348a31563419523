/**
 * The OpenAPI `format`s Istio's CRD schemas use (int32, double, byte,
 * date-time; int64 in ObjectMeta), as Ajv format definitions. They check
 * what OpenAPI and RFC 3339 define, as the ajv-formats "full" set does.
 */

const MIN_INT32 = -(2 ** 31);
const MAX_INT32 = 2 ** 31 - 1;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^(\d{2}):(\d{2}):(\d{2}(?:\.\d+)?)(z|([+-])(\d{2})(?::?(\d{2}))?)$/i;
const DAYS = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

/** RFC 3339 full-date: a real calendar day. */
function isDate(s: string): boolean {
  const m = DATE.exec(s);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const days = month === 2 && isLeapYear(year) ? 29 : (DAYS[month] ?? 0);
  return month >= 1 && month <= 12 && day >= 1 && day <= days;
}

/** RFC 3339 full-time with its offset; second 60 only as a leap second (23:59:60 UTC). */
function isTime(s: string): boolean {
  const m = TIME.exec(s);
  if (!m) return false;
  const [hour, minute, second] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const sign = m[5] === '-' ? -1 : 1;
  const [tzHour, tzMinute] = [Number(m[6] ?? 0), Number(m[7] ?? 0)];
  if (tzHour > 23 || tzMinute > 59) return false;
  if (hour <= 23 && minute <= 59 && second < 60) return true;
  const utcMinute = minute - tzMinute * sign;
  const utcHour = hour - tzHour * sign - (utcMinute < 0 ? 1 : 0);
  return (utcHour === 23 || utcHour === -1) && (utcMinute === 59 || utcMinute === -1) && second < 61;
}

/** RFC 3339 date-time: date, `T` (or a space), time with offset. */
function isDateTime(s: string): boolean {
  const parts = s.split(/t|\s/i);
  return parts.length === 2 && isDate(parts[0] ?? '') && isTime(parts[1] ?? '');
}

/** Ajv `formats` option: each checks only values of its type (other types pass to the `type` keyword). */
export const CRD_FORMATS = {
  int32: { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= MIN_INT32 && n <= MAX_INT32 },
  int64: { type: 'number', validate: (n: number) => Number.isInteger(n) },
  double: { type: 'number', validate: () => true },
  byte: { type: 'string', validate: (s: string) => BASE64.test(s) },
  'date-time': { type: 'string', validate: isDateTime },
} as const;
