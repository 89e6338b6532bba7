import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

export interface Jurisdiction {
  id: string;
  code: string;
  name: string;
  timezone: string;
}

/**
 * Public endpoints serve one jurisdiction per deployment for now: the first one created.
 * (Several cities on one deployment would pick theirs by host name.)
 */
export function findDefaultJurisdiction(db: Kysely<DB>): Promise<Jurisdiction | undefined> {
  return db
    .selectFrom('jurisdictions')
    .select(['id', 'code', 'name', 'timezone'])
    .orderBy('created_at')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
}

export function findJurisdiction(db: Kysely<DB>, id: string): Promise<Jurisdiction | undefined> {
  return db.selectFrom('jurisdictions').select(['id', 'code', 'name', 'timezone']).where('id', '=', id).executeTakeFirst();
}

export interface JurisdictionListRow extends Jurisdiction {
  createdAt: string;
}

export function listJurisdictions(db: Kysely<DB>): Promise<JurisdictionListRow[]> {
  return db
    .selectFrom('jurisdictions')
    .select(['id', 'code', 'name', 'timezone', 'created_at as createdAt'])
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export async function jurisdictionCodeTaken(db: Kysely<DB>, code: string): Promise<boolean> {
  return (await db.selectFrom('jurisdictions').select('id').where('code', '=', code).executeTakeFirst()) !== undefined;
}

/**
 * Every jurisdiction's id (a small reference table): the worker's sweeps loop over them, one
 * query per city, so each query names its partition or shard (ADR 0033).
 */
export async function listJurisdictionIds(db: Kysely<DB>): Promise<string[]> {
  return (await db.selectFrom('jurisdictions').select('id').orderBy('created_at').orderBy('id').execute()).map((r) => r.id);
}
