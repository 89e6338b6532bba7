import type { CaseType, Urgency } from '../channels.js';
import type { DeadlinePolicy, DeadlineSpan, PolicyUrgency, StageSpans } from './policy.js';
import type { WorkingCalendar } from './working-calendar.js';
import { addNaturalHours, addWorkingDays, addWorkingHours, addWorkingMs, workingMsBetween } from './working-time.js';

/** Which clock a deadline runs on; reminders take their fraction of the same clock. */
export type DeadlineClock = 'working' | 'natural';

export function clockOf(span: DeadlineSpan): DeadlineClock {
  return span.unit === 'natural_hours' ? 'natural' : 'working';
}

/** The deadline `span` after `start`. */
export function applySpan(start: Date, span: DeadlineSpan, calendar: WorkingCalendar): Date {
  switch (span.unit) {
    case 'working_hours':
      return addWorkingHours(start, span.amount, calendar);
    case 'working_days':
      return addWorkingDays(start, span.amount, calendar);
    case 'natural_hours':
      return addNaturalHours(start, span.amount);
  }
}

export interface ComputeDeadlinesInput {
  dispatchedAt: Date;
  type: CaseType;
  urgency: Urgency;
  /** Water, power, gas or heating outage (DESIGN §5). */
  utilitiesOutage?: boolean;
  policy: DeadlinePolicy;
  calendar: WorkingCalendar;
}

type Stage = keyof StageSpans;

/** The timestamps a case stores, and the clock of each so reminders can be placed. */
export interface CaseDeadlines {
  acceptBy: Date;
  contactBy: Date;
  resolveBy: Date;
  clocks: Record<Stage, DeadlineClock>;
}

function policyUrgency(urgency: Urgency): PolicyUrgency {
  return urgency === 'normal' ? 'normal' : 'urgent';
}

/**
 * Deadlines for a dispatch (or a re-dispatch, or a reopen: pass that moment as `dispatchedAt`).
 * An outage takes, stage by stage, the earlier of its own rule and the type × urgency rule, so
 * editing either table can only make an outage faster, never slower.
 */
export function computeDeadlines(input: ComputeDeadlinesInput): CaseDeadlines {
  const { dispatchedAt, policy, calendar } = input;
  const rules: StageSpans = policy.byType[input.type][policyUrgency(input.urgency)];
  const pick = (stage: Stage): { at: Date; clock: DeadlineClock } => {
    const own = { at: applySpan(dispatchedAt, rules[stage], calendar), clock: clockOf(rules[stage]) };
    if (!input.utilitiesOutage) return own;
    const outage = policy.utilitiesOutage[stage];
    const outageAt = applySpan(dispatchedAt, outage, calendar);
    return outageAt.getTime() < own.at.getTime() ? { at: outageAt, clock: clockOf(outage) } : own;
  };
  const accept = pick('accept');
  const contact = pick('contact');
  const resolve = pick('resolve');
  return {
    acceptBy: accept.at,
    contactBy: contact.at,
    resolveBy: resolve.at,
    clocks: { accept: accept.clock, contact: contact.clock, resolve: resolve.clock },
  };
}

/**
 * An approved extension (延期) moves the resolve deadline by whole working days, counted from the
 * old deadline the same way as `addWorkingDays`: 7 working days extended by 8 is exactly 15.
 */
export function extendDeadline(resolveBy: Date, workingDays: number, calendar: WorkingCalendar): Date {
  return addWorkingDays(resolveBy, workingDays, calendar);
}

/** The latest resolve deadline an approved extension may set for a complex case (default 15 working days). */
export function extensionLimit(input: { dispatchedAt: Date; policy: DeadlinePolicy; calendar: WorkingCalendar }): Date {
  return applySpan(input.dispatchedAt, input.policy.complexResolve, input.calendar);
}

/**
 * When to remind: `fraction` of the way from `start` to `deadline`, on the deadline's own clock.
 * On the working clock, 75 % of a Friday-to-Tuesday span lands in Monday's working hours, not on
 * Sunday. A deadline with no time left (already due) is reminded of at `start`.
 */
export function reminderAt(
  start: Date,
  deadline: Date,
  calendar: WorkingCalendar,
  fraction = 0.75,
  clock: DeadlineClock = 'working',
): Date {
  if (!(fraction >= 0 && fraction <= 1)) throw new RangeError('fraction must be between 0 and 1');
  if (clock === 'natural') {
    const span = Math.max(0, deadline.getTime() - start.getTime());
    return new Date(start.getTime() + Math.round(span * fraction));
  }
  const span = Math.max(0, workingMsBetween(start, deadline, calendar));
  return addWorkingMs(start, Math.round(span * fraction), calendar);
}
