import type { Insertable, Kysely } from 'kysely';
import type { CtiTokenTable, DB } from '../../db/schema.js';

export async function insertCtiToken(db: Kysely<DB>, row: Insertable<CtiTokenTable>): Promise<void> {
  await db.insertInto('cti_tokens').values(row).execute();
}

export function findLiveCtiToken(db: Kysely<DB>, tokenHash: string) {
  return db
    .selectFrom('cti_tokens')
    .select(['id', 'jurisdiction_id as jurisdictionId'])
    .where('token_hash', '=', tokenHash)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
}

export function listCtiTokens(db: Kysely<DB>, jurisdictionId: string) {
  return db
    .selectFrom('cti_tokens')
    .select(['id', 'name', 'prefix', 'created_at as createdAt', 'last_used_at as lastUsedAt', 'revoked_at as revokedAt'])
    .where('jurisdiction_id', '=', jurisdictionId)
    .orderBy('created_at', 'desc')
    .execute();
}

export async function revokeCtiToken(db: Kysely<DB>, id: string, jurisdictionId: string, at: string): Promise<boolean> {
  const r = await db
    .updateTable('cti_tokens')
    .set({ revoked_at: at })
    .where('id', '=', id)
    .where('jurisdiction_id', '=', jurisdictionId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return r.numUpdatedRows === 1n;
}
