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

export async function findDueOverdue(db: Db, now: string, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('case_deadlines')
    .select('id')
    .where('overdue_at', 'is', null)
    .where('due_at', '<=', now)
    .where('met_at', 'is', null)
    .where('cancelled_at', 'is', null)
    .orderBy('due_at')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
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

export async function claimOverdue(trx: Transaction<DB>, id: string, now: string): Promise<boolean> {
  const r = await trx
    .updateTable('case_deadlines')
    .set({ overdue_at: now })
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
    .leftJoin('org_units', 'org_units.id', 'case_deadlines.unit_id')
    .select([
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
  row: { id: string; jurisdictionId: string; caseId: string; deadlineId: string; unitId: string | null; kind: string; message: string; createdAt: string },
): Promise<void> {
  await trx
    .insertInto('supervision_notices')
    .values({
      id: row.id,
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
