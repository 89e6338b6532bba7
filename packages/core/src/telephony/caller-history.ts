import { z } from 'zod';
import { CASE_STATUSES } from '../case-status.js';
import { CASE_TYPES, CHANNELS } from '../channels.js';
import { VULNERABILITIES } from '../priority/vulnerability-lexicon.js';
import { ABUSE_REASONS, CALLER_FLAG_KINDS } from '../callers/flags.js';

/**
 * What the caller history and the screen-pop send (issue 10 §2, ADR 0020): one definition for
 * the server's responses and events and the console's types. Everything in it is masked.
 */
export const HISTORY_LIMITS = { openCases: 10, closedCases: 5, contacts: 10 } as const;

/**
 * The 30-day counts stop here (issue 10 §2, issue 13 §3): the history reads at most this many of
 * a caller's latest contacts and calls, so a caller with thousands costs what one with fifty
 * does, and a count that reached it reads "50+" (fifty or more). Far above the frequent-caller
 * rule's threshold (more than 5), which is thus decided on an exact count.
 */
export const HISTORY_COUNT_CAP = 50;

/** A count read through `LIMIT cap`: what is shown, and whether it reached the cap (so may be more). */
export function capCount(read: number, cap: number = HISTORY_COUNT_CAP): { count: number; capped: boolean } {
  return { count: Math.min(read, cap), capped: read >= cap };
}

const historyCase = z.object({
  caseId: z.string(),
  caseNumber: z.string(),
  status: z.enum(CASE_STATUSES),
  type: z.enum(CASE_TYPES).or(z.string()),
  summary: z.string().describe('the start of the redacted appeal text'),
  lineName: z.string().nullable(),
  createdAt: z.string(),
});
export type CallerHistoryCase = z.infer<typeof historyCase>;

export const callerHistorySchema = z.object({
  callerName: z.string().nullable().describe('the name on their latest own case, masked'),
  openCases: z.array(historyCase).describe(`open cases, newest first (at most ${HISTORY_LIMITS.openCases})`),
  closedCases: z.array(historyCase).describe(`latest finished cases (at most ${HISTORY_LIMITS.closedCases})`),
  recentContacts: z.array(z.object({
    contactId: z.string(),
    caseId: z.string().nullable(),
    caseNumber: z.string().nullable(),
    channel: z.enum(CHANNELS).or(z.string()),
    outcome: z.string(),
    receivedAt: z.string(),
  })).describe(`latest contacts, newest first (at most ${HISTORY_LIMITS.contacts})`),
  contactsLast30Days: z.number().int().describe(`contacts in 30 days, counted up to ${HISTORY_COUNT_CAP}`),
  contactsCapped: z.boolean().describe(`${HISTORY_COUNT_CAP} contacts or more in 30 days: the count stopped there (shown as "${HISTORY_COUNT_CAP}+")`),
  callsLast30Days: z.number().int().describe(`inbound calls in 30 days, counted up to ${HISTORY_COUNT_CAP}`),
  callsCapped: z.boolean().describe(`${HISTORY_COUNT_CAP} calls or more in 30 days: the count stopped there`),
  unansweredCallsLast30Days: z.number().int().describe(`of the calls counted (the latest ${HISTORY_COUNT_CAP} when callsCapped), those no person answered`),
  frequentCaller: z.boolean().describe('more than 5 contacts in 30 days (DESIGN §7)'),
  vulnerabilities: z.array(z.enum(VULNERABILITIES)).describe('flags confirmed on any of their cases'),
  flags: z.array(z.object({ kind: z.enum(CALLER_FLAG_KINDS), reason: z.enum(ABUSE_REASONS).nullable() }))
    .describe('caller flags in force (ADR 0036): they route calls to the designated handler, nothing else'),
});
export type CallerHistory = z.infer<typeof callerHistorySchema>;

/** The live event `call.offered`: a call ringing on a line this person answers. */
export interface OfferedCall {
  callId: string;
  lineId: string;
  lineName: string;
  lineNumber: string;
  lineMode: string;
  /** Masked; null for a withheld number. */
  callerPhone: string | null;
  offeredAt: string;
  /** Null for a withheld number: there is nothing to look up. */
  history: CallerHistory | null;
  /** The caller is flagged and the call rings for the designated handler alone (ADR 0036). */
  designated: boolean;
}

/** A call taken on screen into the new-case form (`POST /calls/:id/take`). */
export const takenCallSchema = z.object({
  callId: z.string(),
  callerPhone: z.string().nullable().describe('in full (E.164): the take is an audited reveal'),
  lineId: z.string().nullable(),
  channel: z.literal('phone'),
  caseId: z.string().nullable(),
});
export type TakenCall = z.infer<typeof takenCallSchema>;
