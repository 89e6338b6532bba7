import { sql, type Insertable, type Kysely, type Transaction } from 'kysely';
import type { CallerFlagTable, DB } from '../../db/schema.js';

type Db = Kysely<DB> | Transaction<DB>;

/** Inserts a flag unless one of its kind is already in force for the number (the partial unique index decides under concurrency). */
export async function insertFlagIfNone(db: Db, row: Insertable<CallerFlagTable>): Promise<boolean> {
  const r = await db
    .insertInto('caller_flags')
    .values(row)
    // A literal, not a parameter: SQLite matches the conflict target to the partial index by its text.
    .onConflict((oc) => oc.columns(['jurisdiction_id', 'caller_phone_bidx', 'kind']).where(sql.ref('status'), '=', sql.lit('active')).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0n) === 1;
}

export async function activeFlagsOf(db: Db, jurisdictionId: string, bidx: string): Promise<Array<{ kind: string; reason: string | null }>> {
  return db
    .selectFrom('caller_flags')
    .select(['kind', 'reason'])
    .where('jurisdiction_id', '=', jurisdictionId)
    .where('caller_phone_bidx', '=', bidx)
    .where('status', '=', 'active')
    .orderBy('kind')
    .execute();
}

const flagColumns = [
  'f.id', 'f.kind', 'f.status', 'f.caller_phone_bidx', 'f.caller_phone_enc', 'f.reason', 'f.note', 'f.contacts_at_raise', 'f.raised_at',
  'f.reviewed_at', 'f.review_decision', 'f.review_note', 'raiser.display_name as raised_by_name', 'reviewer.display_name as reviewed_by_name',
] as const;

function flagsQuery(db: Db, jurisdictionId: string) {
  return db
    .selectFrom('caller_flags as f')
    .leftJoin('users as raiser', 'raiser.id', 'f.raised_by_user_id')
    .leftJoin('users as reviewer', 'reviewer.id', 'f.reviewed_by_user_id')
    .select(flagColumns)
    .where('f.jurisdiction_id', '=', jurisdictionId);
}
export type FlagRow = Awaited<ReturnType<ReturnType<typeof flagsQuery>['executeTakeFirstOrThrow']>>;

/** Newest first; `unreviewed` are active flags nobody has confirmed yet (the review queue). */
export async function listFlags(db: Db, o: { jurisdictionId: string; status: 'active' | 'cleared' | 'unreviewed'; limit: number }): Promise<FlagRow[]> {
  let q = flagsQuery(db, o.jurisdictionId);
  q = o.status === 'unreviewed' ? q.where('f.status', '=', 'active').where('f.reviewed_at', 'is', null) : q.where('f.status', '=', o.status);
  return q.orderBy('f.raised_at', 'desc').orderBy('f.id').limit(o.limit).execute();
}

export async function findFlag(db: Db, jurisdictionId: string, id: string): Promise<FlagRow | undefined> {
  return flagsQuery(db, jurisdictionId).where('f.id', '=', id).executeTakeFirst();
}

/** A review, conditional on the flag still being in force: of two reviewers at once, one wins. */
export async function recordReview(
  db: Db,
  o: { id: string; userId: string; decision: 'confirm' | 'clear'; note: string; at: string },
): Promise<boolean> {
  const r = await db
    .updateTable('caller_flags')
    .set({
      reviewed_by_user_id: o.userId, reviewed_at: o.at, review_decision: o.decision, review_note: o.note,
      ...(o.decision === 'clear' ? { status: 'cleared', cleared_at: o.at } : {}),
    })
    .where('id', '=', o.id)
    .where('status', '=', 'active')
    .executeTakeFirst();
  return r.numUpdatedRows === 1n;
}

/**
 * Numbers with more than `over` contacts since `since`, on any line but tip lines (a reporter is
 * never subjected to the rule, nor named by it: ADR 0036), without a frequent flag in force.
 */
export async function frequentCandidates(db: Db, o: { jurisdictionId: string; since: string; over: number; limit: number }): Promise<Array<{ bidx: string; contacts: number }>> {
  const rows = await db
    .selectFrom('contacts as k')
    .leftJoin('lines as l', 'l.id', 'k.line_id')
    .select(['k.caller_phone_bidx as bidx', (eb) => eb.fn.countAll<number | string>().as('contacts')])
    .where('k.jurisdiction_id', '=', o.jurisdictionId)
    .where('k.received_at', '>', o.since)
    .where('k.caller_phone_bidx', 'is not', null)
    .where((eb) => eb.or([eb('l.mode', 'is', null), eb('l.mode', '!=', 'tip')]))
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('caller_flags as f').select('f.id').whereRef('f.caller_phone_bidx', '=', 'k.caller_phone_bidx').where('f.kind', '=', 'frequent').where('f.status', '=', 'active'))))
    .groupBy('k.caller_phone_bidx')
    .having((eb) => eb.fn.countAll(), '>', o.over)
    .limit(o.limit)
    .execute();
  return rows.flatMap((r) => (r.bidx === null ? [] : [{ bidx: r.bidx, contacts: Number(r.contacts) }]));
}

/** When the number's frequent flag was last cleared, if ever. */
export async function lastFrequentClearing(db: Db, jurisdictionId: string, bidx: string): Promise<string | null> {
  const row = await db
    .selectFrom('caller_flags')
    .select('cleared_at')
    .where('jurisdiction_id', '=', jurisdictionId)
    .where('caller_phone_bidx', '=', bidx)
    .where('kind', '=', 'frequent')
    .where('cleared_at', 'is not', null)
    .orderBy('cleared_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!row?.cleared_at) return null;
  const v: unknown = row.cleared_at;
  return v instanceof Date ? v.toISOString() : String(v);
}

/** Contacts of the number since an instant, tip lines aside (the count after a clearing). */
export async function countContactsSince(db: Db, o: { jurisdictionId: string; bidx: string; since: string }): Promise<number> {
  const row = await db
    .selectFrom('contacts as k')
    .leftJoin('lines as l', 'l.id', 'k.line_id')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('k.jurisdiction_id', '=', o.jurisdictionId)
    .where('k.caller_phone_bidx', '=', o.bidx)
    .where('k.received_at', '>', o.since)
    .where((eb) => eb.or([eb('l.mode', 'is', null), eb('l.mode', '!=', 'tip')]))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The sealed number as last given, to keep on the flag. */
export async function latestSealedPhone(db: Db, jurisdictionId: string, bidx: string): Promise<string | null> {
  const row = await db
    .selectFrom('contacts')
    .select('caller_phone_enc')
    .where('jurisdiction_id', '=', jurisdictionId)
    .where('caller_phone_bidx', '=', bidx)
    .where('caller_phone_enc', 'is not', null)
    .orderBy('received_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.caller_phone_enc ?? null;
}

export async function jurisdictionIds(db: Db): Promise<string[]> {
  return (await db.selectFrom('jurisdictions').select('id').execute()).map((r) => r.id);
}

/** Open cases of callers with a flag in force (the designated handler's queue), newest first. */
export async function flaggedOpenCases(db: Db, o: { jurisdictionId: string; openStatuses: readonly string[]; includeProtected: boolean; limit: number }) {
  let q = db
    .selectFrom('cases as c')
    .select([
      'c.id', 'c.case_number', 'c.status', 'c.type', 'c.content', 'c.created_at', 'c.jurisdiction_id', 'c.lead_unit_id', 'c.caller_protected',
      'c.caller_phone_enc', 'c.caller_name_enc', 'c.caller_phone_bidx', 'c.parent_id', 'c.line_id',
    ])
    .where('c.jurisdiction_id', '=', o.jurisdictionId)
    .where('c.status', 'in', [...o.openStatuses])
    .where('c.caller_phone_bidx', 'in', (eb) =>
      eb.selectFrom('caller_flags as f').select('f.caller_phone_bidx').where('f.jurisdiction_id', '=', o.jurisdictionId).where('f.status', '=', 'active'));
  if (!o.includeProtected) q = q.where('c.caller_protected', '=', 0);
  return q.orderBy('c.created_at', 'desc').limit(o.limit).execute();
}

/** Per flagged number, how many of those cases there are (for the flag list). */
export async function openCaseCounts(db: Db, o: { jurisdictionId: string; bidxs: string[]; openStatuses: readonly string[]; includeProtected: boolean }): Promise<Map<string, number>> {
  if (o.bidxs.length === 0) return new Map();
  let q = db
    .selectFrom('cases')
    .select(['caller_phone_bidx', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('jurisdiction_id', '=', o.jurisdictionId)
    .where('caller_phone_bidx', 'in', o.bidxs)
    .where('status', 'in', [...o.openStatuses]);
  if (!o.includeProtected) q = q.where('caller_protected', '=', 0);
  const rows = await q.groupBy('caller_phone_bidx').execute();
  return new Map(rows.flatMap((r) => (r.caller_phone_bidx ? [[r.caller_phone_bidx, Number(r.n)] as const] : [])));
}
