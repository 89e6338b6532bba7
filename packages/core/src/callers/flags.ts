import { z } from 'zod';
import { FREQUENT_CALLER } from '../metrics/fairness.js';

/**
 * Caller flags (DESIGN §7, issue 12 §3, ADR 0036). A flag marks a phone number, never a case:
 * - `frequent`: raised by the worker when a caller has more contacts than the rule allows
 *   (core FREQUENT_CALLER, the same rule as the fairness report and the screen-pop);
 * - `abuse`: raised by staff with a reason from a fixed list and a note.
 * A flag only routes: calls from a flagged number ring first at the jurisdiction's designated
 * handler (专席), and their open cases gather in that person's queue. It never drops, hides,
 * delays or lowers a contact or case, and priority never reads it.
 */
export const CALLER_FLAG_KINDS = ['frequent', 'abuse'] as const;
export type CallerFlagKind = (typeof CALLER_FLAG_KINDS)[number];

export const ABUSE_REASONS = ['harassment', 'abusive_language', 'threats', 'repeated_unfounded', 'other'] as const;
export type AbuseReason = (typeof ABUSE_REASONS)[number];

/** active: in force; cleared: a supervisor reviewed it and lifted it (kept for the record). */
export const CALLER_FLAG_STATUSES = ['active', 'cleared'] as const;
export type CallerFlagStatus = (typeof CALLER_FLAG_STATUSES)[number];

export const CALLER_FLAG_NOTE_MAX = 500;

export function isCallerFlagKind(value: string): value is CallerFlagKind {
  return (CALLER_FLAG_KINDS as readonly string[]).includes(value);
}

export function isAbuseReason(value: string | null): value is AbuseReason {
  return value !== null && (ABUSE_REASONS as readonly string[]).includes(value);
}

export const raiseAbuseFlagInput = z.object({
  phone: z.string().trim().min(3).max(32).describe('the caller\'s number, as dialled'),
  reason: z.enum(ABUSE_REASONS),
  note: z.string().trim().min(4).max(CALLER_FLAG_NOTE_MAX).describe('what happened, for the reviewer (personal data in it is sealed and redacted)'),
});
export type RaiseAbuseFlagInput = z.infer<typeof raiseAbuseFlagInput>;

export const reviewCallerFlagInput = z.object({
  decision: z.enum(['confirm', 'clear']),
  note: z.string().trim().min(2).max(CALLER_FLAG_NOTE_MAX),
});
export type ReviewCallerFlagInput = z.infer<typeof reviewCallerFlagInput>;

/**
 * Where the count of a caller's contacts starts for the frequent rule: the window's start, or the
 * moment a reviewer last cleared their frequent flag if later. Clearing says "what we saw was
 * not a pattern"; only contacts after it may raise the flag again.
 */
export function frequentCountStart(now: Date, clearedAt: Date | null, rule: { days: number } = FREQUENT_CALLER): Date {
  const windowStart = new Date(now.getTime() - rule.days * 86_400_000);
  return clearedAt && clearedAt > windowStart ? clearedAt : windowStart;
}

/** Whether contacts counted from frequentCountStart make the caller frequent (more than the rule's number). */
export function exceedsFrequentRule(contacts: number, rule: { overContacts: number } = FREQUENT_CALLER): boolean {
  return contacts > rule.overContacts;
}

/**
 * Who a call from a flagged caller rings for, among the people who would answer the line. The
 * designated handler takes it alone when they are among them and watching a screen; otherwise
 * everyone who would have seen it still does, so a flag can never leave a call unannounced.
 */
export function flaggedCallRecipients(o: { watching: readonly string[]; flagged: boolean; designatedUserId: string | null }): string[] {
  if (!o.flagged || o.designatedUserId === null || !o.watching.includes(o.designatedUserId)) return [...o.watching];
  return [o.designatedUserId];
}

export const callerFlagSettingsSchema = z.object({
  designatedUserId: z.string().uuid().nullable().describe('the 专席 who takes flagged callers: a centre operator; null for none'),
});
export type CallerFlagSettings = z.infer<typeof callerFlagSettingsSchema>;

export const callerFlagViewSchema = z.object({
  id: z.string(),
  kind: z.enum(CALLER_FLAG_KINDS),
  status: z.enum(CALLER_FLAG_STATUSES),
  callerPhone: z.string().describe('masked'),
  reason: z.enum(ABUSE_REASONS).nullable(),
  note: z.string().nullable().describe('redacted'),
  contactsAtRaise: z.number().int().nullable().describe('frequent flags: the contacts counted when it was raised'),
  raisedAt: z.string(),
  raisedByName: z.string().nullable().describe('null: raised by the system'),
  reviewedAt: z.string().nullable(),
  reviewedByName: z.string().nullable(),
  reviewDecision: z.enum(['confirm', 'clear']).nullable(),
  reviewNote: z.string().nullable(),
  openCases: z.number().int().describe('open cases of this caller the viewer may see'),
});
export type CallerFlagView = z.infer<typeof callerFlagViewSchema>;
