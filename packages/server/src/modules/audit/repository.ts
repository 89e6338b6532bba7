import type { Insertable, Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { nowIso } from '../../lib/ids.js';
import { preparedInsert } from '../../lib/prepared-query.js';
import { writeBeforeCommit } from '../../lib/unit-of-work.js';

export interface AuditEntry {
  jurisdictionId: string | null;
  actorUserId: string | null;
  action: string;
  targetType?: string;
  targetId?: string;
  ip?: string;
  detail?: Record<string, unknown>;
}

/** Compiled once: a request's unit of work usually audits one thing (issue 13 §2). */
const auditInsert = preparedInsert('audit_log');

/** Rows per INSERT of a unit of work's entries: eight parameters each, far below either database's limit. */
const AUDIT_ROWS_PER_INSERT = 500;

/**
 * Append-only: the app has no code path that updates or deletes audit rows. Inside a unit of work
 * the entry is written with the unit of work's other entries just before it commits, in one
 * statement (a drainer batch audits every appeal it merges or attaches: one round trip each on
 * PostgreSQL before); it commits or rolls back with the change it records, as before. Entries keep
 * the time and the order in which they were appended. Nothing reads the log inside a unit of work.
 */
export async function appendAudit(db: Kysely<DB>, entry: AuditEntry): Promise<void> {
  const row: Insertable<DB['audit_log']> = {
    jurisdiction_id: entry.jurisdictionId,
    actor_user_id: entry.actorUserId,
    action: entry.action,
    target_type: entry.targetType ?? null,
    target_id: entry.targetId ?? null,
    ip: entry.ip ?? null,
    detail: JSON.stringify(entry.detail ?? {}),
    created_at: nowIso(),
  };
  await writeBeforeCommit(db, 'audit_log', row, writeAuditRows);
}

async function writeAuditRows(db: Kysely<DB>, rows: Array<Insertable<DB['audit_log']>>): Promise<void> {
  if (rows.length === 1 && rows[0]) return auditInsert.execute(db, rows[0]);
  for (let i = 0; i < rows.length; i += AUDIT_ROWS_PER_INSERT) await db.insertInto('audit_log').values(rows.slice(i, i + AUDIT_ROWS_PER_INSERT)).execute();
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
