import { describe, expect, it } from 'vitest';
import { addDays } from './local-time.js';
import { createWorkingCalendar } from './working-calendar.js';
import {
  addNaturalHours,
  addWorkingDays,
  addWorkingHours,
  isWorkingTime,
  nextWorkingTime,
  workingMsBetween,
} from './working-time.js';

/** A Beijing wall-clock time as an instant: bj('2026-02-12T10:00') is 02:00 UTC. */
const bj = (local: string): Date => new Date(`${local}:00+08:00`);
const iso = (at: Date): string => at.toISOString();

const calendar = createWorkingCalendar();
const HOUR = 3_600_000;

describe('working time', () => {
  it('is inside office hours on working days only', () => {
    expect(isWorkingTime(bj('2026-03-11T09:00'), calendar)).toBe(true);
    expect(isWorkingTime(bj('2026-03-11T11:59'), calendar)).toBe(true);
    expect(isWorkingTime(bj('2026-03-11T12:00'), calendar)).toBe(false); // lunch
    expect(isWorkingTime(bj('2026-03-11T17:30'), calendar)).toBe(false); // closed
    expect(isWorkingTime(bj('2026-03-07T10:00'), calendar)).toBe(false); // Saturday
    expect(isWorkingTime(bj('2026-02-14T10:00'), calendar)).toBe(true); // make-up Saturday
    expect(isWorkingTime(bj('2026-02-16T10:00'), calendar)).toBe(false); // Spring Festival
  });

  it('reads the clock in Beijing: 01:30 UTC on a Wednesday is 09:30 there, 22:30 UTC is the next morning', () => {
    expect(isWorkingTime(new Date('2026-03-11T01:30:00Z'), calendar)).toBe(true);
    expect(isWorkingTime(new Date('2026-03-10T22:30:00Z'), calendar)).toBe(false);
    expect(iso(nextWorkingTime(new Date('2026-03-10T22:30:00Z'), calendar))).toBe('2026-03-11T01:00:00.000Z');
    const utc = createWorkingCalendar({ timeZone: 'UTC' });
    expect(isWorkingTime(new Date('2026-03-11T09:30:00Z'), utc)).toBe(true);
  });

  it('adds working hours within a morning, and a full morning ends at noon, not 13:30', () => {
    expect(iso(addWorkingHours(bj('2026-03-11T09:30'), 2, calendar))).toBe('2026-03-11T03:30:00.000Z'); // 11:30
    expect(iso(addWorkingHours(bj('2026-03-11T10:00'), 2, calendar))).toBe('2026-03-11T04:00:00.000Z'); // 12:00
  });

  it('skips the lunch break, also for a dispatch during it', () => {
    expect(iso(addWorkingHours(bj('2026-03-11T11:00'), 2, calendar))).toBe('2026-03-11T06:30:00.000Z'); // 14:30
    expect(iso(addWorkingHours(bj('2026-03-11T12:15'), 2, calendar))).toBe('2026-03-11T07:30:00.000Z'); // 15:30
  });

  it('starts counting at the next opening for a dispatch outside working hours', () => {
    // Tuesday 20:00 → Wednesday 09:00 + 2 h.
    expect(iso(addWorkingHours(bj('2026-03-10T20:00'), 2, calendar))).toBe('2026-03-11T03:00:00.000Z');
    // Wednesday 07:00 Beijing is still Tuesday in UTC; counting starts Wednesday 09:00 all the same.
    expect(iso(addWorkingHours(new Date('2026-03-10T23:00:00Z'), 2, calendar))).toBe('2026-03-11T03:00:00.000Z');
  });

  it('crosses a weekend', () => {
    // Friday 16:30: one hour on Friday, one on Monday → Monday 10:00.
    expect(iso(addWorkingHours(bj('2026-03-06T16:30'), 2, calendar))).toBe('2026-03-09T02:00:00.000Z');
  });

  it('crosses National Day 2025 (1–8 October off)', () => {
    // Tuesday 30 September 16:30: one hour that day, the next on Thursday 9 October.
    expect(iso(addWorkingHours(bj('2025-09-30T16:30'), 2, calendar))).toBe('2025-10-09T02:00:00.000Z');
  });

  it('counts working days from the day after dispatch and ends at closing time', () => {
    expect(iso(addWorkingDays(bj('2026-03-11T10:00'), 1, calendar))).toBe('2026-03-12T09:30:00.000Z');
    expect(iso(addWorkingDays(bj('2026-03-11T08:00'), 1, calendar))).toBe('2026-03-12T09:30:00.000Z');
    expect(iso(addWorkingDays(bj('2026-03-11T23:00'), 1, calendar))).toBe('2026-03-12T09:30:00.000Z');
    // Saturday dispatch: Monday is day 1.
    expect(iso(addWorkingDays(bj('2026-03-07T10:00'), 1, calendar))).toBe('2026-03-09T09:30:00.000Z');
    // Friday + 7 working days crosses one weekend: Mon 9 … Tue 17 March.
    expect(iso(addWorkingDays(bj('2026-03-06T16:30'), 7, calendar))).toBe('2026-03-17T09:30:00.000Z');
  });

  it('counts make-up Sundays and Saturdays as working days', () => {
    // Friday 26 Sep 2025: Sat 27 is off, Sun 28 is a make-up working day.
    expect(iso(addWorkingDays(bj('2025-09-26T15:00'), 1, calendar))).toBe('2025-09-28T09:30:00.000Z');
    // Friday 24 Jan 2025: Sunday 26 January is a make-up day before Spring Festival.
    expect(iso(addWorkingDays(bj('2025-01-24T15:00'), 1, calendar))).toBe('2025-01-26T09:30:00.000Z');
  });

  it('measures working time between two instants, negative when overdue', () => {
    // Fri 13 Feb 2026 17:00 → Tue 24 Feb 09:30: 0.5 h Friday, 7 h on make-up Saturday 14, 0.5 h on the 24th.
    expect(workingMsBetween(bj('2026-02-13T17:00'), bj('2026-02-24T09:30'), calendar)).toBe(8 * HOUR);
    expect(workingMsBetween(bj('2026-02-24T09:30'), bj('2026-02-13T17:00'), calendar)).toBe(-8 * HOUR);
    expect(workingMsBetween(bj('2026-02-16T09:00'), bj('2026-02-20T17:00'), calendar)).toBe(0);
    expect(workingMsBetween(bj('2026-03-11T11:00'), bj('2026-03-11T14:00'), calendar)).toBe(1.5 * HOUR);
  });

  it('adds natural hours straight through nights and holidays', () => {
    expect(iso(addNaturalHours(bj('2026-02-16T23:00'), 2))).toBe('2026-02-16T17:00:00.000Z');
  });

  it('follows custom hours and daylight saving in other zones', () => {
    const berlin = createWorkingCalendar({
      timeZone: 'Europe/Berlin',
      workingHours: [{ start: '09:00', end: '17:00' }],
      usePackageHolidays: false,
    });
    // Friday 27 March 16:00 CET + 2 h: one hour Friday, then Monday 30 March 09:00 CEST + 1 h.
    expect(iso(addWorkingHours(new Date('2026-03-27T15:00:00Z'), 2, berlin))).toBe('2026-03-30T08:00:00.000Z');
    const summer = createWorkingCalendar({
      workingHours: [
        { start: '08:30', end: '12:00' },
        { start: '14:30', end: '17:30' },
      ],
    });
    expect(iso(addWorkingHours(bj('2026-03-11T11:00'), 2, summer))).toBe('2026-03-11T07:30:00.000Z'); // 15:30
    expect(iso(addWorkingDays(bj('2026-03-11T11:00'), 1, summer))).toBe('2026-03-12T09:30:00.000Z');
  });

  it('refuses nonsense and never loops forever', () => {
    expect(() => addWorkingDays(bj('2026-03-11T10:00'), 0, calendar)).toThrow(RangeError);
    expect(() => addWorkingDays(bj('2026-03-11T10:00'), 1.5, calendar)).toThrow(RangeError);
    expect(() => addWorkingHours(bj('2026-03-11T10:00'), -1, calendar)).toThrow(RangeError);
    expect(iso(addWorkingHours(bj('2026-03-07T10:00'), 0, calendar))).toBe(iso(bj('2026-03-07T10:00')));
    // Eleven years loaded with every day a holiday: an error, not a hang or an invented deadline.
    const years = Array.from({ length: 11 }, (_, i) => 2030 + i).map((year) => {
      const holidays: string[] = [];
      for (let date = `${year}-01-01`; date <= `${year}-12-31`; date = addDays(date, 1)) holidays.push(date);
      return { year, holidays, makeupWorkdays: [], source: 'admin' as const };
    });
    const closed = createWorkingCalendar({ years });
    expect(() => addWorkingHours(bj('2030-01-02T10:00'), 1, closed)).toThrow(RangeError);
    expect(() => addWorkingDays(bj('2030-01-02T10:00'), 1, closed)).toThrow(RangeError);
  });
});
