import type { Transaction } from 'kysely';
import type { DB } from '../db/schema.js';

type Trx = Transaction<DB>;

export function findJurisdictionByCode(trx: Trx, code: string) {
  return trx.selectFrom('jurisdictions').select(['id', 'code', 'name']).where('code', '=', code).executeTakeFirst();
}

/** The deployment's default jurisdiction: the first one created (as the public pages pick it). */
export function findFirstJurisdiction(trx: Trx) {
  return trx.selectFrom('jurisdictions').select(['id', 'code', 'name']).orderBy('created_at').orderBy('id').limit(1).executeTakeFirst();
}

/** The top of the jurisdiction's org tree (the first, should there be several). */
export function findRootUnit(trx: Trx, jurisdictionId: string) {
  return trx
    .selectFrom('org_units')
    .select(['id', 'name'])
    .where('jurisdiction_id', '=', jurisdictionId)
    .where('parent_id', 'is', null)
    .orderBy('sort_order')
    .orderBy('created_at')
    .limit(1)
    .executeTakeFirst();
}

export async function usernameExists(trx: Trx, username: string): Promise<boolean> {
  return (await trx.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst()) !== undefined;
}
