import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { nowIso } from '../../lib/ids.js';
import { preparedInsert } from '../../lib/prepared-query.js';

export interface AuditEntry {
  jurisdictionId: string | null;
  actorUserId: string | null;
  action: string;
  targetType?: string;
  targetId?: string;
  ip?: string;
  detail?: Record<string, unknown>;
}

/** Compiled once: unattended intake audits every appeal it merges or attaches (issue 13 §2). */
const auditInsert = preparedInsert('audit_log');

/** Append-only: the app has no code path that updates or deletes audit rows. */
export async function appendAudit(db: Kysely<DB>, entry: AuditEntry): Promise<void> {
  await auditInsert.execute(db, {
    jurisdiction_id: entry.jurisdictionId,
    actor_user_id: entry.actorUserId,
    action: entry.action,
    target_type: entry.targetType ?? null,
    target_id: entry.targetId ?? null,
    ip: entry.ip ?? null,
    detail: JSON.stringify(entry.detail ?? {}),
    created_at: nowIso(),
  });
}

export interface AuditQuery {
  jurisdictionId: string;
  action?: string | undefined;
  actorUserId?: string | undefined;
  targetId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  limit: number;
  offset: number;
}

export async function listAudit(db: Kysely<DB>, q: AuditQuery) {
  // Rows without a jurisdiction (a failed sign-in under an unknown name) belong to every admin.
  let query = db
    .selectFrom('audit_log as a')
    .leftJoin('users as u', 'u.id', 'a.actor_user_id')
    .where((eb) => eb.or([eb('a.jurisdiction_id', '=', q.jurisdictionId), eb('a.jurisdiction_id', 'is', null)]));
  // "case." matches every case action: a trailing dot filters by family.
  if (q.action) query = q.action.endsWith('.') ? query.where('a.action', 'like', `${q.action}%`) : query.where('a.action', '=', q.action);
  if (q.actorUserId) query = query.where('a.actor_user_id', '=', q.actorUserId);
  if (q.targetId) query = query.where('a.target_id', '=', q.targetId);
  if (q.from) query = query.where('a.created_at', '>=', q.from);
  if (q.to) query = query.where('a.created_at', '<', q.to);
  const [items, count] = await Promise.all([
    query
      .select([
        'a.id as id', 'a.action as action', 'a.actor_user_id as actorUserId', 'u.display_name as actorName',
        'a.target_type as targetType', 'a.target_id as targetId', 'a.ip as ip', 'a.detail as detail', 'a.created_at as createdAt',
      ])
      .orderBy('a.id', 'desc')
      .limit(q.limit)
      .offset(q.offset)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(count.n) };
}
