import { describe, expect, it } from 'vitest';
import { createWorkingCalendar } from '../calendar/working-calendar.js';
import { callbackDeadline, callbackReason, decideAttempt, isAfterHours, type CallForCallback } from './callbacks.js';
import { addLineOpenMs, isLineOpen, lineSpansOn, nextLineOpening, type LineServiceHours } from './line-hours.js';

/** A Beijing wall-clock time as an instant: bj('2026-03-11T10:00') is 02:00 UTC. */
const bj = (local: string): Date => new Date(`${local}:00+08:00`);
const calendar = createWorkingCalendar();
const MIN = 60_000;

// Office hours with the lunch break, Monday–Friday (the demo's district head's direct line).
const OFFICE: LineServiceHours = {
  weekly: Object.fromEntries((['mon', 'tue', 'wed', 'thu', 'fri'] as const).map((d) => [d, [['08:30', '12:00'], ['14:00', '17:30']]])),
  onHolidays: 'closed',
};
const EVERY_DAY = (from: string, to: string, onHolidays: LineServiceHours['onHolidays']): LineServiceHours => ({
  weekly: Object.fromEntries((['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const).map((d) => [d, [[from, to]]])),
  onHolidays,
});

describe('line hours', () => {
  it('is open inside a span and closed at its end, in the lunch break, at night and at weekends', () => {
    expect(isLineOpen(OFFICE, calendar, bj('2026-03-11T08:30'))).toBe(true); // Wednesday
    expect(isLineOpen(OFFICE, calendar, bj('2026-03-11T11:59'))).toBe(true);
    expect(isLineOpen(OFFICE, calendar, bj('2026-03-11T12:00'))).toBe(false);
    expect(isLineOpen(OFFICE, calendar, bj('2026-03-11T17:30'))).toBe(false);
    expect(isLineOpen(OFFICE, calendar, bj('2026-03-11T23:00'))).toBe(false);
    expect(isLineOpen(OFFICE, calendar, bj('2026-03-07T10:00'))).toBe(false); // Saturday
  });

  it('follows the statutory calendar unless the line is open on holidays', () => {
    // 2026-02-16 (Monday) is in the Spring Festival; 2026-02-14 (Saturday) is a make-up working day.
    expect(isLineOpen(OFFICE, calendar, bj('2026-02-16T10:00'))).toBe(false);
    expect(isLineOpen(OFFICE, calendar, bj('2026-02-14T10:00'))).toBe(true);
    const callCentre = EVERY_DAY('08:00', '22:00', 'open');
    expect(isLineOpen(callCentre, calendar, bj('2026-02-16T21:59'))).toBe(true);
    const weekendOnHolidays: LineServiceHours = { weekly: { ...OFFICE.weekly, sun: [['09:00', '12:00']] }, onHolidays: 'as_weekend' };
    expect(lineSpansOn(weekendOnHolidays, calendar, '2026-02-16')).toEqual([['09:00', '12:00']]);
    expect(isLineOpen(weekendOnHolidays, calendar, bj('2026-02-16T09:30'))).toBe(true);
    expect(isLineOpen(weekendOnHolidays, calendar, bj('2026-02-16T14:30'))).toBe(false);
  });

  it('tells when a line next opens: now when open, after lunch, the next working morning, never for an empty week', () => {
    expect(nextLineOpening(OFFICE, calendar, bj('2026-03-11T10:00'))?.toISOString()).toBe(bj('2026-03-11T10:00').toISOString());
    expect(nextLineOpening(OFFICE, calendar, bj('2026-03-11T12:30'))?.toISOString()).toBe(bj('2026-03-11T14:00').toISOString());
    expect(nextLineOpening(OFFICE, calendar, bj('2026-03-13T18:00'))?.toISOString()).toBe(bj('2026-03-16T08:30').toISOString()); // Friday → Monday
    expect(nextLineOpening(OFFICE, calendar, bj('2026-02-13T20:00'))?.toISOString()).toBe(bj('2026-02-14T08:30').toISOString()); // make-up Saturday
    expect(nextLineOpening({ weekly: {}, onHolidays: 'open' }, calendar, bj('2026-03-11T10:00'))).toBeNull();
  });

  it('counts only open time, across the lunch break, nights and midnight', () => {
    expect(addLineOpenMs(OFFICE, calendar, bj('2026-03-11T11:30'), 60 * MIN)?.toISOString()).toBe(bj('2026-03-11T14:30').toISOString());
    expect(addLineOpenMs(OFFICE, calendar, bj('2026-03-11T17:20'), 60 * MIN)?.toISOString()).toBe(bj('2026-03-12T09:20').toISOString());
    const roundTheClock = EVERY_DAY('00:00', '24:00', 'open');
    expect(addLineOpenMs(roundTheClock, calendar, bj('2026-03-11T23:30'), 60 * MIN)?.toISOString()).toBe(bj('2026-03-12T00:30').toISOString());
    expect(addLineOpenMs({ weekly: {}, onHolidays: 'closed' }, calendar, bj('2026-03-11T10:00'), MIN)).toBeNull();
  });
});

describe('callback deadlines', () => {
  it('is one open hour after the line next opens by default', () => {
    const night = callbackDeadline({ hours: OFFICE, calendar, at: bj('2026-03-11T22:10'), withinMinutes: 60 });
    expect(night).toMatchObject({ startsAt: bj('2026-03-12T08:30'), dueAt: bj('2026-03-12T09:30'), remindAt: bj('2026-03-12T09:15'), clock: 'line' });
    const missed = callbackDeadline({ hours: OFFICE, calendar, at: bj('2026-03-11T10:00'), withinMinutes: 60 });
    expect(missed.dueAt.toISOString()).toBe(bj('2026-03-11T11:00').toISOString());
    const holiday = callbackDeadline({ hours: OFFICE, calendar, at: bj('2026-02-15T20:00'), withinMinutes: 30 });
    expect(holiday.dueAt.toISOString()).toBe(bj('2026-02-24T09:00').toISOString()); // back after the Spring Festival
  });

  it('falls back to the jurisdiction\'s working time for a line without hours', () => {
    const d = callbackDeadline({ hours: { weekly: {}, onHolidays: 'open' }, calendar, at: bj('2026-03-11T20:00'), withinMinutes: 60 });
    expect(d).toMatchObject({ clock: 'working', startsAt: bj('2026-03-12T09:00'), dueAt: bj('2026-03-12T10:00') });
    expect(() => callbackDeadline({ hours: OFFICE, calendar, at: bj('2026-03-11T20:00'), withinMinutes: 0 })).toThrow(RangeError);
  });

  it('is after hours exactly when the line is closed', () => {
    expect(isAfterHours(OFFICE, calendar, bj('2026-03-11T12:30'))).toBe(true);
    expect(isAfterHours(OFFICE, calendar, bj('2026-03-11T15:00'))).toBe(false);
  });
});

describe('which calls need a callback', () => {
  const call = (over: Partial<CallForCallback>): CallForCallback => ({ mode: 'direct', hasCaller: true, afterHours: false, outcome: 'missed', waitSeconds: 20, ...over });
  it('takes after-hours calls at once and unanswered calls during hours', () => {
    expect(callbackReason(call({ afterHours: true, outcome: null }))).toBe('after_hours');
    expect(callbackReason(call({ afterHours: true, outcome: 'answered' }))).toBe('after_hours');
    expect(callbackReason(call({ outcome: 'missed' }))).toBe('missed');
    expect(callbackReason(call({ outcome: 'voicemail' }))).toBe('voicemail');
    expect(callbackReason(call({ outcome: 'busy' }))).toBe('busy');
    expect(callbackReason(call({ outcome: 'abandoned', waitSeconds: 2 }))).toBe('abandoned');
    expect(callbackReason(call({ outcome: 'answered' }))).toBeNull();
    expect(callbackReason(call({ outcome: null }))).toBeNull();
  });
  it('never for a withheld number, a blocked caller, a tip or SMS-only line, or a short abandon in a staffed queue', () => {
    expect(callbackReason(call({ hasCaller: false, afterHours: true }))).toBeNull();
    expect(callbackReason(call({ outcome: 'rejected', afterHours: true }))).toBeNull();
    expect(callbackReason(call({ mode: 'tip', afterHours: true }))).toBeNull();
    expect(callbackReason(call({ mode: 'sms_only' }))).toBeNull();
    expect(callbackReason(call({ mode: 'staffed', outcome: 'abandoned', waitSeconds: 4 }))).toBeNull();
    expect(callbackReason(call({ mode: 'staffed', outcome: 'abandoned', waitSeconds: 40 }))).toBe('abandoned');
    expect(callbackReason(call({ mode: 'staffed', outcome: 'missed' }))).toBe('missed');
  });
});

describe('callback attempts', () => {
  it('closes as reached, as not reached after the last try or an invalid number, and stays open otherwise', () => {
    const policy = { maxTries: 3 };
    expect(decideAttempt('reached', 0, policy)).toEqual({ close: true, outcome: 'reached' });
    expect(decideAttempt('no_answer', 1, policy)).toEqual({ close: false });
    expect(decideAttempt('busy', 2, policy)).toEqual({ close: false });
    expect(decideAttempt('no_answer', 3, policy)).toEqual({ close: true, outcome: 'not_reached' });
    expect(decideAttempt('invalid_number', 1, policy)).toEqual({ close: true, outcome: 'not_reached' });
  });
});
