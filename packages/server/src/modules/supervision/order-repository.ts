import type { Kysely, Transaction } from 'kysely';
import type { DB, SupervisionOrderTable } from '../../db/schema.js';

type Db = Kysely<DB> | Transaction<DB>;

export async function insertOrder(
  db: Db,
  row: { id: string; jurisdictionId: string; caseId: string; unitId: string; instruction: string; issuedBy: string; issuedAt: string; dueAt: string },
): Promise<void> {
  await db
    .insertInto('supervision_orders')
    .values({
      id: row.id, jurisdiction_id: row.jurisdictionId, case_id: row.caseId, unit_id: row.unitId, status: 'open',
      instruction: row.instruction, issued_by: row.issuedBy, issued_at: row.issuedAt, due_at: row.dueAt,
    })
    .execute();
}

/** The case's order not yet closed, if any (at most one: a partial unique index). */
export function findLiveOrder(db: Db, caseId: string) {
  return db.selectFrom('supervision_orders').select(['id', 'status']).where('case_id', '=', caseId).where('status', '<>', 'closed').executeTakeFirst();
}

export interface OrderFilter {
  jurisdictionId: string;
  /** Orders addressed to units under this path; null for the whole jurisdiction. */
  unitPath: string | null;
  status?: SupervisionOrderTable['status'] | undefined;
  caseId?: string | undefined;
  id?: string | undefined;
}

function filtered(db: Db, f: OrderFilter) {
  let q = db
    .selectFrom('supervision_orders as o')
    .innerJoin('cases', 'cases.id', 'o.case_id')
    .innerJoin('org_units as u', 'u.id', 'o.unit_id')
    .where('o.jurisdiction_id', '=', f.jurisdictionId);
  if (f.unitPath !== null) q = q.where('u.path', 'like', `${f.unitPath}%`);
  if (f.status !== undefined) q = q.where('o.status', '=', f.status);
  if (f.caseId !== undefined) q = q.where('o.case_id', '=', f.caseId);
  if (f.id !== undefined) q = q.where('o.id', '=', f.id);
  return q;
}

export async function listOrders(db: Db, f: OrderFilter & { limit: number; offset: number }) {
  const base = filtered(db, f);
  const rows = base
    .leftJoin('users as issuer', 'issuer.id', 'o.issued_by')
    .leftJoin('users as answerer', 'answerer.id', 'o.answered_by')
    .leftJoin('users as closer', 'closer.id', 'o.closed_by')
    .select([
      'o.id as id', 'o.case_id as caseId', 'cases.case_number as caseNumber', 'o.unit_id as unitId', 'u.name as unitName', 'u.path as unitPath',
      'o.status as status', 'o.instruction as instruction', 'issuer.display_name as issuedByName', 'o.issued_at as issuedAt', 'o.due_at as dueAt',
      'o.answer_text as answerText', 'answerer.display_name as answeredByName', 'o.answered_at as answeredAt',
      'o.close_note as closeNote', 'closer.display_name as closedByName', 'o.closed_at as closedAt', 'o.overdue_at as overdueAt',
    ])
    // Open orders first (the work), then the newest.
    .orderBy((eb) => eb.case().when('o.status', '=', 'open').then(0).when('o.status', '=', 'answered').then(1).else(2).end())
    .orderBy('o.issued_at', 'desc')
    .orderBy('o.id')
    .limit(f.limit)
    .offset(f.offset)
    .execute();
  const count = base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const [items, c] = await Promise.all([rows, count]);
  return { items, total: Number(c.n) };
}

export type OrderRow = Awaited<ReturnType<typeof listOrders>>['items'][number];

export function findOrder(db: Db, id: string, jurisdictionId: string) {
  return db
    .selectFrom('supervision_orders as o')
    .innerJoin('org_units as u', 'u.id', 'o.unit_id')
    .innerJoin('cases', 'cases.id', 'o.case_id')
    .select(['o.id as id', 'o.case_id as caseId', 'cases.case_number as caseNumber', 'o.status as status', 'o.unit_id as unitId', 'u.path as unitPath', 'o.issued_by as issuedBy'])
    .where('o.id', '=', id)
    .where('o.jurisdiction_id', '=', jurisdictionId)
    .executeTakeFirst();
}

/** Moves the order on only from the status read, so of two simultaneous acts one wins. */
export async function updateOrderFrom(
  db: Db,
  id: string,
  from: SupervisionOrderTable['status'],
  set: Partial<Pick<SupervisionOrderTable, 'status' | 'answer_text' | 'answered_by' | 'answered_at' | 'close_note' | 'closed_by' | 'closed_at'>>,
): Promise<boolean> {
  const r = await db.updateTable('supervision_orders').set(set).where('id', '=', id).where('status', '=', from).executeTakeFirst();
  return r.numUpdatedRows === 1n;
}

export async function findDueOrders(db: Db, now: string, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('supervision_orders')
    .select('id')
    .where('overdue_at', 'is', null)
    .where('status', '=', 'open')
    .where('due_at', '<=', now)
    .orderBy('due_at')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

export async function claimOverdueOrder(trx: Transaction<DB>, id: string, now: string) {
  const r = await trx.updateTable('supervision_orders').set({ overdue_at: now }).where('id', '=', id).where('overdue_at', 'is', null).where('status', '=', 'open').executeTakeFirst();
  return r.numUpdatedRows === 1n;
}
