import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';

type Db = Kysely<DB> | Transaction<DB>;

/** Per jurisdiction, in `settings` under "ranking_settings:<jurisdiction id>" (as triage settings are). */
const keyOf = (jurisdictionId: string): string => `ranking_settings:${jurisdictionId}`;

export async function readRankingSetting(db: Db, jurisdictionId: string): Promise<{ value: string; updatedAt: string } | undefined> {
  const row = await db.selectFrom('settings').select(['value', 'updated_at']).where('key', '=', keyOf(jurisdictionId)).executeTakeFirst();
  return row ? { value: row.value, updatedAt: row.updated_at } : undefined;
}

export async function writeRankingSetting(db: Db, jurisdictionId: string, value: string, at: string): Promise<void> {
  await db
    .insertInto('settings')
    .values({ key: keyOf(jurisdictionId), value, updated_at: at })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: at }))
    .execute();
}

export interface RankableUnit {
  id: string;
  name: string;
  kind: string;
}

/** The units of these kinds in the caller's scope: the whole jurisdiction, or a subtree by path. */
export async function findUnitsOfKinds(db: Db, o: { jurisdictionId: string; unitPath: string | null; kinds: readonly string[] }): Promise<RankableUnit[]> {
  let query = db.selectFrom('org_units').select(['id', 'name', 'kind']).where('jurisdiction_id', '=', o.jurisdictionId).where('kind', 'in', o.kinds);
  if (o.unitPath !== null) query = query.where('path', 'like', `${o.unitPath}%`);
  return query.orderBy('path').execute();
}
