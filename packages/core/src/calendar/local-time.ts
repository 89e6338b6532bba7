/**
 * Wall-clock arithmetic in a named time zone with nothing but Intl, so core stays free of a date
 * library and runs the same in Node and the browser. Deadlines are instants (Date); working hours
 * and day types are local to the jurisdiction, so every rule converts between the two here.
 */

/** A local calendar date, `YYYY-MM-DD`. Plain strings keep year data serialisable and comparable. */
export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  // Round-tripping through UTC rejects 2026-02-30 and friends.
  const probe = new Date(Date.UTC(year, month - 1, day));
  return probe.getUTCFullYear() === year && probe.getUTCMonth() === month - 1 && probe.getUTCDate() === day;
}

function dateParts(date: IsoDate): [number, number, number] {
  const match = ISO_DATE.exec(date);
  if (!match) throw new RangeError(`expected YYYY-MM-DD, got ${date}`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

function formatUtcDate(ms: number): IsoDate {
  // toISOString is fixed-format; only years 0000–9999 matter here.
  return new Date(ms).toISOString().slice(0, 10);
}

export function yearOf(date: IsoDate): number {
  return dateParts(date)[0];
}

/** The date `days` after `date` (negative goes back). Pure date arithmetic, no time zone involved. */
export function addDays(date: IsoDate, days: number): IsoDate {
  const [y, m, d] = dateParts(date);
  return formatUtcDate(Date.UTC(y, m - 1, d + days));
}

/** 0 = Sunday … 6 = Saturday, the same numbering as Date#getDay. */
export function weekdayOf(date: IsoDate): number {
  const [y, m, d] = dateParts(date);
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

export function isWeekend(date: IsoDate): boolean {
  const weekday = weekdayOf(date);
  return weekday === 0 || weekday === 6;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Throws RangeError for an unknown zone, so configuration fails early rather than at a deadline. */
export function assertTimeZone(timeZone: string): void {
  // A zone that built a formatter once is valid (building one costs ~50 µs; priority checks per case).
  if (!formatters.has(timeZone)) new Intl.DateTimeFormat('en-US', { timeZone });
}

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallClock(at: Date, timeZone: string): WallClock {
  const parts = formatterFor(timeZone).formatToParts(at);
  const get = (type: Intl.DateTimeFormatPartTypes): number => Number(parts.find((p) => p.type === type)?.value ?? NaN);
  return {
    year: get('year'),
    month: get('month'),
    day: get('day'),
    hour: get('hour'),
    minute: get('minute'),
    second: get('second'),
  };
}

/** The jurisdiction's calendar date at an instant: 2026-01-01T16:30Z is already 2 January in Beijing. */
export function localDate(at: Date, timeZone: string): IsoDate {
  const { year, month, day } = wallClock(at, timeZone);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Offset of the zone from UTC at an instant, in ms (Beijing: +8 h). */
function offsetMs(at: Date, timeZone: string): number {
  const w = wallClock(at, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  const wholeSeconds = Math.floor(at.getTime() / 1000) * 1000;
  return asUtc - wholeSeconds;
}

/**
 * The instant at which the wall clock in `timeZone` shows `minuteOfDay` on `date`. Two passes settle
 * zones with daylight saving (China has none today, but the zone is configurable). Working hours
 * never sit in a DST gap in practice, so a skipped wall time is not given special meaning.
 */
export function zonedInstant(date: IsoDate, minuteOfDay: number, timeZone: string): Date {
  const [y, m, d] = dateParts(date);
  const wall = Date.UTC(y, m - 1, d, 0, minuteOfDay);
  const first = wall - offsetMs(new Date(wall), timeZone);
  const second = wall - offsetMs(new Date(first), timeZone);
  return new Date(second);
}
