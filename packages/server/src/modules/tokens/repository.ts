import type { Insertable, Kysely } from 'kysely';
import type { ApiTokenTable, DB } from '../../db/schema.js';

export async function insertToken(db: Kysely<DB>, row: Insertable<ApiTokenTable>): Promise<void> {
  await db.insertInto('api_tokens').values(row).execute();
}

export function findLiveTokenUser(db: Kysely<DB>, tokenHash: string) {
  return db
    .selectFrom('api_tokens')
    .select(['id', 'user_id as userId'])
    .where('token_hash', '=', tokenHash)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
}

export async function touchToken(db: Kysely<DB>, id: string, at: string): Promise<void> {
  await db.updateTable('api_tokens').set({ last_used_at: at }).where('id', '=', id).execute();
}

export function listTokens(db: Kysely<DB>, jurisdictionId: string) {
  return db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .select([
      'api_tokens.id as id', 'api_tokens.name as name', 'api_tokens.prefix as prefix', 'api_tokens.user_id as userId',
      'users.username as username', 'api_tokens.created_at as createdAt', 'api_tokens.last_used_at as lastUsedAt',
      'api_tokens.revoked_at as revokedAt',
    ])
    .where('api_tokens.jurisdiction_id', '=', jurisdictionId)
    .orderBy('api_tokens.created_at', 'desc')
    .execute();
}

export async function revokeToken(db: Kysely<DB>, id: string, jurisdictionId: string, at: string): Promise<boolean> {
  const r = await db
    .updateTable('api_tokens')
    .set({ revoked_at: at })
    .where('id', '=', id)
    .where('jurisdiction_id', '=', jurisdictionId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return r.numUpdatedRows === 1n;
}
