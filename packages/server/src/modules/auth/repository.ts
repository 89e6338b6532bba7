import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

export interface UserWithUnit {
  id: string;
  jurisdictionId: string;
  username: string;
  displayName: string;
  passwordHash: string;
  status: 'active' | 'disabled';
  orgUnitId: string;
  orgUnitName: string;
  orgUnitPath: string;
  orgUnitKind: string;
}

function selectUsers(db: Kysely<DB>) {
  return db
    .selectFrom('users')
    .innerJoin('org_units', 'org_units.id', 'users.org_unit_id')
    .select([
      'users.id as id',
      'users.jurisdiction_id as jurisdictionId',
      'users.username as username',
      'users.display_name as displayName',
      'users.password_hash as passwordHash',
      'users.status as status',
      'org_units.id as orgUnitId',
      'org_units.name as orgUnitName',
      'org_units.path as orgUnitPath',
      'org_units.kind as orgUnitKind',
    ]);
}

export function findUserByUsername(db: Kysely<DB>, username: string): Promise<UserWithUnit | undefined> {
  return selectUsers(db).where('users.username', '=', username).executeTakeFirst();
}

export function findUserById(db: Kysely<DB>, id: string): Promise<UserWithUnit | undefined> {
  return selectUsers(db).where('users.id', '=', id).executeTakeFirst();
}

export function findUserBySession(db: Kysely<DB>, sessionId: string, now: string): Promise<UserWithUnit | undefined> {
  return selectUsers(db)
    .innerJoin('sessions', 'sessions.user_id', 'users.id')
    .where('sessions.id', '=', sessionId)
    .where('sessions.expires_at', '>', now)
    .executeTakeFirst();
}

export async function findRoles(db: Kysely<DB>, userId: string): Promise<string[]> {
  const rows = await db.selectFrom('user_roles').select('role').where('user_id', '=', userId).orderBy('role').execute();
  return rows.map((r) => r.role);
}

export async function insertSession(
  db: Kysely<DB>,
  session: { id: string; userId: string; createdAt: string; expiresAt: string },
): Promise<void> {
  await db
    .insertInto('sessions')
    .values({
      id: session.id,
      user_id: session.userId,
      created_at: session.createdAt,
      expires_at: session.expiresAt,
      last_seen_at: session.createdAt,
    })
    .execute();
}

export async function deleteSession(db: Kysely<DB>, sessionId: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
}

export async function deleteExpiredSessions(db: Kysely<DB>, now: string): Promise<number> {
  const result = await db.deleteFrom('sessions').where('expires_at', '<=', now).executeTakeFirst();
  return Number(result.numDeletedRows);
}
