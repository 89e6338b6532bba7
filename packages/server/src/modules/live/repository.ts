import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

/** Active accounts holding a role, optionally only in one unit or in units of one kind. */
export async function activeUsersWithRole(
  db: Kysely<DB>,
  o: { jurisdictionId: string; role: string; orgUnitId?: string; unitKind?: string },
): Promise<string[]> {
  let q = db
    .selectFrom('users as u')
    .innerJoin('user_roles as r', 'r.user_id', 'u.id')
    .innerJoin('org_units as o', 'o.id', 'u.org_unit_id')
    .select('u.id')
    .where('u.jurisdiction_id', '=', o.jurisdictionId)
    .where('u.status', '=', 'active')
    .where('r.role', '=', o.role);
  if (o.orgUnitId !== undefined) q = q.where('u.org_unit_id', '=', o.orgUnitId);
  if (o.unitKind !== undefined) q = q.where('o.kind', '=', o.unitKind);
  const rows = await q.execute();
  return rows.map((row) => row.id);
}

/** Stores an envelope too large to notify (ADR 0033); listeners read it by id. */
export async function insertLiveMessage(db: Kysely<DB>, row: { id: string; body: string; createdAt: string }): Promise<void> {
  await db.insertInto('live_messages').values({ id: row.id, body: row.body, created_at: row.createdAt }).execute();
}

export async function findLiveMessage(db: Kysely<DB>, id: string): Promise<string | undefined> {
  const row = await db.selectFrom('live_messages').select('body').where('id', '=', id).executeTakeFirst();
  return row?.body;
}

/** Every process has read a stored envelope within seconds of its notice; older ones only take space. */
export async function deleteLiveMessagesBefore(db: Kysely<DB>, before: string): Promise<void> {
  await db.deleteFrom('live_messages').where('created_at', '<', before).execute();
}

/** NOTIFY through the pool: delivered at once (autocommit), to every session listening on the channel. */
export async function notifyChannel(db: Kysely<DB>, channel: string, payload: string): Promise<void> {
  await sql`select pg_notify(${channel}, ${payload})`.execute(db);
}
