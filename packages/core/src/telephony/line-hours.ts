import { addDays, localDate, weekdayOf, zonedInstant, type IsoDate } from '../calendar/local-time.js';
import type { WorkingCalendar, WorkingInterval } from '../calendar/working-calendar.js';

/**
 * A published line's service hours (issue 10 §5, DESIGN §7), in the format admins already edit and
 * the directory shows: spans of local time per weekday, and what statutory holidays do.
 * `weekly` lists open spans `["08:30","12:00"]` (24:00 only as an end); a day not listed is closed.
 */
export const LINE_WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type LineWeekday = (typeof LINE_WEEKDAYS)[number];
export type HolidayRule = 'closed' | 'as_weekend' | 'open';

export interface LineServiceHours {
  weekly: Partial<Record<LineWeekday, ReadonlyArray<readonly [string, string]>>>;
  onHolidays: HolidayRule;
}

/** A year of scanning without one open minute: the line never opens (an empty week). */
const MAX_SCAN_DAYS = 370;

function minutes(time: string): number {
  const [h, m] = time.split(':').map(Number) as [number, number];
  return h * 60 + m;
}

function spansOf(hours: LineServiceHours, day: LineWeekday): ReadonlyArray<readonly [string, string]> {
  return hours.weekly[day] ?? [];
}

/**
 * The spans that apply on a local date. With `open` the line keeps its weekly hours whatever the
 * statutory calendar says (a call centre open every day). Otherwise it follows the office
 * calendar: a holiday is closed, or takes the weekend's hours (Saturday's, or Sunday's when
 * Saturday has none); a make-up working day (调休, a Saturday or Sunday worked) takes the hours
 * of the first weekday that has any, because that day the office works as on a weekday.
 */
export function lineSpansOn(hours: LineServiceHours, calendar: WorkingCalendar, date: IsoDate): ReadonlyArray<readonly [string, string]> {
  const own = spansOf(hours, LINE_WEEKDAYS[weekdayOf(date)] ?? 'sun');
  if (hours.onHolidays === 'open') return own;
  const kind = calendar.dayInfo(date).kind;
  if (kind === 'holiday') {
    if (hours.onHolidays === 'closed') return [];
    const sat = spansOf(hours, 'sat');
    return sat.length > 0 ? sat : spansOf(hours, 'sun');
  }
  if (kind === 'makeup_workday') {
    const weekday = (['mon', 'tue', 'wed', 'thu', 'fri'] as const).map((d) => spansOf(hours, d)).find((s) => s.length > 0);
    return weekday ?? own;
  }
  return own;
}

/** The line's open intervals on a local date, as instants in the calendar's time zone. */
export function lineOpenIntervals(hours: LineServiceHours, calendar: WorkingCalendar, date: IsoDate): WorkingInterval[] {
  return lineSpansOn(hours, calendar, date)
    .map(([start, end]) => ({
      start: zonedInstant(date, minutes(start), calendar.timeZone).getTime(),
      end: zonedInstant(date, minutes(end), calendar.timeZone).getTime(),
    }))
    .filter((p) => p.start < p.end)
    .sort((a, b) => a.start - b.start);
}

/** Whether the line is open at `at` (a span's end is already closed). */
export function isLineOpen(hours: LineServiceHours, calendar: WorkingCalendar, at: Date): boolean {
  const t = at.getTime();
  return lineOpenIntervals(hours, calendar, localDate(at, calendar.timeZone)).some((p) => p.start <= t && t < p.end);
}

/** `at` itself when the line is open, else when it next opens; null when it never opens (no hours in a year). */
export function nextLineOpening(hours: LineServiceHours, calendar: WorkingCalendar, at: Date): Date | null {
  if (isLineOpen(hours, calendar, at)) return new Date(at.getTime());
  let date = localDate(at, calendar.timeZone);
  for (let scanned = 0; scanned <= MAX_SCAN_DAYS; scanned += 1, date = addDays(date, 1)) {
    const next = lineOpenIntervals(hours, calendar, date).find((p) => p.start >= at.getTime());
    if (next) return new Date(next.start);
  }
  return null;
}

/**
 * The instant `ms` of the line's open time after `start` (closed time does not count, so a
 * callback promised "within an hour" of a 17:20 call to a line that closes at 17:30 is due at
 * 08:50 the next working morning). Null when the line never opens.
 */
export function addLineOpenMs(hours: LineServiceHours, calendar: WorkingCalendar, start: Date, ms: number): Date | null {
  if (!Number.isFinite(ms) || ms < 0) throw new RangeError('open time to add must be a finite number ≥ 0');
  let remaining = ms;
  let date = localDate(start, calendar.timeZone);
  let idle = 0;
  for (; idle <= MAX_SCAN_DAYS; date = addDays(date, 1)) {
    const periods = lineOpenIntervals(hours, calendar, date);
    idle = periods.length === 0 ? idle + 1 : 0;
    for (const period of periods) {
      const from = Math.max(start.getTime(), period.start);
      if (from >= period.end) continue;
      const available = period.end - from;
      if (remaining <= available) return new Date(from + remaining);
      remaining -= available;
    }
  }
  return null;
}
