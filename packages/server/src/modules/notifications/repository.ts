import type { Insertable, Kysely, Transaction } from 'kysely';
import type { DB, NotificationTable } from '../../db/schema.js';

type Db = Kysely<DB> | Transaction<DB>;

export async function insertNotifications(db: Db, rows: Insertable<NotificationTable>[]): Promise<void> {
  if (rows.length > 0) await db.insertInto('notifications').values(rows).execute();
}

/** A staff member who may receive notifications, with what the case policy needs to judge them. */
export interface RecipientCandidate {
  id: string;
  jurisdictionId: string;
  username: string;
  displayName: string;
  orgUnitId: string;
  orgUnitName: string;
  orgUnitPath: string;
  orgUnitKind: string;
  roles: string[];
}

type Filter = { role?: string; unitIds?: string[]; jurisdictionId?: string; ids?: string[] };

/**
 * Active users matching the filter, each with all their roles (the policy judges a user by every
 * role they hold).
 */
export async function findRecipients(db: Db, filter: Filter): Promise<RecipientCandidate[]> {
  let q = db
    .selectFrom('users')
    .innerJoin('org_units', 'org_units.id', 'users.org_unit_id')
    .select([
      'users.id as id', 'users.jurisdiction_id as jurisdictionId', 'users.username as username', 'users.display_name as displayName',
      'users.org_unit_id as orgUnitId', 'org_units.name as orgUnitName', 'org_units.path as orgUnitPath', 'org_units.kind as orgUnitKind',
    ])
    .where('users.status', '=', 'active');
  const { role, unitIds, jurisdictionId, ids } = filter;
  if (role) q = q.where('users.id', 'in', db.selectFrom('user_roles').select('user_id').where('role', '=', role));
  if (unitIds) q = q.where('users.org_unit_id', 'in', unitIds.length > 0 ? unitIds : ['']);
  if (jurisdictionId) q = q.where('users.jurisdiction_id', '=', jurisdictionId);
  if (ids) q = q.where('users.id', 'in', ids.length > 0 ? ids : ['']);
  const users = await q.execute();
  if (users.length === 0) return [];
  const roles = new Map<string, string[]>();
  for (const r of await db.selectFrom('user_roles').select(['user_id', 'role']).where('user_id', 'in', users.map((u) => u.id)).execute()) {
    roles.set(r.user_id, [...(roles.get(r.user_id) ?? []), r.role]);
  }
  return users.map((u) => ({ ...u, roles: roles.get(u.id) ?? [] }));
}

/**
 * A person's notifications are all of their own jurisdiction (fan-out.ts writes no others), so
 * every read names it too: partitioned or distributed by jurisdiction (ADR 0033), the bell on
 * every page reads one partition, not all.
 */
type Owner = { userId: string; jurisdictionId: string };

export function listForUser(db: Db, options: Owner & { limit: number; unreadOnly: boolean }) {
  let q = db
    .selectFrom('notifications')
    .leftJoin('cases', 'cases.id', 'notifications.case_id')
    .select([
      'notifications.id as id', 'notifications.kind as kind', 'notifications.case_id as caseId', 'cases.case_number as caseNumber',
      'notifications.created_at as createdAt', 'notifications.read_at as readAt', 'notifications.facts as facts',
    ])
    .where('notifications.jurisdiction_id', '=', options.jurisdictionId)
    .where('notifications.user_id', '=', options.userId);
  if (options.unreadOnly) q = q.where('notifications.read_at', 'is', null);
  return q.orderBy('notifications.created_at', 'desc').orderBy('notifications.id', 'desc').limit(options.limit).execute();
}

export async function countUnread(db: Db, owner: Owner): Promise<number> {
  const row = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('jurisdiction_id', '=', owner.jurisdictionId)
    .where('user_id', '=', owner.userId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Marks one of the user's notifications read; false when it is not theirs (or does not exist). */
export async function markRead(db: Db, options: Owner & { id: string; at: string }): Promise<boolean> {
  const mine = await db.selectFrom('notifications').select('id').where('jurisdiction_id', '=', options.jurisdictionId).where('id', '=', options.id).where('user_id', '=', options.userId).executeTakeFirst();
  if (!mine) return false;
  await db.updateTable('notifications').set({ read_at: options.at }).where('jurisdiction_id', '=', options.jurisdictionId).where('id', '=', options.id).where('read_at', 'is', null).execute();
  return true;
}

export async function markAllRead(db: Db, options: Owner & { at: string }): Promise<void> {
  await db.updateTable('notifications').set({ read_at: options.at }).where('jurisdiction_id', '=', options.jurisdictionId).where('user_id', '=', options.userId).where('read_at', 'is', null).execute();
}
