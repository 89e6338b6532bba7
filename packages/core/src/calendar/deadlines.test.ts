import { describe, expect, it } from 'vitest';
import { computeDeadlines, extendDeadline, extensionLimit, reminderAt } from './deadlines.js';
import { deadlinePolicySchema, defaultDeadlinePolicy } from './policy.js';
import { createWorkingCalendar } from './working-calendar.js';

/** A Beijing wall-clock time as an instant: bj('2026-02-12T10:00') is 02:00 UTC. */
const bj = (local: string): Date => new Date(`${local}:00+08:00`);
const iso = (at: Date): string => at.toISOString();

const calendar = createWorkingCalendar();
const policy = defaultDeadlinePolicy();

function deadlines(dispatchedAt: Date, extra: { urgency?: 'normal' | 'urgent' | 'emergency'; utilitiesOutage?: boolean } = {}) {
  const result = computeDeadlines({
    dispatchedAt,
    type: 'complaint',
    urgency: extra.urgency ?? 'normal',
    utilitiesOutage: extra.utilitiesOutage,
    policy,
    calendar,
  });
  return { acceptBy: iso(result.acceptBy), contactBy: iso(result.contactBy), resolveBy: iso(result.resolveBy), clocks: result.clocks };
}

const WORKING = { accept: 'working', contact: 'working', resolve: 'working' };
const NATURAL = { accept: 'natural', contact: 'natural', resolve: 'natural' };

describe('default deadline policy (DESIGN §5)', () => {
  it('is a valid, independently editable table', () => {
    expect(deadlinePolicySchema.parse(policy)).toEqual(policy);
    expect(policy.byType.help.normal).toEqual({
      accept: { amount: 2, unit: 'working_hours' },
      contact: { amount: 1, unit: 'working_days' },
      resolve: { amount: 7, unit: 'working_days' },
    });
    expect(policy.complexResolve).toEqual({ amount: 15, unit: 'working_days' });
    const edited = defaultDeadlinePolicy();
    edited.byType.consultation.normal.resolve.amount = 3;
    expect(edited.byType.complaint.normal.resolve.amount).toBe(7);
  });

  it('rejects a table with a missing case type or fractional working days', () => {
    const { praise: _praise, ...rest } = defaultDeadlinePolicy().byType;
    expect(deadlinePolicySchema.safeParse({ ...policy, byType: rest }).success).toBe(false);
    const fractional = defaultDeadlinePolicy();
    fractional.byType.help.normal.resolve.amount = 6.5;
    expect(deadlinePolicySchema.safeParse(fractional).success).toBe(false);
  });
});

describe('normal cases across Spring Festival 2026 (15–23 February off; Sat 14 and Sat 28 worked)', () => {
  const dispatchedAt = bj('2026-02-12T10:00'); // Thursday

  it('accepts by noon, contacts by Friday close, resolves on the make-up Saturday 28 February', () => {
    expect(deadlines(dispatchedAt)).toEqual({
      acceptBy: '2026-02-12T04:00:00.000Z', // Thu 12:00
      contactBy: '2026-02-13T09:30:00.000Z', // Fri 17:30
      // 13, 14 (make-up), 24, 25, 26, 27, 28 (make-up) → Sat 28 Feb 17:30
      resolveBy: '2026-02-28T09:30:00.000Z',
      clocks: WORKING,
    });
  });

  it('reminds at 75 % of the working time, not of the calendar time', () => {
    const { resolveBy } = computeDeadlines({ dispatchedAt, type: 'complaint', urgency: 'normal', policy, calendar });
    // 55 working hours in all (6 on the 12th, then 7 × 7); 41 h 15 min in is Friday 27 Feb 09:15.
    expect(iso(reminderAt(dispatchedAt, resolveBy, calendar))).toBe('2026-02-27T01:15:00.000Z');
  });
});

describe('normal cases across Spring Festival 2025 (28 Jan–4 Feb off; Sun 26 Jan and Sat 8 Feb worked)', () => {
  it('counts both make-up days', () => {
    expect(deadlines(bj('2025-01-24T15:00'))).toMatchObject({
      acceptBy: '2025-01-24T09:00:00.000Z', // Fri 17:00
      contactBy: '2025-01-26T09:30:00.000Z', // Sun 26 Jan 17:30 (make-up)
      // 26 (make-up), 27, 5 Feb, 6, 7, 8 (make-up), 10 → Mon 10 Feb 17:30
      resolveBy: '2025-02-10T09:30:00.000Z',
    });
  });
});

describe('normal cases across National Day 2025 (1–8 October off; Sun 28 Sep and Sat 11 Oct worked)', () => {
  const dispatchedAt = bj('2025-09-26T15:00'); // Friday

  it('runs over the make-up days and past the holiday', () => {
    expect(deadlines(dispatchedAt)).toEqual({
      acceptBy: '2025-09-26T09:00:00.000Z', // Fri 17:00
      contactBy: '2025-09-28T09:30:00.000Z', // Sun 28 Sep (make-up) 17:30
      // 28, 29, 30 Sep, 9, 10, 11 (make-up), 13 Oct → Mon 13 Oct 17:30
      resolveBy: '2025-10-13T09:30:00.000Z',
      clocks: WORKING,
    });
  });

  it('extends by whole working days from the old deadline, up to the complex-case limit of 15', () => {
    const resolveBy = bj('2025-10-13T17:30');
    expect(iso(extendDeadline(resolveBy, 8, calendar))).toBe('2025-10-23T09:30:00.000Z');
    expect(iso(extensionLimit({ dispatchedAt, policy, calendar }))).toBe('2025-10-23T09:30:00.000Z');
  });
});

describe('normal cases across National Day 2026 (1–7 October off; Sun 20 Sep and Sat 10 Oct worked)', () => {
  it('crosses the holiday week', () => {
    expect(deadlines(bj('2026-09-30T16:30'))).toEqual({
      acceptBy: '2026-10-08T02:00:00.000Z', // 1 h on 30 Sep, 1 h on Thu 8 Oct → 10:00
      contactBy: '2026-10-08T09:30:00.000Z',
      // 8, 9, 10 (make-up), 12, 13, 14, 15 Oct → Thu 15 Oct 17:30
      resolveBy: '2026-10-15T09:30:00.000Z',
      clocks: WORKING,
    });
  });
});

describe('urgent cases run on natural hours', () => {
  it('ignore holidays and nights', () => {
    expect(deadlines(bj('2025-10-01T09:00'), { urgency: 'urgent' })).toEqual({
      acceptBy: '2025-10-01T02:00:00.000Z',
      contactBy: '2025-10-01T03:00:00.000Z',
      resolveBy: '2025-10-02T01:00:00.000Z',
      clocks: NATURAL,
    });
  });

  it('remind at 75 % of natural time', () => {
    const start = bj('2025-10-01T09:00');
    expect(iso(reminderAt(start, bj('2025-10-02T09:00'), calendar, 0.75, 'natural'))).toBe('2025-10-01T19:00:00.000Z');
    expect(iso(reminderAt(start, bj('2025-10-01T11:00'), calendar, 0.75, 'natural'))).toBe('2025-10-01T02:30:00.000Z');
  });

  it('treat a dispatched emergency like an urgent case', () => {
    expect(deadlines(bj('2025-10-01T09:00'), { urgency: 'emergency' })).toEqual(
      deadlines(bj('2025-10-01T09:00'), { urgency: 'urgent' }),
    );
  });
});

describe('utilities outages', () => {
  it('take the earlier of the outage rule and the normal rule, stage by stage', () => {
    // Friday 6 March 2026 16:30: the working-time deadlines would run into next week.
    expect(deadlines(bj('2026-03-06T16:30'), { utilitiesOutage: true })).toEqual({
      acceptBy: '2026-03-06T09:30:00.000Z', // 1 natural hour
      contactBy: '2026-03-06T10:30:00.000Z', // 2 natural hours
      resolveBy: '2026-03-07T08:30:00.000Z', // 24 natural hours, on the Saturday
      clocks: NATURAL,
    });
  });

  it('never loosen an urgent rule when an admin sets a slower outage rule', () => {
    const edited = defaultDeadlinePolicy();
    edited.utilitiesOutage.resolve = { amount: 48, unit: 'natural_hours' };
    const result = computeDeadlines({
      dispatchedAt: bj('2026-03-06T16:30'),
      type: 'help',
      urgency: 'urgent',
      utilitiesOutage: true,
      policy: edited,
      calendar,
    });
    expect(iso(result.resolveBy)).toBe('2026-03-07T08:30:00.000Z');
  });
});

describe('dispatch times', () => {
  it('outside working hours: counting starts at the next opening', () => {
    expect(deadlines(bj('2026-03-10T20:00'))).toMatchObject({
      acceptBy: '2026-03-11T03:00:00.000Z', // Wed 11:00
      contactBy: '2026-03-11T09:30:00.000Z', // Wed 17:30
    });
  });

  it('late evening UTC is already the next day in Beijing', () => {
    // 23:00 UTC Tue 10 March = 07:00 Wed 11 March in Beijing; Wednesday is the dispatch day.
    expect(deadlines(new Date('2026-03-10T23:00:00Z'))).toMatchObject({
      acceptBy: '2026-03-11T03:00:00.000Z', // Wed 11:00
      contactBy: '2026-03-12T09:30:00.000Z', // Thu 17:30
      resolveBy: '2026-03-20T09:30:00.000Z', // 12, 13, 16, 17, 18, 19, 20
    });
  });

  it('during the lunch break: counting starts at 13:30', () => {
    expect(deadlines(bj('2026-03-11T12:15')).acceptBy).toBe('2026-03-11T07:30:00.000Z'); // 15:30
  });

  it('across a weekend, with a working-time reminder on Friday and Monday', () => {
    const dispatchedAt = bj('2026-03-06T16:30');
    const result = computeDeadlines({ dispatchedAt, type: 'report', urgency: 'normal', policy, calendar });
    expect(iso(result.acceptBy)).toBe('2026-03-09T02:00:00.000Z'); // Mon 10:00
    expect(iso(result.resolveBy)).toBe('2026-03-17T09:30:00.000Z');
    // 75 % of 2 working hours = 1.5 h: 1 h on Friday, 0.5 h on Monday → 09:30.
    expect(iso(reminderAt(dispatchedAt, result.acceptBy, calendar))).toBe('2026-03-09T01:30:00.000Z');
  });
});

describe('reminders at the edges', () => {
  it('fire at once when no time is left, and refuse a fraction outside 0..1', () => {
    const start = bj('2026-03-11T10:00');
    expect(iso(reminderAt(start, bj('2026-03-11T09:00'), calendar))).toBe(iso(start));
    expect(iso(reminderAt(start, bj('2026-03-11T12:00'), calendar, 0))).toBe(iso(start));
    expect(iso(reminderAt(start, bj('2026-03-11T12:00'), calendar, 1))).toBe('2026-03-11T04:00:00.000Z');
    expect(() => reminderAt(start, bj('2026-03-11T12:00'), calendar, 1.2)).toThrow(RangeError);
  });
});
