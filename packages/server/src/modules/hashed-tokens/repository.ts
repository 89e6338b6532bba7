import type { IssuedToken } from '@openline/core';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';

type Db = Kysely<DB> | Transaction<DB>;

/**
 * Tables of secrets an admin issues to a machine (a phone system, an Open311 client): the same
 * columns, kept hashed, listed by prefix, revoked, never shown again. Only the hash column's name
 * differs (the Open311 table calls it `key_hash`), so each table names its own.
 */
export const HASHED_TOKEN_TABLES = { cti_tokens: 'token_hash', open311_keys: 'key_hash' } as const;
export type HashedTokenTable = keyof typeof HASHED_TOKEN_TABLES;

/** As the admin lists them (core's issuedTokenSchema). */
export type HashedTokenSummary = IssuedToken;

export async function insertHashedToken(
  db: Db,
  table: HashedTokenTable,
  row: { id: string; jurisdictionId: string; name: string; hash: string; prefix: string; createdBy: string; createdAt: string },
): Promise<void> {
  const common = { id: row.id, jurisdiction_id: row.jurisdictionId, name: row.name, prefix: row.prefix, created_by: row.createdBy, created_at: row.createdAt };
  if (table === 'cti_tokens') await db.insertInto(table).values({ ...common, token_hash: row.hash }).execute();
  else await db.insertInto(table).values({ ...common, key_hash: row.hash }).execute();
}

/** The live token with this hash: its id and jurisdiction, or undefined for an unknown or revoked one. */
export function findLiveHashedToken(db: Db, table: HashedTokenTable, hash: string): Promise<{ id: string; jurisdictionId: string } | undefined> {
  return db
    .selectFrom(table)
    .select(['id', 'jurisdiction_id as jurisdictionId'])
    .where(db.dynamic.ref<string>(HASHED_TOKEN_TABLES[table]), '=', hash)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
}

export async function touchHashedToken(db: Db, table: HashedTokenTable, id: string, at: string): Promise<void> {
  await db.updateTable(table).set({ last_used_at: at }).where('id', '=', id).execute();
}

/** The jurisdiction's tokens, newest first, revoked ones included (the admin sees what was cut off). */
export function listHashedTokens(db: Db, table: HashedTokenTable, jurisdictionId: string): Promise<HashedTokenSummary[]> {
  return db
    .selectFrom(table)
    .select(['id', 'name', 'prefix', 'created_at as createdAt', 'last_used_at as lastUsedAt', 'revoked_at as revokedAt'])
    .where('jurisdiction_id', '=', jurisdictionId)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .execute();
}

/** Revokes a live token of the jurisdiction; false when there is none (unknown, another's, already revoked). */
export async function revokeHashedToken(db: Db, table: HashedTokenTable, o: { id: string; jurisdictionId: string; at: string }): Promise<boolean> {
  const r = await db
    .updateTable(table)
    .set({ revoked_at: o.at })
    .where('id', '=', o.id)
    .where('jurisdiction_id', '=', o.jurisdictionId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return r.numUpdatedRows === 1n;
}
