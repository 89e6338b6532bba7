import { foldCall, type CallEventFact, type CallState } from '@openline/core';
import type { AppContext } from '../../lib/app-context.js';
import { newId, nowIso } from '../../lib/ids.js';
import { inTransaction } from '../../lib/unit-of-work.js';
import { announceCall } from '../callers/screen-pop.js';
import { callEvents, insertCallIfNew, insertEventIfNew, isBlocked, jurisdictionLines, lockCall, updateCall, usersNamed } from './call-repository.js';
import type { CtiEvent } from './cti-input.js';
import { matchLine, sealParty, sides } from './parties.js';
import type { CtiCaller } from './tokens.js';

/** What the phone system is told, as Zammad answers: `{}` or a reject for a blocked caller. */
export type CtiAnswer = Record<string, never> | { action: 'reject'; reason: 'busy' };

type EventRow = Awaited<ReturnType<typeof callEvents>>[number];

function fact(row: EventRow): CallEventFact {
  const users = row.users ? (JSON.parse(row.users) as string[]) : [];
  return { event: row.event, at: row.received_at, cause: row.cause, user: users[0] ?? null, answeringNumber: row.answering_number, rejected: row.action === 'reject' };
}

function stateColumns(s: CallState) {
  return {
    offered_at: s.offeredAt, answered_at: s.answeredAt, ended_at: s.endedAt, wait_seconds: s.waitSeconds, talk_seconds: s.talkSeconds,
    outcome: s.outcome, late_answer: s.lateAnswer ? 1 : 0, answered_by: s.answeredBy, cause: s.cause,
  };
}

/**
 * One event from a phone system (already authenticated by its token). The call row is created
 * by whichever of its events comes first; the event is stored once per kind, and the call's
 * state is folded anew from all its events (core foldCall), so repeats change nothing and order
 * does not matter (ADR 0017). A blocked caller's newCall is answered with reject and recorded.
 */
export async function receiveCtiEvent(ctx: AppContext, o: { caller: CtiCaller; event: CtiEvent; now?: Date }): Promise<CtiAnswer> {
  const { event: e, caller } = o;
  const at = nowIso(o.now);
  const { lineNumber, party } = sides(e.direction, e.from, e.to);
  const sealed = sealParty(party, ctx.pii);
  const reject = e.event === 'newCall' && e.direction === 'in' && sealed !== null && (await isBlocked(ctx.db, caller.jurisdictionId, sealed.bidx));
  const lineId = matchLine(await jurisdictionLines(ctx.db, caller.jurisdictionId), lineNumber);
  const answeredByUserId = e.event === 'answer' ? await answeringUser(ctx, caller.jurisdictionId, e) : null;

  await inTransaction(ctx, async ({ db }) => {
    const key = { jurisdictionId: caller.jurisdictionId, source: 'cti' as const, externalId: e.callId };
    await insertCallIfNew(db, {
      id: newId(), jurisdiction_id: key.jurisdictionId, source: 'cti', external_id: key.externalId, cti_token_id: caller.tokenId, direction: e.direction,
      line_id: lineId, line_number: lineNumber, caller_enc: sealed?.enc ?? null, caller_bidx: sealed?.bidx ?? null, queue: e.queue,
      offered_at: at, late_answer: 0, created_at: at, updated_at: at,
    });
    const call = await lockCall(db, ctx.dialect, key);
    const inserted = await insertEventIfNew(db, {
      call_id: call.id, event: e.event, received_at: at, cause: e.cause, users: e.users.length > 0 ? JSON.stringify(e.users) : null,
      answering_number: e.answeringNumber, action: reject ? 'reject' : null,
    });
    if (!inserted) return;
    const state = foldCall((await callEvents(db, call.id)).map(fact));
    // A call first heard of by an event without numbers (a bare hangup) learns them from a later one.
    const learned = {
      ...(call.lineNumber === '' && lineNumber !== '' ? { line_number: lineNumber, line_id: lineId } : {}),
      ...(call.callerEnc === null && sealed ? { caller_enc: sealed.enc, caller_bidx: sealed.bidx } : {}),
    };
    await updateCall(db, call.id, {
      ...stateColumns(state), ...learned, updated_at: at,
      ...(answeredByUserId && state.answeredAt === at ? { answered_by_user_id: answeredByUserId } : {}),
      ...(e.queue ? { queue: e.queue } : {}),
    });
  });
  await announceCall(ctx, { jurisdictionId: caller.jurisdictionId, event: e, lineId, sealed, rejected: reject, at });
  // A repeated newCall of a blocked caller is told the same again.
  return reject ? { action: 'reject', reason: 'busy' } : {};
}

/** The staff account named by the answer's `user` (username or display name), if exactly one is. */
async function answeringUser(ctx: AppContext, jurisdictionId: string, e: CtiEvent): Promise<string | null> {
  const names = e.users.slice(0, 5);
  if (names.length === 0) return null;
  const found = await usersNamed(ctx.db, jurisdictionId, names);
  const first = names.map((n) => found.filter((u) => u.username === n || u.displayName === n)).find((m) => m.length > 0);
  return first?.length === 1 ? (first[0]?.id ?? null) : null;
}
