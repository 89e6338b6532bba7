import { z } from 'zod';
import { CALLBACK_ATTEMPT_RESULTS, CALLBACK_OUTCOMES, CALLBACK_REASONS } from '../telephony/callback-tasks.js';
import { LINE_MODES } from './line-codes.js';

/* Callback tasks 回电任务, an official's own lines, a line's after-hours settings (issue 10 §5, ADR 0022, ADR 0042). */

export const callbackTaskSchema = z.object({
  id: z.string(),
  lineId: z.string(),
  lineName: z.string(),
  lineNumber: z.string(),
  lineMode: z.enum(LINE_MODES),
  ownerName: z.string().nullable(),
  unitId: z.string().nullable(),
  unitName: z.string().nullable().describe('whose staff work the task'),
  callerPhone: z.string().nullable().describe('masked (138****5678); POST …/reveal shows it in full, audited; null where a tip line\'s reporter is hidden (ADR 0006: tasks are never filed on tip lines, but a line may become one)'),
  status: z.enum(['open', 'closed']),
  reason: z.enum(CALLBACK_REASONS),
  firstCallAt: z.string(),
  lastCallAt: z.string(),
  callCount: z.number().int().describe('calls of this caller to the line that the task answers'),
  hasVoicemail: z.boolean(),
  voicemailUrl: z.string().nullable().describe('the PBX\'s voicemail or recording link, for the owner and their staff only'),
  dueAt: z.string(),
  deadlineClock: z.enum(['line', 'working']).describe('line: counted in the line\'s open hours; working: the jurisdiction\'s working time (a line without hours)'),
  overdue: z.boolean().describe('open, no try yet, and past the deadline'),
  escalatedAt: z.string().nullable(),
  firstAttemptAt: z.string().nullable().describe('the first try meets the deadline'),
  failedTries: z.number().int(),
  outcome: z.enum(CALLBACK_OUTCOMES).nullable(),
  caseId: z.string().nullable(),
  caseNumber: z.string().nullable(),
  closedAt: z.string().nullable(),
  closedByName: z.string().nullable(),
  mayWork: z.boolean().describe('the viewer is the owner or their staff (records tries, reveals, closes)'),
});
export type CallbackTask = z.infer<typeof callbackTaskSchema>;

/** `GET /api/v1/callbacks`: a page of the queue with its counts. */
export const callbackQueueSchema = z.object({
  items: z.array(callbackTaskSchema),
  total: z.number().int(),
  counts: z.object({ open: z.number().int(), overdue: z.number().int(), closedToday: z.number().int() }),
});
export type CallbackQueue = z.infer<typeof callbackQueueSchema>;

/** `GET /api/v1/callbacks/:id`, and the answer of every action on a task. */
export const callbackDetailSchema = callbackTaskSchema.extend({
  calls: z.array(z.object({ id: z.string(), offeredAt: z.string(), outcome: z.string().nullable(), waitSeconds: z.number().int().nullable() })),
  attempts: z.array(z.object({ id: z.string(), result: z.enum(CALLBACK_ATTEMPT_RESULTS), note: z.string().nullable(), createdAt: z.string(), byName: z.string() })),
});
export type CallbackDetail = z.infer<typeof callbackDetailSchema>;

/** `POST /api/v1/callbacks/:id/reveal`: the number in full, to ring back (audited). */
export const callbackCallerSchema = z.object({ callerPhone: z.string() });
export type CallbackCaller = z.infer<typeof callbackCallerSchema>;

const count = z.number().int();
const rate = z.number().min(0).max(1).nullable();

/** One of the signed-in official's own lines at a glance. */
export const myLineSchema = z.object({
  id: z.string(),
  name: z.string(),
  number: z.string(),
  mode: z.enum(LINE_MODES),
  openNow: z.boolean(),
  nextOpensAt: z.string().nullable().describe('now when open; null when the line has no hours'),
  afterHoursNumber: z.string().nullable(),
  today: z.object({ offered: count, answered: count, missed: count }).describe('since local midnight'),
  last24h: z.object({
    offered: count,
    answered: count.describe('answered, counting missed calls called back within 1 h (as the public directory)'),
    missed: count.describe('offered and neither answered nor called back within 1 h'),
    calledBack: count.describe('missed calls the phone system shows called back (answered) within 1 h: counted in answered and in the answer rate'),
    callbacksWithin1h: count.describe('callback tasks of calls in the window recorded as reached within 1 h of the first call; the answer rate takes only calledBack (call records)'),
    answerRate: rate,
    answeredWithin15sRate: rate,
    cold: z.boolean(),
  }),
  callbacks: z.object({ open: count, overdue: count }),
});
export type MyLine = z.infer<typeof myLineSchema>;

/** `GET /api/v1/me/lines`. */
export const myLineListSchema = z.object({ items: z.array(myLineSchema) });
export type MyLineList = z.infer<typeof myLineListSchema>;

/** A number a PBX can dial: digits with an optional +, spaces and dashes, as numbers are written. */
const dialable = z.string().trim().regex(/^\+?\d[\d -]{1,30}$/, 'a phone number: digits, optionally +, spaces and dashes');

/** `GET|PUT /api/v1/admin/lines/:id/callback-settings`, answer and body alike. */
export const callbackSettingsSchema = z.object({
  afterHoursNumber: dialable.nullable().describe('the after-hours desk a newCall outside the line\'s hours is forwarded to; null: none'),
  callbackUnitId: z.string().uuid().nullable().describe('whose staff work the line\'s callbacks; null: the owner\'s unit'),
  withinMinutes: z.number().int().min(5).max(7 * 24 * 60).describe('minutes of the line\'s open time from its next opening to the callback deadline'),
  maxTries: z.number().int().min(1).max(10).describe('failed tries after which a task closes as not reached'),
});
export type CallbackSettings = z.infer<typeof callbackSettingsSchema>;
