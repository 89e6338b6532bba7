import { addWorkingMs, nextWorkingTime } from '../calendar/working-time.js';
import type { WorkingCalendar } from '../calendar/working-calendar.js';
import type { CallOutcome } from './causes.js';
import { addLineOpenMs, isLineOpen, nextLineOpening, type LineServiceHours } from './line-hours.js';

/**
 * Callback tasks 回电任务 (issue 10 §5, DESIGN §7, ADR 0022): a call a line did not take becomes a
 * promise to ring the caller back by a deadline, worked by the line's owner or their staff.
 */
export const CALLBACK_REASONS = ['after_hours', 'missed', 'abandoned', 'busy', 'voicemail'] as const;
export type CallbackReason = (typeof CALLBACK_REASONS)[number];

export const CALLBACK_OUTCOMES = ['reached', 'not_reached', 'case'] as const;
export type CallbackOutcome = (typeof CALLBACK_OUTCOMES)[number];

/** One try to ring the caller back. Only `reached` closes at once; `invalid_number` gives up. */
export const CALLBACK_ATTEMPT_RESULTS = ['reached', 'no_answer', 'busy', 'invalid_number'] as const;
export type CallbackAttemptResult = (typeof CALLBACK_ATTEMPT_RESULTS)[number];

export interface CallbackPolicy {
  /** Open time of the line (working time when it has none) from the call, or from its next opening, to the deadline. */
  withinMinutes: number;
  /** Failed tries after which a task closes as not reached. */
  maxTries: number;
}

export const DEFAULT_CALLBACK_POLICY: CallbackPolicy = { withinMinutes: 60, maxTries: 3 };

/**
 * A staffed queue sees many callers hang up within seconds (a wrong number, a re-dial); a
 * call-centre convention excludes those "short abandons" from callbacks. A direct line has no
 * queue: every unanswered ring to an official's line is a caller the official did not reach.
 */
export const SHORT_ABANDON_SECONDS = 10;

export type LineMode = 'direct' | 'staffed' | 'sms_only' | 'tip';

export interface CallForCallback {
  mode: LineMode;
  /** The caller's number is known (a withheld number cannot be rung back). */
  hasCaller: boolean;
  /** The line was closed when the call was offered. */
  afterHours: boolean;
  /** The folded outcome, null while the call is ringing. */
  outcome: CallOutcome | null;
  waitSeconds: number | null;
}

/**
 * Why this call needs a callback, or null. Tip lines never get one (calling a reporter back is
 * for the verifying officer, not a queue: ADR 0006), nor SMS-only lines, nor withheld numbers,
 * nor blocked callers (rejected). An after-hours call needs one as soon as it is offered,
 * whoever later answers it at the after-hours desk, because the line's own office never spoke
 * to the caller; during hours only an unanswered call does.
 */
export function callbackReason(call: CallForCallback): CallbackReason | null {
  if (call.mode !== 'direct' && call.mode !== 'staffed') return null;
  if (!call.hasCaller || call.outcome === 'rejected') return null;
  if (call.afterHours) return 'after_hours';
  switch (call.outcome) {
    case 'missed':
    case 'busy':
    case 'voicemail':
      return call.outcome;
    case 'abandoned':
      return call.mode === 'staffed' && (call.waitSeconds ?? 0) < SHORT_ABANDON_SECONDS ? null : 'abandoned';
    default:
      return null;
  }
}

export interface CallbackDeadline {
  /** When the callback window opens: the call itself during hours, else the line's next opening. */
  startsAt: Date;
  dueAt: Date;
  /** 75 % of the way, as for case deadlines. */
  remindAt: Date;
  /** `line`: counted in the line's open time; `working`: the line has no hours, so the jurisdiction's working time. */
  clock: 'line' | 'working';
}

/**
 * The deadline for calling back a call offered at `at` (default: 1 hour of the line's open time
 * after the line next opens, so a night call is due an hour into the next morning and a missed
 * call at 10:00 by 11:00). A line without any hours counts working time instead, so a task never
 * goes without a deadline.
 */
export function callbackDeadline(o: { hours: LineServiceHours; calendar: WorkingCalendar; at: Date; withinMinutes: number }): CallbackDeadline {
  if (!Number.isFinite(o.withinMinutes) || o.withinMinutes <= 0) throw new RangeError('withinMinutes must be a positive number');
  const ms = o.withinMinutes * 60_000;
  const startsAt = nextLineOpening(o.hours, o.calendar, o.at);
  const dueAt = startsAt && addLineOpenMs(o.hours, o.calendar, startsAt, ms);
  if (startsAt && dueAt) {
    const remindAt = addLineOpenMs(o.hours, o.calendar, startsAt, Math.round(ms * 0.75)) ?? dueAt;
    return { startsAt, dueAt, remindAt, clock: 'line' };
  }
  const start = nextWorkingTime(o.at, o.calendar);
  return { startsAt: start, dueAt: addWorkingMs(start, ms, o.calendar), remindAt: addWorkingMs(start, Math.round(ms * 0.75), o.calendar), clock: 'working' };
}

/** Whether the line is closed at `at`: the after-hours rule for a call offered then. */
export function isAfterHours(hours: LineServiceHours, calendar: WorkingCalendar, at: Date): boolean {
  return !isLineOpen(hours, calendar, at);
}

export type AttemptDecision = { close: false } | { close: true; outcome: Extract<CallbackOutcome, 'reached' | 'not_reached'> };

/**
 * What a recorded try does to its task: reached closes it as reached; a number that does not
 * exist closes it as not reached (ringing it again helps nobody); otherwise it closes as not
 * reached once `failedTries` (this one included) reaches the policy's tries.
 */
export function decideAttempt(result: CallbackAttemptResult, failedTries: number, policy: Pick<CallbackPolicy, 'maxTries'>): AttemptDecision {
  if (result === 'reached') return { close: true, outcome: 'reached' };
  if (result === 'invalid_number' || failedTries >= policy.maxTries) return { close: true, outcome: 'not_reached' };
  return { close: false };
}

/** The line as far as who calls its callers back goes. */
export interface CallbackLine {
  ownerUserId: string | null;
  /** The owner's own unit. */
  ownerUnitId: string | null;
  /** The unit an admin named for the line's callbacks (line settings). */
  callbackUnitId: string | null;
  /** The jurisdiction's hotline centre, if it has one. */
  centreUnitId: string | null;
}

/**
 * Who works a line's callback tasks: the owner, with the unit an admin named or else the owner's
 * own unit. A line nobody owns (the 12345 hotline itself, a direct line whose official left) falls
 * to the hotline centre, whose operators answer its calls (popAudience): a task with neither an
 * assignee nor a unit was shown in nobody's queue and reminded nobody until it went overdue.
 */
export function callbackWorkers(line: CallbackLine): { assigneeUserId: string | null; unitId: string | null } {
  const unitId = line.callbackUnitId ?? line.ownerUnitId ?? (line.ownerUserId === null ? line.centreUnitId : null);
  return { assigneeUserId: line.ownerUserId, unitId };
}
