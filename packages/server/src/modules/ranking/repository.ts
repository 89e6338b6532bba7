import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';

type Db = Kysely<DB> | Transaction<DB>;

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
