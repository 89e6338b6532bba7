import { packageYears } from './chinese-days-source.js';
import { localDate, yearOf } from './local-time.js';
import type { WorkingCalendar } from './working-calendar.js';

/** Stable codes; screens translate them. */
export type CalendarWarning =
  | { code: 'CURRENT_YEAR_CALENDAR_MISSING'; year: number }
  | { code: 'NEXT_YEAR_CALENDAR_MISSING'; year: number };

/**
 * The State Council usually publishes next year's holidays in late October or November. From
 * 1 November (local date) the admin is told to load next year's calendar if neither an admin nor
 * the package provides it; a missing current year is always reported, because deadlines are then
 * being computed from weekends alone.
 */
export function calendarWarnings(now: Date, calendar: WorkingCalendar): CalendarWarning[] {
  const today = localDate(now, calendar.timeZone);
  const year = yearOf(today);
  const warnings: CalendarWarning[] = [];
  if (calendar.yearSource(year) === null) warnings.push({ code: 'CURRENT_YEAR_CALENDAR_MISSING', year });
  if (today.slice(5) >= '11-01' && calendar.yearSource(year + 1) === null) {
    warnings.push({ code: 'NEXT_YEAR_CALENDAR_MISSING', year: year + 1 });
  }
  return warnings;
}

export interface CalendarCoverage {
  /** Years the installed chinese-days release carries (none when the calendar does not use it). */
  package: number[];
  /** Years an admin loaded; these take precedence over the package. */
  loaded: number[];
}

/** Which years have statutory-holiday data, for the admin calendar page. */
export function calendarCoverage(calendar: WorkingCalendar): CalendarCoverage {
  return {
    package: calendar.usesPackageHolidays ? packageYears() : [],
    loaded: calendar.loadedYears(),
  };
}
