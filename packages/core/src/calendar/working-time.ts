import { addDays, localDate } from './local-time.js';
import type { WorkingCalendar } from './working-calendar.js';

const HOUR_MS = 3_600_000;

/**
 * Ten years without a single working minute means broken data (say, every day loaded as a holiday);
 * fail loudly instead of looping or inventing a deadline.
 */
const MAX_SCAN_DAYS = 3_660;

function noWorkingTime(from: Date): never {
  throw new RangeError(`no working time within ${MAX_SCAN_DAYS} days after ${from.toISOString()}`);
}

/** Whether `at` falls inside working hours on a working day (a period's end is already off duty). */
export function isWorkingTime(at: Date, calendar: WorkingCalendar): boolean {
  const t = at.getTime();
  return calendar.workingIntervals(localDate(at, calendar.timeZone)).some((p) => p.start <= t && t < p.end);
}

/**
 * The instant `ms` of working time after `start`. Time outside working hours does not count, so a
 * dispatch at night or in the lunch break starts counting when the next working period opens. A
 * deadline that uses up a period exactly ends at that period's close (12:00, not 13:30).
 */
export function addWorkingMs(start: Date, ms: number, calendar: WorkingCalendar): Date {
  if (!Number.isFinite(ms) || ms < 0) throw new RangeError('working time to add must be a finite number ≥ 0');
  if (ms === 0) return new Date(start.getTime());
  let remaining = ms;
  let date = localDate(start, calendar.timeZone);
  for (let scanned = 0; scanned <= MAX_SCAN_DAYS; scanned += 1, date = addDays(date, 1)) {
    for (const period of calendar.workingIntervals(date)) {
      const from = Math.max(start.getTime(), period.start);
      if (from >= period.end) continue;
      const available = period.end - from;
      if (remaining <= available) return new Date(from + remaining);
      remaining -= available;
    }
  }
  return noWorkingTime(start);
}

export function addWorkingHours(start: Date, hours: number, calendar: WorkingCalendar): Date {
  return addWorkingMs(start, hours * HOUR_MS, calendar);
}

/** Natural (clock) hours: urgent deadlines run through nights, weekends and holidays. */
export function addNaturalHours(start: Date, hours: number): Date {
  if (!Number.isFinite(hours) || hours < 0) throw new RangeError('hours must be a finite number ≥ 0');
  return new Date(start.getTime() + hours * HOUR_MS);
}

/**
 * "N working days", counted the way Chinese law counts periods (民法典 arts. 201 and 203): the day
 * of dispatch is not counted, the period ends on the N-th working day after it, and it ends when
 * the office closes that day (the end of the last working period). So 1 working day from a Monday
 * dispatch at any hour is Tuesday 17:30, and from a Saturday dispatch it is Monday 17:30. Counting
 * whole days, not 7 × N working hours, gives handlers the same closing time whatever the hour of
 * dispatch, and lets a citizen be told a date.
 */
export function addWorkingDays(start: Date, days: number, calendar: WorkingCalendar): Date {
  if (!Number.isInteger(days) || days < 1) throw new RangeError('working days must be a whole number ≥ 1');
  let date = localDate(start, calendar.timeZone);
  let counted = 0;
  for (let idle = 0; idle <= MAX_SCAN_DAYS; ) {
    date = addDays(date, 1);
    const periods = calendar.workingIntervals(date);
    const closing = periods[periods.length - 1];
    if (!closing) {
      idle += 1;
      continue;
    }
    idle = 0;
    counted += 1;
    if (counted === days) return new Date(closing.end);
  }
  return noWorkingTime(start);
}

/**
 * Working time from `from` to `to` in ms, for countdowns and reminders. Negative when `to` is
 * earlier, so an overdue case shows how much working time it is late by.
 */
export function workingMsBetween(from: Date, to: Date, calendar: WorkingCalendar): number {
  if (to.getTime() < from.getTime()) return -workingMsBetween(to, from, calendar);
  const a = from.getTime();
  const b = to.getTime();
  const last = localDate(to, calendar.timeZone);
  let total = 0;
  for (let date = localDate(from, calendar.timeZone); date <= last; date = addDays(date, 1)) {
    for (const period of calendar.workingIntervals(date)) {
      total += Math.max(0, Math.min(b, period.end) - Math.max(a, period.start));
    }
  }
  return total;
}

/**
 * workingMsBetween(from, to) for many `from` and one `to`: the working time of each whole local
 * day after `from`'s own is summed once per date and remembered, not walked again per call. The
 * daily priority refresh ages every open case to one `now`, and walking each case's days was
 * most of its CPU (O(cases × age in days), ADR 0068). Integer milliseconds, so the sums are the same.
 */
export function workingMsUntil(to: Date, calendar: WorkingCalendar): (from: Date) => number {
  const b = to.getTime();
  const last = localDate(to, calendar.timeZone);
  const dayMs = (date: string, a: number): number => {
    let total = 0;
    for (const period of calendar.workingIntervals(date)) total += Math.max(0, Math.min(b, period.end) - Math.max(a, period.start));
    return total;
  };
  // date → working ms from that date's start through `to` (dates after `last` count nothing).
  const fromDate = new Map<string, number>();
  const tail = (first: string): number => {
    const walked: string[] = [];
    let date = first;
    while (date <= last && !fromDate.has(date)) {
      walked.push(date);
      date = addDays(date, 1);
    }
    let total = date <= last ? fromDate.get(date)! : 0;
    for (let i = walked.length - 1; i >= 0; i--) {
      total += dayMs(walked[i]!, -Infinity);
      fromDate.set(walked[i]!, total);
    }
    return total;
  };
  return (from) => {
    const a = from.getTime();
    if (b < a) return workingMsBetween(from, to, calendar);
    const first = localDate(from, calendar.timeZone);
    return dayMs(first, a) + (first < last ? tail(addDays(first, 1)) : 0);
  };
}

/** When counting starts for a working-time deadline: `at` itself during working hours, else the next opening. */
export function nextWorkingTime(at: Date, calendar: WorkingCalendar): Date {
  if (isWorkingTime(at, calendar)) return new Date(at.getTime());
  let date = localDate(at, calendar.timeZone);
  for (let scanned = 0; scanned <= MAX_SCAN_DAYS; scanned += 1, date = addDays(date, 1)) {
    const next = calendar.workingIntervals(date).find((p) => p.start >= at.getTime());
    if (next) return new Date(next.start);
  }
  return noWorkingTime(at);
}
