import type { Transaction, Updateable } from 'kysely';
import type { CaseTable, DB } from '../../db/schema.js';


export async function replaceCoUnits(trx: Transaction<DB>, caseId: string, unitIds: readonly string[]): Promise<void> {
  await trx.deleteFrom('case_co_units').where('case_id', '=', caseId).execute();
  if (unitIds.length > 0) {
    await trx.insertInto('case_co_units').values(unitIds.map((unit_id) => ({ case_id: caseId, unit_id }))).execute();
  }
}

/** Optimistic concurrency: false when someone else changed the case since it was read. */
export async function updateCaseAtVersion(
  trx: Transaction<DB>,
  caseId: string,
  version: number,
  set: Updateable<CaseTable>,
): Promise<boolean> {
  const result = await trx
    .updateTable('cases')
    .set({ ...set, version: version + 1 })
    .where('id', '=', caseId)
    .where('version', '=', version)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

export async function reparentChildren(trx: Transaction<DB>, fromParentId: string, toParentId: string): Promise<void> {
  await trx.updateTable('cases').set({ parent_id: toParentId }).where('parent_id', '=', fromParentId).execute();
}

export function findCaseStatus(trx: Transaction<DB>, id: string, jurisdictionId: string) {
  return trx
    .selectFrom('cases')
    .select(['id', 'status'])
    .where('id', '=', id)
    .where('jurisdiction_id', '=', jurisdictionId)
    .executeTakeFirst();
}
