import { describe, expect, it } from 'vitest';
import { packageYears } from './chinese-days-source.js';
import { addWorkingDays } from './working-time.js';
import { calendarCoverage, calendarWarnings } from './warnings.js';
import { createWorkingCalendar } from './working-calendar.js';
import type { YearCalendar } from './year-calendar.js';

const loaded2030: YearCalendar = { year: 2030, holidays: ['2030-10-01'], makeupWorkdays: [], source: 'admin' };
// Weekends only plus one loaded year, so these tests do not depend on the package's newest year.
const calendar = createWorkingCalendar({ usePackageHolidays: false, years: [loaded2030] });

describe('calendar warnings', () => {
  it('say nothing before 1 November when this year is loaded', () => {
    expect(calendarWarnings(new Date('2030-10-31T12:00:00+08:00'), calendar)).toEqual([]);
    expect(calendarWarnings(new Date('2030-10-31T23:59:59+08:00'), calendar)).toEqual([]);
  });

  it('warn from 1 November (Beijing date) that next year is missing', () => {
    // 16:00 UTC on 31 October is already 1 November in Beijing.
    expect(calendarWarnings(new Date('2030-10-31T16:00:00Z'), calendar)).toEqual([
      { code: 'NEXT_YEAR_CALENDAR_MISSING', year: 2031 },
    ]);
    expect(calendarWarnings(new Date('2030-12-31T10:00:00+08:00'), calendar)).toEqual([
      { code: 'NEXT_YEAR_CALENDAR_MISSING', year: 2031 },
    ]);
    // The same instant in a UTC jurisdiction is still 31 October.
    const utc = createWorkingCalendar({ timeZone: 'UTC', usePackageHolidays: false, years: [loaded2030] });
    expect(calendarWarnings(new Date('2030-10-31T16:00:00Z'), utc)).toEqual([]);
  });

  it('stop once an admin loads next year', () => {
    const both = createWorkingCalendar({
      usePackageHolidays: false,
      years: [loaded2030, { year: 2031, holidays: ['2031-10-01'], makeupWorkdays: [], source: 'admin' }],
    });
    expect(calendarWarnings(new Date('2030-11-01T09:00:00+08:00'), both)).toEqual([]);
  });

  it('always warn when the current year is missing, and then deadlines fall back to weekends', () => {
    expect(calendarWarnings(new Date('2032-03-01T09:00:00+08:00'), calendar)).toEqual([
      { code: 'CURRENT_YEAR_CALENDAR_MISSING', year: 2032 },
    ]);
    expect(calendarWarnings(new Date('2032-11-05T09:00:00+08:00'), calendar)).toEqual([
      { code: 'CURRENT_YEAR_CALENDAR_MISSING', year: 2032 },
      { code: 'NEXT_YEAR_CALENDAR_MISSING', year: 2033 },
    ]);
    // Friday 1 October 2032 is uncovered, so it is a working day: Thu 30 Sep + 1 working day.
    expect(addWorkingDays(new Date('2032-09-30T10:00:00+08:00'), 1, calendar).toISOString()).toBe('2032-10-01T09:30:00.000Z');
  });

  it('treat the package as coverage: on 1 November 2025, 2026 comes from chinese-days', () => {
    const packaged = createWorkingCalendar();
    expect(calendarWarnings(new Date('2025-11-01T09:00:00+08:00'), packaged)).toEqual([]);
    // The year after the package's newest year is reported from 1 November of that newest year.
    const newest = Math.max(...packageYears());
    expect(calendarWarnings(new Date(`${newest}-11-01T09:00:00+08:00`), packaged)).toEqual([
      { code: 'NEXT_YEAR_CALENDAR_MISSING', year: newest + 1 },
    ]);
    expect(calendarWarnings(new Date(`${newest + 1}-06-01T09:00:00+08:00`), packaged)).toEqual([
      { code: 'CURRENT_YEAR_CALENDAR_MISSING', year: newest + 1 },
    ]);
  });
});

describe('calendar coverage', () => {
  it('lists package years and loaded years separately', () => {
    const withLoaded = createWorkingCalendar({ years: [loaded2030] });
    const coverage = calendarCoverage(withLoaded);
    expect(coverage.loaded).toEqual([2030]);
    expect(coverage.package).toEqual(packageYears());
    expect(coverage.package).toEqual(expect.arrayContaining([2025, 2026]));
    expect(calendarCoverage(calendar)).toEqual({ package: [], loaded: [2030] });
  });
});
