import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { CtiEvent } from '../telephony/cti-input.js';

/** A line as the screen-pop needs it. */
export function popLine(db: Kysely<DB>, lineId: string) {
  return db.selectFrom('lines').select(['id', 'name', 'number', 'mode', 'owner_user_id']).where('id', '=', lineId).executeTakeFirst();
}

/** A CTI call with the time one of its events was stored (to tell a first delivery from a repeat). */
export function ctiCallWithEvent(db: Kysely<DB>, o: { jurisdictionId: string; externalId: string; event: CtiEvent['event'] }) {
  return db
    .selectFrom('call_records')
    .innerJoin('call_events', 'call_events.call_id', 'call_records.id')
    .select(['call_records.id', 'call_records.outcome', 'call_records.answered_by_user_id', 'call_records.offered_at', 'call_events.received_at'])
    .where('call_records.jurisdiction_id', '=', o.jurisdictionId)
    .where('call_records.source', '=', 'cti')
    .where('call_records.external_id', '=', o.externalId)
    .where('call_events.event', '=', o.event)
    .executeTakeFirst();
}

/** A call of this jurisdiction with its line's mode (null: no line of ours). */
export function callInJurisdiction(db: Kysely<DB>, jurisdictionId: string, callId: string) {
  return db
    .selectFrom('call_records')
    .leftJoin('lines', 'lines.id', 'call_records.line_id')
    .select(['call_records.id', 'call_records.direction', 'call_records.line_id', 'call_records.caller_enc', 'call_records.caller_bidx', 'call_records.case_id', 'lines.mode as line_mode', 'lines.owner_user_id'])
    .where('call_records.jurisdiction_id', '=', jurisdictionId)
    .where('call_records.id', '=', callId)
    .executeTakeFirst();
}

/**
 * Links the call to a case unless it already is linked to one; true when this (or an earlier
 * identical) link holds. By the call's jurisdiction too: one partition when partitioned (ADR 0033).
 */
export async function linkCallToCase(db: Kysely<DB>, o: { jurisdictionId: string; callId: string; caseId: string; at: string }): Promise<boolean> {
  await db
    .updateTable('call_records')
    .set({ case_id: o.caseId, updated_at: o.at })
    .where('jurisdiction_id', '=', o.jurisdictionId)
    .where('id', '=', o.callId)
    .where('case_id', 'is', null)
    .execute();
  const row = await db.selectFrom('call_records').select('case_id').where('jurisdiction_id', '=', o.jurisdictionId).where('id', '=', o.callId).executeTakeFirst();
  return row?.case_id === o.caseId;
}

/** The lines of a jurisdiction a call can ring on, with what decides who answers them (core popAudience). */
export function deskLines(db: Kysely<DB>, jurisdictionId: string) {
  return db.selectFrom('lines').select(['id', 'name', 'number', 'mode', 'owner_user_id']).where('jurisdiction_id', '=', jurisdictionId).where('accepts_voice', '=', 1).execute();
}

/**
 * Inbound calls on these lines still ringing (no outcome, no answer, no end) offered since
 * `since`, oldest first: on the (line_id, offered_at) index. A blocked or refused call has its
 * outcome (rejected) from its newCall, so it is never among them.
 */
export function ringingCallsOn(db: Kysely<DB>, o: { jurisdictionId: string; lineIds: readonly string[]; since: string; limit: number }) {
  return db
    .selectFrom('call_records')
    .select(['id', 'line_id', 'caller_enc', 'caller_bidx', 'offered_at'])
    .where('jurisdiction_id', '=', o.jurisdictionId)
    .where('line_id', 'in', [...o.lineIds])
    .where('offered_at', '>=', o.since)
    .where('direction', '=', 'in')
    .where('outcome', 'is', null)
    .where('answered_at', 'is', null)
    .where('ended_at', 'is', null)
    .orderBy('offered_at')
    .limit(o.limit)
    .execute();
}
