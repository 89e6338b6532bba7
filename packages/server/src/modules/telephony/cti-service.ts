import { foldCall, type CallEventFact, type CallEventKind, type CallState } from '@openline/core';
import type { Insertable, Selectable } from 'kysely';
import type { CallEventTable, CallRecordTable } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import type { PiiCipher } from '../../crypto/pii.js';
import type { AppContext } from '../../lib/app-context.js';
import { newId, nowIso } from '../../lib/ids.js';
import { inTransaction, type TxContext } from '../../lib/unit-of-work.js';
import { announceCall } from '../callers/screen-pop.js';
import { protectCalls, type ForwardAnswer, type OfferToAnswer } from '../callbacks/protect-call.js';
import { eventFact, REJECT_NO_VOICE, stateColumns } from './call-state.js';
import { pgEventsOfCalls, pgWriteCalls } from './call-batch-pg.js';
import { eventsOfCalls, insertCallsIfNew, insertEventsIfNew, lockCalls, rewriteCalls } from './call-repository.js';
import type { CtiEvent } from './cti-input.js';
import { loadBatchFacts, type BatchFacts, type BatchItem, type Refusal } from './cti-lookups.js';
import { indexParty, sides } from './parties.js';
import type { CtiCaller } from './tokens.js';

/** What the phone system is told, as Zammad answers: `{}` or a reject for a blocked caller; or our forward after hours (ADR 0022). */
export type CtiAnswer = Record<string, never> | { action: 'reject'; reason: 'busy' } | ForwardAnswer;

/** One delivery from a phone system: authenticated by its token, read, and stamped when it arrived. */
export interface CtiDelivery {
  caller: CtiCaller;
  event: CtiEvent;
  /** Arrival time (ISO-8601 UTC): Zammad's format carries no event time (ADR 0017). */
  at: string;
}

export type CtiResult = { kind: 'answer'; answer: CtiAnswer } | Refusal;

/** A call event that was recorded (not a repeat), as the after-record hooks are told it. */
export interface RecordedCallEvent {
  jurisdictionId: string;
  /** call_records.id */
  callId: string;
  /** The phone system's call id. */
  externalId: string;
  event: CallEventKind;
  direction: 'in' | 'out';
  lineId: string | null;
  callerBidx: string | null;
  /** The caller's number sealed (crypto/pii), for a hook that must show it masked (screen-pop). */
  callerEnc: string | null;
  at: string;
  /** The call's state after this event (core foldCall of all its events). */
  state: CallState;
  answeredByUserId: string | null;
  /** The PBX's voicemail or recording link sent with this event, if any (ADR 0022). */
  voicemailUrl: string | null;
  /** The call's row is made by this batch: nothing outside it refers to the call yet. */
  callIsNew: boolean;
}

// ---------------------------------------------------------------------------------------------
// After-record hooks: THE place where other modules learn of recorded call events. Each module
// adds ONE call here (issue 10: screen-pop, cold-line monitor, callbacks). Repeats and refused
// deliveries never reach them.

/**
 * Inside the batch's transaction, once per batch with its recorded events in arrival order (and
 * the batch's inbound newCalls, to answer): what a hook writes commits (or rolls back) together
 * with the events. Keep them batch-shaped: a fixed number of statements per batch, not per event
 * (issue 10 §6); a throw fails the batch (then each event is retried alone, ADR 0023). Answers the
 * offers' answers (the after-hours forward, ADR 0022).
 */
function afterEventsRecorded(tx: TxContext, recorded: readonly RecordedCallEvent[], offers: readonly OfferToAnswer[]): Promise<CtiAnswer[]> {
  return protectCalls(tx, { recorded, offers });
}

/** After the batch has committed (the events are durable): announcements that must never tell of a call that rolled back. */
function afterEventsCommitted(ctx: AppContext, recorded: readonly RecordedCallEvent[]): void {
  for (const r of recorded) void announceCall(ctx, screenPopOf(r));
}

/** What the screen-pop needs of a recorded event (it never throws; see callers/screen-pop.ts). */
function screenPopOf(r: RecordedCallEvent): Parameters<typeof announceCall>[1] {
  return {
    jurisdictionId: r.jurisdictionId,
    event: { direction: r.direction, event: r.event, callId: r.externalId },
    lineId: r.lineId,
    sealed: r.callerEnc && r.callerBidx ? { enc: r.callerEnc, bidx: r.callerBidx } : null,
    rejected: r.state.outcome === 'rejected',
    at: r.at,
  };
}
// ---------------------------------------------------------------------------------------------

/** A call of the batch, folded in memory; its row is written once at the end of the batch. */
interface CallInBatch {
  row: Insertable<CallRecordTable> & { id: string };
  /** Not in the database yet: inserted at the end with its final state. */
  fresh: boolean;
  /** Changed by this batch. */
  dirty: boolean;
  events: CallEventFact[];
}

interface Prepared extends BatchItem {
  at: string;
  index: number;
  key: string;
}

const callKey = (jurisdictionId: string, externalId: string): string => `${jurisdictionId}\u0000${externalId}`;

/** A call made by another process while this batch folded: the batch is retried event by event. */
class CallMadeElsewhere extends Error {}

/**
 * A batch of events from phone systems, in one transaction (group commit, ADR 0023). Each event
 * is recorded as ADR 0017 says: the call row is created by whichever of its events comes first,
 * each event kind is stored once (repeats change nothing), and the call's state is folded from
 * all its events (core foldCall), so order does not matter. A blocked caller's newCall is
 * answered with reject and recorded. The batch's calls are read (and on PostgreSQL locked)
 * once with their events, folded in memory, and written at the end: new calls and all events
 * in one statement each, one update per known call that changed.
 */
export async function receiveCtiEvents(ctx: AppContext, deliveries: readonly CtiDelivery[]): Promise<CtiResult[]> {
  const prepared: Prepared[] = deliveries.map((d, index) => {
    const { lineNumber, party } = sides(d.event.direction, d.event.from, d.event.to);
    return { ...d, index, lineNumber, party: indexParty(party, ctx.pii), key: callKey(d.caller.jurisdictionId, d.event.callId) };
  });
  try {
    return await recordBatch(ctx, prepared);
  } catch (error) {
    // Another process made one of the batch's calls after this batch read them (PostgreSQL; ADR
    // 0058): read again, once, and the call is known. A batch of one had no retry at all (the
    // group commit retries only larger batches, item by item), so its request answered 500.
    if (!madeElsewhere(error)) throw error;
    return recordBatch(ctx, prepared);
  }
}

/**
 * A call the batch inserts that another process made meanwhile: skipped by the insert, so the
 * counts come short, or its events refer to a call id that was never written (PostgreSQL 23503,
 * checked at the statement's end).
 */
const madeElsewhere = (error: unknown): boolean =>
  error instanceof CallMadeElsewhere || (typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23503');

async function recordBatch(ctx: AppContext, prepared: readonly Prepared[]): Promise<CtiResult[]> {
  const recorded: RecordedCallEvent[] = [];
  const results = await inTransaction(ctx, async (tx) => {
    const facts = await loadBatchFacts(tx, prepared);
    const out: CtiResult[] = [];
    const admitted: Prepared[] = [];
    for (const p of prepared) {
      const refusal = facts.admit(p.caller.tokenId);
      if (refusal) out[p.index] = refusal;
      else admitted.push(p);
    }
    const calls = await knownCalls(tx, admitted, facts);
    const events: Array<Insertable<CallEventTable>> = [];
    for (const p of admitted) out[p.index] = { kind: 'answer', answer: foldEvent(ctx.pii, p, facts, calls, events, recorded) };
    await writeBatch(tx, [...calls.values()], events);
    // A newCall's answer may be a forward to the after-hours desk, from the call as stored (a repeat is told the same).
    const offers = admitted.flatMap((p) => {
      const answered = out[p.index];
      const call = calls.get(p.key);
      if (p.event.event !== 'newCall' || p.event.direction !== 'in' || answered?.kind !== 'answer' || !call) return [];
      return [{ index: p.index, offer: { lineId: call.row.line_id ?? null, offeredAt: call.row.offered_at, answer: answered.answer } }];
    });
    const answers = await afterEventsRecorded(tx, recorded, offers.map((x) => x.offer));
    offers.forEach((x, i) => (out[x.index] = { kind: 'answer', answer: answers[i] ?? x.offer.answer }));
    return out;
  });
  afterEventsCommitted(ctx, recorded);
  return results;
}

/** One event on its own (a batch of one): for callers outside the webhook's group commit. */
export async function receiveCtiEvent(ctx: AppContext, o: { caller: CtiCaller; event: CtiEvent; now?: Date }): Promise<CtiAnswer> {
  const [result] = await receiveCtiEvents(ctx, [{ caller: o.caller, event: o.event, at: nowIso(o.now) }]);
  if (result?.kind === 'answer') return result.answer;
  if (result?.kind === 'limited') throw new AppError('TOO_MANY_REQUESTS', 'Too many call events for this token; try again later', undefined, result.retryAfterSeconds);
  throw new AppError('UNAUTHENTICATED', 'Invalid token, please contact your admin!');
}

/** The batch's calls that already exist, with their events, by jurisdiction and phone-system id (locked on PostgreSQL, in id order). */
async function knownCalls(tx: TxContext, items: readonly Prepared[], facts: BatchFacts): Promise<Map<string, CallInBatch>> {
  const rows: Array<Selectable<CallRecordTable>> = [];
  if (facts.lockedCalls) {
    // Read and locked with the batch's facts; a refused delivery's call is left alone.
    const wanted = new Set(items.map((i) => i.key));
    rows.push(...facts.lockedCalls.filter((r) => wanted.has(callKey(r.jurisdiction_id, r.external_id))));
  } else {
    for (const j of new Set(items.map((i) => i.caller.jurisdictionId))) {
      rows.push(...(await lockCalls(tx.db, tx.dialect, j, [...new Set(items.filter((i) => i.caller.jurisdictionId === j).map((i) => i.event.callId))])));
    }
  }
  const ids = rows.map((r) => r.id);
  const byCall = new Map<string, CallEventFact[]>();
  for (const e of tx.dialect === 'postgres' ? await pgEventsOfCalls(tx.db, ids) : await eventsOfCalls(tx.db, ids)) {
    byCall.set(e.call_id, [...(byCall.get(e.call_id) ?? []), eventFact(e)]);
  }
  const calls = new Map<string, CallInBatch>();
  for (const row of rows) calls.set(callKey(row.jurisdiction_id, row.external_id), { row, fresh: false, dirty: false, events: byCall.get(row.id) ?? [] });
  return calls;
}

/** Folds one event into its call in memory; answers what the phone system is told. */
function foldEvent(
  pii: PiiCipher, p: Prepared, facts: BatchFacts, calls: Map<string, CallInBatch>, events: Array<Insertable<CallEventTable>>, recorded: RecordedCallEvent[],
): CtiAnswer {
  const { event: e, caller, at, party } = p;
  const j = caller.jurisdictionId;
  const lineId = facts.lineOf(j, p.lineNumber);
  const offer = e.event === 'newCall' && e.direction === 'in';
  // A line that takes no calls (ADR 0029) is refused like a blocked caller, with Zammad's one reject (ADR 0041).
  const noVoice = offer && lineId !== null && facts.refusesVoice(j, lineId);
  const reject = noVoice || (offer && party !== null && facts.isBlocked(j, party.bidx));
  // A repeated newCall of a blocked caller (or to a line without voice) is told the same again.
  const answer: CtiAnswer = reject ? { action: 'reject', reason: 'busy' } : {};
  let call = calls.get(p.key);
  if (!call) {
    call = {
      fresh: true, dirty: true, events: [],
      row: {
        id: newId(), jurisdiction_id: j, source: 'cti', external_id: e.callId, cti_token_id: caller.tokenId, direction: e.direction, line_id: lineId,
        line_number: p.lineNumber, caller_enc: party ? pii.encrypt(party.value) : null, caller_bidx: party?.bidx ?? null, queue: e.queue, offered_at: at, late_answer: 0,
        created_at: at, updated_at: at,
      },
    };
    calls.set(p.key, call);
  }
  if (call.events.some((f) => f.event === e.event)) return answer;

  const row = call.row;
  call.events.push({ event: e.event, at, cause: e.cause, user: e.users[0] ?? null, answeringNumber: e.answeringNumber, rejected: reject });
  events.push({
    call_id: row.id, event: e.event, received_at: at, cause: e.cause, users: e.users.length > 0 ? JSON.stringify(e.users) : null, answering_number: e.answeringNumber,
    action: noVoice ? REJECT_NO_VOICE : reject ? 'reject' : null,
  });
  const state = foldCall(call.events);
  Object.assign(row, stateColumns(state), { updated_at: at });
  // A call first heard of by an event without numbers (a bare hangup) learns them from a later one.
  if (row.line_number === '' && p.lineNumber !== '') Object.assign(row, { line_number: p.lineNumber, line_id: lineId });
  if (row.caller_enc === null && party !== null) Object.assign(row, { caller_enc: pii.encrypt(party.value), caller_bidx: party.bidx });
  const answeredBy = e.event === 'answer' ? facts.answerer(j, e.users) : null;
  if (answeredBy && state.answeredAt === at) row.answered_by_user_id = answeredBy;
  if (e.queue) row.queue = e.queue;
  call.dirty = true;
  recorded.push({
    jurisdictionId: j, callId: row.id, externalId: e.callId, event: e.event, direction: row.direction ?? e.direction, lineId: row.line_id ?? null,
    callerBidx: row.caller_bidx ?? null, callerEnc: row.caller_enc ?? null, at, state, answeredByUserId: row.answered_by_user_id ?? null,
    voicemailUrl: e.voicemailUrl, callIsNew: call.fresh,
  });
  return answer;
}

/** Writes what the batch folded: new calls, changed known calls and every new event, one statement each. */
async function writeBatch(tx: TxContext, calls: readonly CallInBatch[], events: ReadonlyArray<Insertable<CallEventTable>>): Promise<void> {
  // In key order, so two processes inserting the same new calls cannot deadlock on PostgreSQL.
  const fresh = calls.filter((c) => c.fresh && c.dirty).map((c) => c.row).sort((a, b) => (a.external_id < b.external_id ? -1 : 1));
  const changed = calls.filter((c) => !c.fresh && c.dirty).map((c) => c.row);
  // Known calls are locked and their events were read, new calls are ours: every event is new.
  let written: { calls: number; events: number };
  if (tx.dialect === 'postgres') {
    written = await pgWriteCalls(tx.db, { fresh, changed, events });
  } else {
    const made = await insertCallsIfNew(tx.db, fresh);
    await rewriteCalls(tx.db, changed);
    written = { calls: made, events: await insertEventsIfNew(tx.db, events) };
  }
  if (written.calls !== fresh.length) throw new CallMadeElsewhere('a call of this batch was made by another process meanwhile');
  if (written.events !== events.length) throw new CallMadeElsewhere('an event of this batch was recorded by another process meanwhile');
}
