import { describe, expect, it } from 'vitest';
import { packageYears, yearCalendarFromPackage } from './chinese-days-source.js';
import { createWorkingCalendar, workingCalendarConfigSchema } from './working-calendar.js';
import { yearCalendarSchema, type YearCalendar } from './year-calendar.js';

describe('package data (chinese-days)', () => {
  it('covers 2004 onwards without gaps, including 2025 and 2026', () => {
    const years = packageYears();
    expect(years[0]).toBe(2004);
    expect(years).toContain(2025);
    expect(years).toContain(2026);
    expect(years).toEqual(years.map((_, i) => 2004 + i));
  });

  it('exports a covered year as a valid YearCalendar (2026, from the package data)', () => {
    const year = yearCalendarFromPackage(2026);
    expect(year && yearCalendarSchema.parse(year)).toEqual(year);
    expect(year?.source).toBe('chinese-days');
    expect(year?.makeupWorkdays).toEqual(['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']);
    expect(year?.holidays).toHaveLength(33);
    expect(year?.holidays.slice(3, 12)).toEqual([
      '2026-02-15', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19',
      '2026-02-20', '2026-02-21', '2026-02-22', '2026-02-23',
    ]);
    expect(year?.holidays.slice(-7)).toEqual([
      '2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07',
    ]);
  });

  it('returns null for a year it does not cover, and copies so callers may edit', () => {
    expect(yearCalendarFromPackage(2099)).toBeNull();
    const first = yearCalendarFromPackage(2025);
    first?.holidays.push('2025-03-05');
    expect(yearCalendarFromPackage(2025)?.holidays).not.toContain('2025-03-05');
  });
});

describe('working calendar', () => {
  const calendar = createWorkingCalendar();

  it('defaults to Beijing time and 09:00–12:00, 13:30–17:30', () => {
    expect(calendar.timeZone).toBe('Asia/Shanghai');
    expect(calendar.workingHours).toEqual([
      { start: 540, end: 720 },
      { start: 810, end: 1050 },
    ]);
  });

  it('knows Spring Festival, National Day and make-up working weekends', () => {
    expect(calendar.dayInfo('2026-02-16')).toEqual({ date: '2026-02-16', working: false, kind: 'holiday', source: 'chinese-days' });
    expect(calendar.dayInfo('2026-02-14')).toEqual({ date: '2026-02-14', working: true, kind: 'makeup_workday', source: 'chinese-days' });
    expect(calendar.dayInfo('2025-09-28').kind).toBe('makeup_workday'); // a Sunday
    expect(calendar.isWorkingDay('2025-10-08')).toBe(false);
    expect(calendar.isWorkingDay('2025-10-09')).toBe(true);
    expect(calendar.dayInfo('2026-03-07')).toEqual({ date: '2026-03-07', working: false, kind: 'weekend', source: 'chinese-days' });
    expect(calendar.dayInfo('2026-03-09').kind).toBe('workday');
  });

  it('falls back to plain weekends for a year neither loaded nor in the package', () => {
    expect(calendar.yearSource(2099)).toBeNull();
    expect(calendar.dayInfo('2099-10-01')).toEqual({ date: '2099-10-01', working: true, kind: 'workday', source: 'weekend_rule' });
    expect(calendar.dayInfo('2099-10-03')).toEqual({ date: '2099-10-03', working: false, kind: 'weekend', source: 'weekend_rule' });
  });

  it('lets an admin-loaded year replace the package year entirely', () => {
    const withLocalHoliday = { ...(yearCalendarFromPackage(2026) as YearCalendar), source: 'admin' as const };
    withLocalHoliday.holidays = [...withLocalHoliday.holidays, '2026-03-05'];
    const local = createWorkingCalendar({ years: [withLocalHoliday] });
    expect(local.yearSource(2026)).toBe('loaded');
    expect(local.yearSource(2025)).toBe('package');
    expect(local.dayInfo('2026-03-05')).toEqual({ date: '2026-03-05', working: false, kind: 'holiday', source: 'admin' });
    expect(local.isWorkingDay('2026-02-16')).toBe(false);
    expect(local.loadedYears()).toEqual([2026]);

    // An empty loaded year wins too: what the admin loaded is what applies.
    const bare = createWorkingCalendar({ years: [{ year: 2026, holidays: [], makeupWorkdays: [], source: 'admin' }] });
    expect(bare.dayInfo('2026-02-16')).toEqual({ date: '2026-02-16', working: true, kind: 'workday', source: 'admin' });
    expect(bare.isWorkingDay('2026-02-14')).toBe(false);
  });

  it('can ignore the package (weekends only) for tests or other jurisdictions', () => {
    const plain = createWorkingCalendar({ usePackageHolidays: false });
    expect(plain.isWorkingDay('2026-02-16')).toBe(true);
    expect(plain.yearSource(2026)).toBeNull();
  });
});

describe('calendar configuration', () => {
  it('rejects nonsense', () => {
    expect(workingCalendarConfigSchema.safeParse({ timeZone: 'Mars/Olympus' }).success).toBe(false);
    expect(
      workingCalendarConfigSchema.safeParse({ workingHours: [{ start: '09:00', end: '12:00' }, { start: '11:00', end: '17:00' }] }).success,
    ).toBe(false);
    expect(workingCalendarConfigSchema.safeParse({ workingHours: [{ start: '12:00', end: '09:00' }] }).success).toBe(false);
    expect(workingCalendarConfigSchema.safeParse({ workingHours: [] }).success).toBe(false);
    const year = { year: 2027, holidays: ['2027-10-01'], makeupWorkdays: [], source: 'admin' };
    expect(workingCalendarConfigSchema.safeParse({ years: [year, year] }).success).toBe(false);
  });

  it('rejects year data that could never apply or contradicts itself', () => {
    const ok = { year: 2027, holidays: ['2027-10-01'], makeupWorkdays: ['2027-09-26'], source: 'admin' };
    expect(yearCalendarSchema.safeParse(ok).success).toBe(true);
    expect(yearCalendarSchema.safeParse({ ...ok, holidays: ['2028-01-01'] }).success).toBe(false);
    expect(yearCalendarSchema.safeParse({ ...ok, holidays: ['2027-02-30'] }).success).toBe(false);
    expect(yearCalendarSchema.safeParse({ ...ok, makeupWorkdays: ['2027-10-01'] }).success).toBe(false);
    expect(yearCalendarSchema.safeParse({ ...ok, source: 'internet' }).success).toBe(false);
  });
});
