import type { ExpressionBuilder, Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { applyScope, type CaseScope } from '../cases/list-repository.js';

/** Cases of the scope with an extension request no supervisor has ruled on. */
function pendingExtensions(db: Kysely<DB>, scope: CaseScope) {
  return applyScope(db.selectFrom('cases'), scope).where('cases.pending_extension_days', 'is not', null).where('cases.status', '=', 'in_progress');
}

export async function countPendingExtensions(db: Kysely<DB>, scope: CaseScope): Promise<number> {
  const row = await pendingExtensions(db, scope).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The extension queue, oldest request first (the unit has waited longest for a ruling). */
export async function listPendingExtensions(db: Kysely<DB>, scope: CaseScope, page: { limit: number; offset: number }) {
  const requestedAt = (eb: ExpressionBuilder<DB, 'cases'>) =>
    eb
      .selectFrom('case_events')
      .select((e) => e.fn.max('case_events.created_at').as('at'))
      .whereRef('case_events.case_id', '=', 'cases.id')
      .where('case_events.type', '=', 'extension_requested');
  const resolveDue = (eb: ExpressionBuilder<DB, 'cases'>) =>
    eb
      .selectFrom('case_deadlines')
      .select((d) => d.fn.min('case_deadlines.due_at').as('due'))
      .whereRef('case_deadlines.case_id', '=', 'cases.id')
      .where('case_deadlines.kind', '=', 'resolve')
      .where('case_deadlines.met_at', 'is', null)
      .where('case_deadlines.cancelled_at', 'is', null);
  const rows = await pendingExtensions(db, scope)
    .leftJoin('org_units', 'org_units.id', 'cases.lead_unit_id')
    .select((eb) => [
      'cases.id as caseId', 'cases.case_number as caseNumber', 'cases.type as type', 'cases.urgency as urgency',
      'cases.lead_unit_id as leadUnitId', 'org_units.name as leadUnitName',
      'cases.pending_extension_days as workingDays', 'cases.pending_extension_reason as reason',
      requestedAt(eb).as('requestedAt'), resolveDue(eb).as('resolveDueAt'),
    ])
    .orderBy('cases.updated_at')
    .orderBy('cases.id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return rows;
}

/** Cases of the scope with a deadline passed and still chased, per lead unit, most first. */
export async function overdueByUnit(db: Kysely<DB>, scope: CaseScope, now: string) {
  const rows = await applyScope(db.selectFrom('cases'), scope)
    .where('cases.id', 'in', (eb) =>
      eb
        .selectFrom('case_deadlines')
        .select('case_deadlines.case_id')
        .where('case_deadlines.met_at', 'is', null)
        .where('case_deadlines.cancelled_at', 'is', null)
        .where('case_deadlines.due_at', '<=', now),
    )
    .innerJoin('org_units', 'org_units.id', 'cases.lead_unit_id')
    .select((eb) => ['org_units.id as unitId', 'org_units.name as unitName', eb.fn.countAll<number>().as('cases')])
    .groupBy(['org_units.id', 'org_units.name'])
    .orderBy('cases', 'desc')
    .orderBy('org_units.name')
    .execute();
  return rows.map((r) => ({ ...r, cases: Number(r.cases) }));
}

/** Open notices and live orders addressed to units under the path (null: the whole jurisdiction). */
export async function awaitingReply(db: Kysely<DB>, o: { jurisdictionId: string; unitPath: string | null }) {
  let notices = db
    .selectFrom('supervision_notices as n')
    .leftJoin('org_units as u', 'u.id', 'n.unit_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('n.jurisdiction_id', '=', o.jurisdictionId)
    .where('n.acknowledged_at', 'is', null);
  let orders = db
    .selectFrom('supervision_orders as o')
    .innerJoin('org_units as u', 'u.id', 'o.unit_id')
    .select(['o.status as status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('o.jurisdiction_id', '=', o.jurisdictionId)
    .where('o.status', '<>', 'closed')
    .groupBy('o.status');
  if (o.unitPath !== null) {
    notices = notices.where('u.path', 'like', `${o.unitPath}%`);
    orders = orders.where('u.path', 'like', `${o.unitPath}%`);
  }
  const [n, byStatus] = await Promise.all([notices.executeTakeFirstOrThrow(), orders.execute()]);
  const count = (status: string) => Number(byStatus.find((r) => r.status === status)?.n ?? 0);
  return { notices: Number(n.n), ordersOpen: count('open'), ordersAnswered: count('answered') };
}
