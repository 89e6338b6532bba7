import { z } from 'zod';
import { CASE_TYPES } from '../channels.js';

/**
 * How a deadline is measured. Working time skips nights, weekends and holidays; natural hours do
 * not, because an urgent appeal or a burst water main does not wait for Monday.
 */
export const DEADLINE_UNITS = ['working_hours', 'working_days', 'natural_hours'] as const;
export type DeadlineUnit = (typeof DEADLINE_UNITS)[number];

export const deadlineSpanSchema = z
  .object({ amount: z.number().positive().max(10_000), unit: z.enum(DEADLINE_UNITS) })
  .refine((span) => span.unit !== 'working_days' || Number.isInteger(span.amount), {
    message: 'working days must be a whole number',
    path: ['amount'],
  });
export type DeadlineSpan = z.infer<typeof deadlineSpanSchema>;

/** The three deadlines every dispatched case carries, each measured from dispatch. */
export const stageSpansSchema = z.object({
  /** accept or return the dispatch (签收或退单) */
  accept: deadlineSpanSchema,
  /** first contact with the citizen (联系诉求人) */
  contact: deadlineSpanSchema,
  /** resolve and reply (办结答复) */
  resolve: deadlineSpanSchema,
});
export type StageSpans = z.infer<typeof stageSpansSchema>;

/**
 * Urgencies with their own rules. `emergency` is not a work order (the caller is sent to
 * 110/119/120); if one is ever dispatched anyway it gets the urgent rules, the strictest there are.
 */
export const POLICY_URGENCIES = ['normal', 'urgent'] as const;
export type PolicyUrgency = (typeof POLICY_URGENCIES)[number];

/**
 * A jurisdiction's editable deadline table: case type × urgency, an override for utilities outages
 * (water, power, gas, heating), and how far an approved extension may push a complex case.
 */
export const deadlinePolicySchema = z.object({
  byType: z.record(z.enum(CASE_TYPES), z.object({ normal: stageSpansSchema, urgent: stageSpansSchema })),
  /** For outages each stage takes whichever is earlier: this rule or the type × urgency rule. */
  utilitiesOutage: stageSpansSchema,
  /** The latest resolve deadline an approved extension may reach, measured from dispatch. */
  complexResolve: deadlineSpanSchema,
});
export type DeadlinePolicy = z.infer<typeof deadlinePolicySchema>;

const workingHours = (amount: number): DeadlineSpan => ({ amount, unit: 'working_hours' });
const workingDays = (amount: number): DeadlineSpan => ({ amount, unit: 'working_days' });
const naturalHours = (amount: number): DeadlineSpan => ({ amount, unit: 'natural_hours' });

/**
 * DESIGN §5. Normal: accept or return within 2 working hours, contact within 1 working day, resolve
 * within 7 working days. Urgent: contact within 2 h, resolve within 24 h. §5 names no accept time
 * for urgent cases; 1 natural hour keeps acceptance ahead of the 2-hour contact. Outages resolve
 * within 24 h and, since §5 sets no working-time stages for them, accept and contact like urgent
 * cases rather than waiting for office hours.
 */
export function defaultDeadlinePolicy(): DeadlinePolicy {
  // Functions, not shared constants, so an admin editing one cell edits only that cell.
  const normal = (): StageSpans => ({ accept: workingHours(2), contact: workingDays(1), resolve: workingDays(7) });
  const urgent = (): StageSpans => ({ accept: naturalHours(1), contact: naturalHours(2), resolve: naturalHours(24) });
  const byType = Object.fromEntries(
    CASE_TYPES.map((type) => [type, { normal: normal(), urgent: urgent() }]),
  ) as DeadlinePolicy['byType'];
  return {
    byType,
    utilitiesOutage: urgent(),
    complexResolve: workingDays(15),
  };
}
