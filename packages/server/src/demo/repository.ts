import type { CaseStatus } from '@openline/core';
import type { Kysely, Transaction, Updateable } from 'kysely';
import type { CaseTable, DB } from '../db/schema.js';

type Trx = Transaction<DB>;

/**
 * Moves a freshly opened demo case to where its planned history ends. The lifecycle service
 * owns live transitions; the demo writes the same columns and event rows directly because it
 * replays a finished history rather than taking live decisions.
 */
export async function updateCaseState(
  trx: Trx,
  caseId: string,
  state: { status: CaseStatus; leadUnitId: string | null; updatedAt: string; columns: Updateable<CaseTable> },
): Promise<void> {
  await trx
    .updateTable('cases')
    .set({ ...state.columns, status: state.status, lead_unit_id: state.leadUnitId, updated_at: state.updatedAt })
    .where('id', '=', caseId)
    .execute();
}

/** The case's running resolve deadline, marked overdue at `at` (what the sweep's escalation sets). */
export async function markResolveOverdue(trx: Trx, caseId: string, at: string): Promise<void> {
  await trx
    .updateTable('case_deadlines')
    .set({ overdue_at: at })
    .where('case_id', '=', caseId)
    .where('kind', '=', 'resolve')
    .where('met_at', 'is', null)
    .where('cancelled_at', 'is', null)
    .where('overdue_at', 'is', null)
    .execute();
}

export async function upsertSetting(trx: Trx, key: string, value: string, updatedAt: string): Promise<void> {
  await trx
    .insertInto('settings')
    .values({ key, value, updated_at: updatedAt })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: updatedAt }))
    .execute();
}

export async function findSetting(db: Kysely<DB>, key: string): Promise<string | undefined> {
  return (await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst())?.value;
}

export function findActiveUsers(db: Kysely<DB>, usernames: readonly string[]): Promise<Array<{ username: string; passwordHash: string }>> {
  return db
    .selectFrom('users')
    .select(['username', 'password_hash as passwordHash'])
    .where('username', 'in', usernames)
    .where('status', '=', 'active')
    .orderBy('username')
    .execute();
}

export async function countUsers(db: Kysely<DB>): Promise<number> {
  const row = await db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}
