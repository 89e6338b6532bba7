import type { Kysely } from 'kysely';
import { jsonArrayFrom as pgJsonArrayFrom } from 'kysely/helpers/postgres';
import { jsonArrayFrom as sqliteJsonArrayFrom } from 'kysely/helpers/sqlite';
import type { Dialect } from '../../db/database.js';
import type { DB } from '../../db/schema.js';
import { preparedQuery, type PreparedQuery } from '../../lib/prepared-query.js';

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

/** Who a live session belongs to, with their roles: what every signed-in request needs first. */
export type SessionRow = Omit<UserWithUnit, 'passwordHash'> & { roles: string[]; expiresAt: string };

type SessionValues = { sessionId: string; now: string };

/**
 * The session, its user, their unit and roles in ONE statement compiled once per dialect
 * (lib/prepared-query.ts): it runs before every signed-in request. Built by Kysely on each
 * request, this and a second query for the roles were a quarter of what the screen-pop's
 * `GET /callers/history` allocated (~30 KB of ~140 KB a request), and so of its garbage
 * collections, which landed in its p99 (issue 10 §2, ADR 0064); PostgreSQL also pays one round
 * trip instead of two. A write reads it afresh every time: a session ended or expired is refused
 * at once, in every process; a read on PostgreSQL may be authorised from memory (ADR 0078).
 */
function sessionStatement(dialect: Dialect): PreparedQuery<SessionValues, Omit<SessionRow, 'roles'> & { roles: Array<{ role: string }> | string | null }> {
  const jsonArrayFrom = dialect === 'postgres' ? pgJsonArrayFrom : sqliteJsonArrayFrom;
  return preparedQuery<SessionValues, Omit<SessionRow, 'roles'> & { roles: Array<{ role: string }> | string | null }>(['sessionId', 'now'], (db, v) =>
    db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.user_id')
      .innerJoin('org_units', 'org_units.id', 'users.org_unit_id')
      .select((eb) => [
        'users.id as id',
        'users.jurisdiction_id as jurisdictionId',
        'users.username as username',
        'users.display_name as displayName',
        'users.status as status',
        'org_units.id as orgUnitId',
        'org_units.name as orgUnitName',
        'org_units.path as orgUnitPath',
        'org_units.kind as orgUnitKind',
        'sessions.expires_at as expiresAt',
        jsonArrayFrom(eb.selectFrom('user_roles').select('user_roles.role').whereRef('user_roles.user_id', '=', 'users.id').orderBy('user_roles.role')).as('roles'),
      ])
      .where('sessions.id', '=', v.sessionId)
      .where('sessions.expires_at', '>', v.now),
    // A look-up by key, planned once on SQLite rather than at every request (ADR 0071).
    { fixedPlan: true },
  );
}

const sessionStatements: Record<Dialect, ReturnType<typeof sessionStatement>> = { sqlite: sessionStatement('sqlite'), postgres: sessionStatement('postgres') };

export async function findSessionUser(db: Kysely<DB>, dialect: Dialect, sessionId: string, now: string): Promise<SessionRow | undefined> {
  const [row] = await sessionStatements[dialect].execute(db, { sessionId, now });
  if (!row) return undefined;
  // SQLite returns the JSON as text; PostgreSQL's driver has parsed it already.
  const roles = typeof row.roles === 'string' ? (JSON.parse(row.roles) as Array<{ role: string }>) : (row.roles ?? []);
  return { ...row, roles: roles.map((r) => r.role) };
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
