import type { Kysely } from 'kysely';
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
