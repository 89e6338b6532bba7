import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

/** Per-jurisdiction triage settings live in `settings` under "<name>:<jurisdiction id>". */
const keyOf = (name: string, jurisdictionId: string): string => `${name}:${jurisdictionId}`;

export async function readSetting(db: Kysely<DB>, name: string, jurisdictionId: string): Promise<{ value: string; updatedAt: string } | undefined> {
  const row = await db.selectFrom('settings').select(['value', 'updated_at']).where('key', '=', keyOf(name, jurisdictionId)).executeTakeFirst();
  return row ? { value: row.value, updatedAt: row.updated_at } : undefined;
}

export async function writeSetting(db: Kysely<DB>, name: string, jurisdictionId: string, value: string, at: string): Promise<void> {
  await db
    .insertInto('settings')
    .values({ key: keyOf(name, jurisdictionId), value, updated_at: at })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: at }))
    .execute();
}
