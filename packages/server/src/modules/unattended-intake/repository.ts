import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

/** The jurisdiction's tip lines (举报线): their reporters are protected, so duplicates stay among them. */
export async function findTipLineIds(db: Kysely<DB>, jurisdictionId: string): Promise<Set<string>> {
  const rows = await db.selectFrom('lines').select('id').where('jurisdiction_id', '=', jurisdictionId).where('mode', '=', 'tip').execute();
  return new Set(rows.map((r) => r.id));
}
