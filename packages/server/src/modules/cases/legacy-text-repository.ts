import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';

type Db = Kysely<DB> | Transaction<DB>;

export interface UnsealedText {
  id: string;
  jurisdictionId: string;
  lineId: string | null;
  content: string;
}

/** Rows written before texts were sealed (migration 0016), a batch at a time. */
export function listUnsealed(db: Db, table: 'cases' | 'contacts', limit: number): Promise<UnsealedText[]> {
  return db
    .selectFrom(table)
    .select(['id', 'jurisdiction_id as jurisdictionId', 'line_id as lineId', 'content'])
    .where('content_enc', 'is', null)
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** Conditional on the row still being unsealed, so two processes starting at once do it once. */
export async function storeSealed(db: Db, table: 'cases' | 'contacts', id: string, text: { content: string; content_enc: string }): Promise<boolean> {
  const result = await db.updateTable(table).set(text).where('id', '=', id).where('content_enc', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
