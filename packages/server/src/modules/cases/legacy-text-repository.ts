import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';

type Db = Kysely<DB> | Transaction<DB>;

export interface UnsealedText {
  id: string;
  jurisdictionId: string;
  lineId: string | null;
  content: string;
}

/**
 * Rows written before texts were sealed (migration 0016), a batch at a time. Asked at every
 * start-up: the partial index of migration 0067 holds only such rows, so once all are sealed
 * this reads an empty index instead of the whole table.
 */
export function unsealedQuery(db: Db, table: 'cases' | 'contacts', limit: number) {
  return db
    .selectFrom(table)
    .select(['id', 'jurisdiction_id as jurisdictionId', 'line_id as lineId', 'content'])
    .where('content_enc', 'is', null)
    .orderBy('id')
    .limit(limit);
}

export function listUnsealed(db: Db, table: 'cases' | 'contacts', limit: number): Promise<UnsealedText[]> {
  return unsealedQuery(db, table, limit).execute();
}

/** Conditional on the row still being unsealed, so two processes starting at once do it once. */
export async function storeSealed(db: Db, table: 'cases' | 'contacts', id: string, text: { content: string; content_enc: string }): Promise<boolean> {
  const result = await db.updateTable(table).set(text).where('id', '=', id).where('content_enc', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
