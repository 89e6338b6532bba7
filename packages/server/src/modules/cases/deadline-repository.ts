import type { Insertable, Transaction } from 'kysely';
import type { CaseDeadlineRow, CaseDeadlineTable, DB } from '../../db/schema.js';

/** Deadlines still being chased: neither met nor superseded. */
export function findActiveDeadlines(trx: Transaction<DB>, caseId: string): Promise<CaseDeadlineRow[]> {
  return trx
    .selectFrom('case_deadlines')
    .selectAll()
    .where('case_id', '=', caseId)
    .where('met_at', 'is', null)
    .where('cancelled_at', 'is', null)
    .execute();
}

export async function insertDeadlines(trx: Transaction<DB>, rows: Array<Insertable<CaseDeadlineTable>>): Promise<void> {
  if (rows.length > 0) await trx.insertInto('case_deadlines').values(rows).execute();
}

export async function cancelDeadlines(trx: Transaction<DB>, ids: string[], at: string): Promise<void> {
  if (ids.length === 0) return;
  await trx.updateTable('case_deadlines').set({ cancelled_at: at }).where('id', 'in', ids).where('cancelled_at', 'is', null).execute();
}

export async function markDeadlineMet(trx: Transaction<DB>, caseId: string, kind: CaseDeadlineRow['kind'], at: string): Promise<void> {
  await trx
    .updateTable('case_deadlines')
    .set({ met_at: at })
    .where('case_id', '=', caseId)
    .where('kind', '=', kind)
    .where('met_at', 'is', null)
    .where('cancelled_at', 'is', null)
    .execute();
}
