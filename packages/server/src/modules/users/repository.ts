import { ROLES, type Role } from '@openline/core';
import type { Kysely, Transaction, Updateable } from 'kysely';
import type { DB, UserTable } from '../../db/schema.js';

type Db = Kysely<DB> | Transaction<DB>;

export function listUsersWithUnits(db: Db, jurisdictionId: string, userId?: string) {
  let q = db
    .selectFrom('users')
    .innerJoin('org_units', 'org_units.id', 'users.org_unit_id')
    .select([
      'users.id as id', 'users.username as username', 'users.display_name as displayName', 'users.status as status',
      'users.org_unit_id as orgUnitId', 'org_units.name as orgUnitName',
    ])
    .where('users.jurisdiction_id', '=', jurisdictionId);
  if (userId) q = q.where('users.id', '=', userId);
  return q.orderBy('users.username').execute();
}

export async function rolesByUser(db: Db, userIds: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (userIds.length === 0) return out;
  const rows = await db.selectFrom('user_roles').select(['user_id', 'role']).where('user_id', 'in', userIds).orderBy('role').execute();
  for (const r of rows) out.set(r.user_id, [...(out.get(r.user_id) ?? []), r.role]);
  return out;
}

export async function updateUserRow(db: Db, id: string, set: Updateable<UserTable>): Promise<void> {
  await db.updateTable('users').set(set).where('id', '=', id).execute();
}

/** Replaces the user's roles inside the jurisdiction; platform roles are not a jurisdiction's to change. */
export async function replaceRoles(db: Db, userId: string, roles: readonly Role[]): Promise<void> {
  await db.deleteFrom('user_roles').where('user_id', '=', userId).where('role', 'in', [...ROLES]).execute();
  if (roles.length > 0) await db.insertInto('user_roles').values(roles.map((role) => ({ user_id: userId, role }))).execute();
}

export async function deleteSessionsOf(db: Db, userId: string): Promise<void> {
  await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
}

export async function usernameTaken(db: Db, username: string): Promise<boolean> {
  return (await db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst()) !== undefined;
}
