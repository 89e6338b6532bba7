import { CALLBACK_ATTEMPT_RESULTS, CALLBACK_OUTCOMES, CALLBACK_REASONS, maskPhone } from '@openline/core';
import { z } from 'zod';
import type { PiiCipher } from '../../crypto/pii.js';
import type { listAttempts, listTaskCalls, TaskRow } from './queue-repository.js';

export const callbackTaskSchema = z.object({
  id: z.string(),
  lineId: z.string(),
  lineName: z.string(),
  lineNumber: z.string(),
  lineMode: z.enum(['direct', 'staffed', 'sms_only', 'tip']),
  ownerName: z.string().nullable(),
  unitId: z.string().nullable(),
  unitName: z.string().nullable().describe('whose staff work the task'),
  callerPhone: z.string().describe('masked (138****5678); POST …/reveal shows it in full, audited'),
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

export const callbackDetailSchema = callbackTaskSchema.extend({
  calls: z.array(z.object({ id: z.string(), offeredAt: z.string(), outcome: z.string().nullable(), waitSeconds: z.number().int().nullable() })),
  attempts: z.array(z.object({ id: z.string(), result: z.enum(CALLBACK_ATTEMPT_RESULTS), note: z.string().nullable(), createdAt: z.string(), byName: z.string() })),
});
export type CallbackDetail = z.infer<typeof callbackDetailSchema>;

export function presentTask(row: TaskRow, o: { pii: PiiCipher; now: string; mayWork: boolean }): CallbackTask {
  const { callerEnc, voicemailEnc, ...rest } = row;
  return {
    ...rest,
    reason: z.enum(CALLBACK_REASONS).parse(row.reason),
    callerPhone: maskPhone(o.pii.decrypt(callerEnc)),
    hasVoicemail: voicemailEnc !== null,
    voicemailUrl: voicemailEnc === null || !o.mayWork ? null : o.pii.decrypt(voicemailEnc),
    overdue: row.status === 'open' && row.firstAttemptAt === null && row.dueAt <= o.now,
    mayWork: o.mayWork,
  };
}

export function presentDetail(
  task: CallbackTask,
  calls: Awaited<ReturnType<typeof listTaskCalls>>,
  attempts: Awaited<ReturnType<typeof listAttempts>>,
  pii: PiiCipher,
): CallbackDetail {
  return {
    ...task,
    calls,
    attempts: attempts.map(({ noteEnc, ...a }) => ({ ...a, note: noteEnc === null ? null : pii.decrypt(noteEnc) })),
  };
}
