import type { Urgency } from '../channels.js';
import { workingMsBetween, workingMsUntil } from '../calendar/working-time.js';
import type { WorkingCalendar } from '../calendar/working-calendar.js';
import type { Vulnerability } from './vulnerability-lexicon.js';
import { defaultPriorityWeights, type PriorityWeights } from './weights.js';

export interface PriorityContact {
  /**
   * Who made the contact: the blind index of the caller's phone (or another stable identity the
   * server has). `null` for a contact with no identity at all; all of those together count as
   * one caller, so anonymous repeats cannot inflate a case either.
   */
  callerKey: string | null;
}

export interface PriorityInput {
  urgency: Urgency;
  /** Every contact on the case and on the cases merged into it (DESIGN §3 merge). */
  contacts: readonly PriorityContact[];
  vulnerabilities?: readonly Vulnerability[];
  /** Working days since the case was received; see `caseAgeWorkingDays`. */
  ageWorkingDays: number;
}

export interface PriorityParts {
  urgency: number;
  impact: number;
  vulnerability: number;
  age: number;
}

export interface PriorityResult {
  score: number;
  parts: PriorityParts;
  /** Distinct callers counted for impact, for display (27 户反映). */
  callers: number;
}

/** Two decimals: enough to order cases, and stable to store and compare. */
const round = (value: number): number => Math.round(value * 100) / 100;

/**
 * Priority from urgency, people affected, vulnerability and age (DESIGN §7). Never from how often
 * one person got in touch: contacts are reduced to distinct callers before anything is counted.
 */
export function priorityScore(input: PriorityInput, weights: PriorityWeights = defaultPriorityWeights()): PriorityResult {
  const { contacts, ...rest } = input;
  return priorityScoreOfCallers({ ...rest, callers: new Set(contacts.map((c) => c.callerKey)).size }, weights);
}

/**
 * The same score when the distinct callers were already counted where the contacts are stored
 * (a parent with hundreds of merged reports: one count instead of hundreds of rows). `callers`
 * counts distinct caller keys, all contacts without one together as one.
 */
export function priorityScoreOfCallers(
  input: Omit<PriorityInput, 'contacts'> & { callers: number },
  weights: PriorityWeights = defaultPriorityWeights(),
): PriorityResult {
  if (!Number.isFinite(input.ageWorkingDays)) throw new RangeError('ageWorkingDays must be a finite number');
  const { callers } = input;
  const flags = new Set(input.vulnerabilities ?? []).size;
  const parts: PriorityParts = {
    urgency: weights.urgency[input.urgency],
    // log2 of 0 or 1 caller is no extra impact; each doubling of callers adds the same points.
    impact: round(Math.min(weights.impactCap, weights.impactPerDoubling * Math.log2(Math.max(1, callers)))),
    vulnerability:
      flags === 0 ? 0 : Math.min(weights.vulnerabilityCap, weights.vulnerabilityFirst + weights.vulnerabilityEach * (flags - 1)),
    // A clock set slightly wrong must not make a case younger than new.
    age: round(Math.min(weights.ageCap, weights.agePerWorkingDay * Math.max(0, input.ageWorkingDays))),
  };
  return { score: round(parts.urgency + parts.impact + parts.vulnerability + parts.age), parts, callers };
}

/** Working days between receipt and `now` on the jurisdiction's calendar, as a fraction. */
export function caseAgeWorkingDays(receivedAt: Date, now: Date, calendar: WorkingCalendar): number {
  return Math.max(0, workingMsBetween(receivedAt, now, calendar)) / workingDayMs(calendar);
}

/** caseAgeWorkingDays for many cases and one `now` (see workingMsUntil): the same figures, days summed once. */
export function caseAgesWorkingDays(now: Date, calendar: WorkingCalendar): (receivedAt: Date) => number {
  const until = workingMsUntil(now, calendar);
  const dayMs = workingDayMs(calendar);
  return (receivedAt) => Math.max(0, until(receivedAt)) / dayMs;
}

function workingDayMs(calendar: WorkingCalendar): number {
  return calendar.workingHours.reduce((sum, period) => sum + (period.end - period.start) * 60_000, 0);
}
