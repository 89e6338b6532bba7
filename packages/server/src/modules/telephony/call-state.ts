import type { CallEventFact, CallState } from '@openline/core';
import type { Selectable } from 'kysely';
import type { CallEventTable } from '../../db/schema.js';

/**
 * `call_events.action` of a newCall refused because its line takes no calls (ADR 0041), told apart
 * from a blocked caller's 'reject' so the record says why; both fold as rejected.
 */
export const REJECT_NO_VOICE = 'reject_no_voice';

/** A stored event as core's fold reads it. */
export function eventFact(row: Selectable<CallEventTable>): CallEventFact {
  const users = row.users ? (JSON.parse(row.users) as string[]) : [];
  return { event: row.event, at: row.received_at, cause: row.cause, user: users[0] ?? null, answeringNumber: row.answering_number, rejected: row.action === 'reject' || row.action === REJECT_NO_VOICE };
}

/** A folded call state as call_records columns. */
export function stateColumns(s: CallState) {
  return {
    offered_at: s.offeredAt, answered_at: s.answeredAt, ended_at: s.endedAt, wait_seconds: s.waitSeconds, talk_seconds: s.talkSeconds,
    outcome: s.outcome, late_answer: s.lateAnswer ? 1 : 0, answered_by: s.answeredBy, cause: s.cause,
  };
}
