import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';

type Db = Kysely<DB> | Transaction<DB>;

/** Candidates for a reminder: 75 % of the time used, deadline not yet passed, still being chased. */
export async function findDueReminders(db: Db, now: string, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('case_deadlines')
    .select('id')
    .where('reminded_at', 'is', null)
    .where('remind_at', '<=', now)
    .where('due_at', '>', now)
    .where('met_at', 'is', null)
    .where('cancelled_at', 'is', null)
    .orderBy('remind_at')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

/** With the jurisdiction, so the sweep can work out the next tier's time before it opens the claim's transaction. */
export async function findDueOverdue(db: Db, now: string, limit: number): Promise<Array<{ id: string; jurisdiction: { id: string; timezone: string } }>> {
  const rows = await db
    .selectFrom('case_deadlines')
    .innerJoin('cases', 'cases.id', 'case_deadlines.case_id')
    .innerJoin('jurisdictions', 'jurisdictions.id', 'cases.jurisdiction_id')
    .select(['case_deadlines.id as id', 'jurisdictions.id as jurisdictionId', 'jurisdictions.timezone as timezone'])
    .where('case_deadlines.overdue_at', 'is', null)
    .where('case_deadlines.due_at', '<=', now)
    .where('case_deadlines.met_at', 'is', null)
    .where('case_deadlines.cancelled_at', 'is', null)
    .orderBy('case_deadlines.due_at')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ id: r.id, jurisdiction: { id: r.jurisdictionId, timezone: r.timezone } }));
}

/**
 * The claims. Each is one conditional UPDATE: PostgreSQL re-checks the WHERE after waiting for
 * a competing transaction's row lock, SQLite has one writer, so exactly one claimant sees 1 row.
 */
export async function claimReminder(trx: Transaction<DB>, id: string, now: string): Promise<boolean> {
  const r = await trx
    .updateTable('case_deadlines')
    .set({ reminded_at: now })
    .where('id', '=', id)
    .where('reminded_at', 'is', null)
    .where('met_at', 'is', null)
    .where('cancelled_at', 'is', null)
    .executeTakeFirst();
  return r.numUpdatedRows === 1n;
}

/** Also the first escalation tier (the unit, ADR 0024), with the time the leadership is due, in one statement. */
export async function claimOverdue(trx: Transaction<DB>, id: string, now: string, nextEscalationAt: string | null): Promise<boolean> {
  const r = await trx
    .updateTable('case_deadlines')
    .set({ overdue_at: now, escalation_level: 1, next_escalation_at: nextEscalationAt })
    .where('id', '=', id)
    .where('overdue_at', 'is', null)
    .where('met_at', 'is', null)
    .where('cancelled_at', 'is', null)
    .executeTakeFirst();
  return r.numUpdatedRows === 1n;
}

export function findDeadlineWithCase(trx: Transaction<DB>, id: string) {
  return trx
    .selectFrom('case_deadlines')
    .innerJoin('cases', 'cases.id', 'case_deadlines.case_id')
    .innerJoin('jurisdictions', 'jurisdictions.id', 'cases.jurisdiction_id')
    .leftJoin('org_units', 'org_units.id', 'case_deadlines.unit_id')
    .select([
      'jurisdictions.timezone as timeZone',
      'case_deadlines.id as id',
      'case_deadlines.kind as kind',
      'case_deadlines.due_at as dueAt',
      'case_deadlines.unit_id as unitId',
      'org_units.name as unitName',
      'cases.id as caseId',
      'cases.case_number as caseNumber',
      'cases.jurisdiction_id as jurisdictionId',
      'cases.status as status',
    ])
    .where('case_deadlines.id', '=', id)
    .executeTakeFirstOrThrow();
}

export async function insertNotice(
  trx: Transaction<DB>,
  row: { id: string; jurisdictionId: string; caseId: string; deadlineId: string; unitId: string | null; kind: string; message: string; createdAt: string; tier?: number },
): Promise<void> {
  await trx
    .insertInto('supervision_notices')
    .values({
      id: row.id,
      tier: row.tier ?? 1,
      jurisdiction_id: row.jurisdictionId,
      case_id: row.caseId,
      deadline_id: row.deadlineId,
      unit_id: row.unitId,
      kind: row.kind,
      message: row.message,
      created_at: row.createdAt,
    })
    .execute();
}

export function listNotices(
  db: Db,
  options: { jurisdictionId: string; unitPath: string | null; open: boolean | undefined; limit: number; offset: number; id?: string },
) {
  let q = db
    .selectFrom('supervision_notices as n')
    .innerJoin('cases', 'cases.id', 'n.case_id')
    .leftJoin('org_units as u', 'u.id', 'n.unit_id')
    .leftJoin('users as ack', 'ack.id', 'n.acknowledged_by')
    .where('n.jurisdiction_id', '=', options.jurisdictionId);
  if (options.unitPath !== null) q = q.where('u.path', 'like', `${options.unitPath}%`);
  if (options.open !== undefined) q = q.where('n.acknowledged_at', options.open ? 'is' : 'is not', null);
  if (options.id !== undefined) q = q.where('n.id', '=', options.id);
  const rows = q
    .select([
      'n.id as id', 'n.case_id as caseId', 'cases.case_number as caseNumber', 'n.unit_id as unitId', 'u.name as unitName',
      'u.path as unitPath', 'n.kind as kind', 'n.tier as tier', 'n.message as message', 'n.created_at as createdAt',
      'n.acknowledged_at as acknowledgedAt', 'ack.display_name as acknowledgedByName',
    ])
    .orderBy('n.created_at', 'desc')
    .orderBy('n.id')
    .limit(options.limit)
    .offset(options.offset)
    .execute();
  const count = q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Promise.all([rows, count]).then(([items, c]) => ({ items, total: Number(c.n) }));
}

export type NoticeRow = Awaited<ReturnType<typeof listNotices>>['items'][number];

export function findNotice(db: Db, id: string, jurisdictionId: string) {
  return db
    .selectFrom('supervision_notices as n')
    .leftJoin('org_units as u', 'u.id', 'n.unit_id')
    .select(['n.id as id', 'n.acknowledged_at as acknowledgedAt', 'u.path as unitPath'])
    .where('n.id', '=', id)
    .where('n.jurisdiction_id', '=', jurisdictionId)
    .executeTakeFirst();
}

/** By the notice's jurisdiction too: one partition when partitioned (ADR 0033). */
export async function acknowledgeNotice(db: Db, o: { jurisdictionId: string; id: string; userId: string; at: string }): Promise<void> {
  await db
    .updateTable('supervision_notices')
    .set({ acknowledged_at: o.at, acknowledged_by: o.userId })
    .where('jurisdiction_id', '=', o.jurisdictionId)
    .where('id', '=', o.id)
    .where('acknowledged_at', 'is', null)
    .execute();
}

