import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

/** The jurisdiction's time zone: files show local times, as staff read them. */
export async function findTimeZone(db: Kysely<DB>, jurisdictionId: string): Promise<string> {
  const row = await db.selectFrom('jurisdictions').select('timezone').where('id', '=', jurisdictionId).executeTakeFirstOrThrow();
  return row.timezone;
}
