import type { Insertable, Kysely, Transaction } from 'kysely';
import type { DB, LineTable, OrgUnitTable, UserTable } from '../../db/schema.js';

type Db = Kysely<DB> | Transaction<DB>;

export async function insertJurisdiction(db: Db, row: Insertable<DB['jurisdictions']>): Promise<void> {
  await db.insertInto('jurisdictions').values(row).execute();
}

export function findOrgUnitPath(db: Db, id: string): Promise<{ path: string; jurisdiction_id: string } | undefined> {
  return db.selectFrom('org_units').select(['path', 'jurisdiction_id']).where('id', '=', id).executeTakeFirst();
}

export async function insertOrgUnit(db: Db, row: Insertable<OrgUnitTable>): Promise<void> {
  await db.insertInto('org_units').values(row).execute();
}

export async function insertUser(db: Db, row: Insertable<UserTable>, roles: readonly string[]): Promise<void> {
  await db.insertInto('users').values(row).execute();
  if (roles.length > 0) {
    await db.insertInto('user_roles').values(roles.map((role) => ({ user_id: row.id, role }))).execute();
  }
}

export async function insertLine(db: Db, row: Insertable<LineTable>): Promise<void> {
  await db.insertInto('lines').values(row).execute();
}

export async function countJurisdictions(db: Db): Promise<number> {
  const row = await db.selectFrom('jurisdictions').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

export function listOrgUnits(db: Db, options: { jurisdictionId: string; pathPrefix: string | null }) {
  let query = db
    .selectFrom('org_units')
    .select(['id', 'parent_id as parentId', 'name', 'kind', 'path', 'aliases'])
    .where('jurisdiction_id', '=', options.jurisdictionId);
  if (options.pathPrefix !== null) query = query.where('path', 'like', `${options.pathPrefix}%`);
  return query.orderBy('sort_order').orderBy('name').execute();
}

export async function updateOrgUnitAliases(db: Db, o: { jurisdictionId: string; id: string; aliases: string }): Promise<boolean> {
  const result = await db.updateTable('org_units').set({ aliases: o.aliases }).where('id', '=', o.id).where('jurisdiction_id', '=', o.jurisdictionId).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Every unit's name and short names: the candidates a petition message's unit is matched against. */
export function listUnitNames(db: Db, jurisdictionId: string): Promise<Array<{ id: string; name: string; aliases: string }>> {
  return db.selectFrom('org_units').select(['id', 'name', 'aliases']).where('jurisdiction_id', '=', jurisdictionId).orderBy('sort_order').orderBy('id').execute();
}
