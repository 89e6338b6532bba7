import { CALLBACK_REASONS, type CallbackDetail, type CallbackTask, type CallerViewer } from '@openline/core';
import { z } from 'zod';
import type { PiiCipher } from '../../crypto/pii.js';
import { showSenderPhone } from '../cases/caller.js';
import type { listAttempts, listTaskCalls, TaskRow } from './queue-repository.js';

export function presentTask(row: TaskRow, o: { pii: PiiCipher; now: string; mayWork: boolean; viewer: CallerViewer }): CallbackTask {
  const { callerEnc, voicemailEnc, ...rest } = row;
  return {
    ...rest,
    reason: z.enum(CALLBACK_REASONS).parse(row.reason),
    // Through the one door for callers shown to people (modules/cases/caller.ts).
    callerPhone: showSenderPhone(callerEnc, row.lineMode === 'tip', o.viewer, o.pii),
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
