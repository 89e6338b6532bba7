import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { phoneCaseIds } from '../cases/phone-repository.js';

/** Which of a caller's records a viewer may be shown (ADR 0006, ADR 0020). */
export interface HistoryScope {
  jurisdictionId: string;
  bidx: string;
  /** Tip-line cases and contacts count only for a viewer who may know reporters. */
  includeProtected: boolean;
  /** Only what came in on this line (a direct line's owner sees the caller's history with their line). */
  lineId?: string;
}

/** Read at most this many of a caller's cases: a caller with hundreds still answers at once. */
export const HISTORY_CASE_LIMIT = 50;

/**
 * The caller's cases, newest first: those they opened and those they contacted again about
 * (cases/phone-repository.ts), through the two blind-index lookups, never by decrypting rows.
 */
export function historyCases(db: Kysely<DB>, s: HistoryScope) {
  let q = db
    .selectFrom('cases')
    .leftJoin('lines', 'lines.id', 'cases.line_id')
    .select([
      'cases.id', 'cases.case_number', 'cases.status', 'cases.type', 'cases.content', 'cases.created_at', 'cases.line_id',
      'cases.caller_protected', 'cases.caller_name_enc', 'cases.caller_phone_bidx', 'lines.name as line_name',
    ])
    .where('cases.jurisdiction_id', '=', s.jurisdictionId)
    .where('cases.id', 'in', (eb) => phoneCaseIds(eb, { bidx: s.bidx, includeProtected: s.includeProtected }));
  if (!s.includeProtected) q = q.where('cases.caller_protected', '=', 0);
  if (s.lineId !== undefined) q = q.where('cases.line_id', '=', s.lineId);
  return q.orderBy('cases.created_at', 'desc').limit(HISTORY_CASE_LIMIT).execute();
}

/** The contacts filter shared by the list and the count: the caller's, visible to this viewer. */
function contactsOf(db: Kysely<DB>, s: HistoryScope) {
  let q = db
    .selectFrom('contacts')
    .leftJoin('cases', 'cases.id', 'contacts.case_id')
    .leftJoin('lines', 'lines.id', 'contacts.line_id')
    .where('contacts.caller_phone_bidx', '=', s.bidx)
    .where('contacts.jurisdiction_id', '=', s.jurisdictionId);
  if (!s.includeProtected) {
    q = q
      .where((eb) => eb.or([eb('lines.mode', 'is', null), eb('lines.mode', '!=', 'tip')]))
      .where((eb) => eb.or([eb('cases.caller_protected', 'is', null), eb('cases.caller_protected', '=', 0)]));
  }
  if (s.lineId !== undefined) q = q.where('contacts.line_id', '=', s.lineId);
  return q;
}

/** The caller's latest contacts, newest first (index contacts_caller_bidx_received). */
export function historyContacts(db: Kysely<DB>, s: HistoryScope, limit: number) {
  return contactsOf(db, s)
    .select(['contacts.id', 'contacts.case_id', 'cases.case_number', 'contacts.channel', 'contacts.outcome', 'contacts.received_at'])
    .orderBy('contacts.received_at', 'desc')
    .limit(limit)
    .execute();
}

/** How many times the caller got in touch since `since`. */
export async function countContactsSince(db: Kysely<DB>, s: HistoryScope, since: string): Promise<number> {
  const row = await contactsOf(db, s)
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('contacts.received_at', '>=', since)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** The caller's calls since `since`, and how many of them ended without a person answering (call_records_caller_idx). */
export async function countCallsSince(db: Kysely<DB>, s: HistoryScope, since: string): Promise<{ calls: number; unanswered: number }> {
  let q = db
    .selectFrom('call_records')
    .leftJoin('lines', 'lines.id', 'call_records.line_id')
    .select((eb) => [
      eb.fn.countAll<string | number>().as('calls'),
      eb.fn.sum<string | number | null>(eb.case().when(eb.and([eb('call_records.outcome', 'is not', null), eb('call_records.outcome', '!=', 'answered')])).then(1).else(0).end()).as('unanswered'),
    ])
    .where('call_records.caller_bidx', '=', s.bidx)
    .where('call_records.offered_at', '>=', since)
    .where('call_records.jurisdiction_id', '=', s.jurisdictionId)
    .where('call_records.direction', '=', 'in');
  if (!s.includeProtected) q = q.where((eb) => eb.or([eb('lines.mode', 'is', null), eb('lines.mode', '!=', 'tip')]));
  if (s.lineId !== undefined) q = q.where('call_records.line_id', '=', s.lineId);
  const row = await q.executeTakeFirst();
  return { calls: Number(row?.calls ?? 0), unanswered: Number(row?.unanswered ?? 0) };
}

/** The confirmed vulnerability flags of these cases. */
export function vulnerabilityRows(db: Kysely<DB>, caseIds: readonly string[]) {
  if (caseIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('case_vulnerabilities').select(['case_id', 'flag']).where('case_id', 'in', caseIds).execute();
}
