import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

export interface MonitoredLine {
  id: string;
  jurisdictionId: string;
  number: string;
  name: string;
  mode: 'direct' | 'staffed' | 'sms_only' | 'tip';
  isPublic: boolean;
  ownerTitle: string;
  ownerUserId: string | null;
  ownerName: string | null;
  ownerUnitId: string | null;
  ownerUnitPath: string | null;
}

export interface LineFilter {
  jurisdictionId: string;
  /** Only lines whose owner sits in this unit's subtree (null: every line). */
  unitPath?: string | null;
  /** …or that this user owns (an official's own lines). */
  ownerUserId?: string | null;
  publicOnly?: boolean;
  lineId?: string;
}

/** The lines the monitor and the figures speak of, with their owner's unit (for attribution). */
export async function findLines(db: Kysely<DB>, f: LineFilter): Promise<MonitoredLine[]> {
  let q = db
    .selectFrom('lines as l')
    .leftJoin('users as u', 'u.id', 'l.owner_user_id')
    .leftJoin('org_units as o', 'o.id', 'u.org_unit_id')
    .select([
      'l.id as id', 'l.jurisdiction_id as jurisdictionId', 'l.number as number', 'l.name as name', 'l.mode as mode', 'l.is_public as isPublic',
      'l.owner_title as ownerTitle', 'l.owner_user_id as ownerUserId', 'u.display_name as ownerName', 'o.id as ownerUnitId', 'o.path as ownerUnitPath',
    ])
    .where('l.jurisdiction_id', '=', f.jurisdictionId);
  if (f.publicOnly) q = q.where('l.is_public', '=', 1);
  if (f.lineId !== undefined) q = q.where('l.id', '=', f.lineId);
  const rows = await q.orderBy('l.created_at').orderBy('l.number').execute();
  const { unitPath, ownerUserId } = f;
  return rows
    .map((r) => ({ ...r, isPublic: r.isPublic === 1 }))
    .filter((r) => unitPath === null || unitPath === undefined || (r.ownerUnitPath !== null && r.ownerUnitPath.startsWith(unitPath)) || (ownerUserId !== null && ownerUserId !== undefined && r.ownerUserId === ownerUserId));
}

/** Every jurisdiction with its time zone (the worker looks at each). */
export function findJurisdictions(db: Kysely<DB>) {
  return db.selectFrom('jurisdictions').select(['id', 'name', 'timezone']).orderBy('created_at').execute();
}

/** The supervisors over a unit: its own and its ancestors' (path prefixes), nearest first. */
export async function supervisorsOver(db: Kysely<DB>, jurisdictionId: string, unitPath: string): Promise<string[]> {
  const rows = await db
    .selectFrom('users as u')
    .innerJoin('user_roles as r', 'r.user_id', 'u.id')
    .innerJoin('org_units as o', 'o.id', 'u.org_unit_id')
    .select(['u.id as id', 'o.path as path'])
    .where('u.jurisdiction_id', '=', jurisdictionId)
    .where('u.status', '=', 'active')
    .where('r.role', '=', 'supervisor')
    .execute();
  const above = rows.filter((r) => unitPath.startsWith(r.path));
  const nearest = Math.max(-1, ...above.map((r) => r.path.length));
  return above.filter((r) => r.path.length === nearest).map((r) => r.id);
}

/** Each unit's materialised path (a unit's subtree holds the lines owned below it). */
export async function unitPaths(db: Kysely<DB>, jurisdictionId: string): Promise<Map<string, string>> {
  const rows = await db.selectFrom('org_units').select(['id', 'path']).where('jurisdiction_id', '=', jurisdictionId).execute();
  return new Map(rows.map((r) => [r.id, r.path]));
}
