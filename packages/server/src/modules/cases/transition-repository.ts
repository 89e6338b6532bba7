import type { Transaction, Updateable } from 'kysely';
import type { CaseRow, CaseTable, DB } from '../../db/schema.js';

/** A case as these writes name it: by id within its jurisdiction, one partition when partitioned (ADR 0033). */
type CaseKey = Pick<CaseRow, 'id' | 'jurisdiction_id'>;


export async function replaceCoUnits(trx: Transaction<DB>, caseId: string, unitIds: readonly string[]): Promise<void> {
  await trx.deleteFrom('case_co_units').where('case_id', '=', caseId).execute();
  if (unitIds.length > 0) {
    await trx.insertInto('case_co_units').values(unitIds.map((unit_id) => ({ case_id: caseId, unit_id }))).execute();
  }
}

/** Optimistic concurrency: false when someone else changed the case since it was read. */
export async function updateCaseAtVersion(
  trx: Transaction<DB>,
  row: CaseKey & Pick<CaseRow, 'version'>,
  set: Updateable<CaseTable>,
): Promise<boolean> {
  const result = await trx
    .updateTable('cases')
    .set({ ...set, version: row.version + 1 })
    .where('jurisdiction_id', '=', row.jurisdiction_id)
    .where('id', '=', row.id)
    .where('version', '=', row.version)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

/** The children of `from` move to `toParentId`, a case of the same jurisdiction (merges stay within one). */
export async function reparentChildren(trx: Transaction<DB>, from: CaseKey, toParentId: string): Promise<void> {
  await trx.updateTable('cases').set({ parent_id: toParentId }).where('jurisdiction_id', '=', from.jurisdiction_id).where('parent_id', '=', from.id).execute();
}

export function findCaseStatus(trx: Transaction<DB>, id: string, jurisdictionId: string) {
  return trx
    .selectFrom('cases')
    .select(['id', 'status'])
    .where('id', '=', id)
    .where('jurisdiction_id', '=', jurisdictionId)
    .executeTakeFirst();
}
