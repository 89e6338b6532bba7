import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

/**
 * Closed cases, newest closure first, with the unit that finally handled each (its lead unit at
 * closure: after any returns and arbitration, the unit that did the work).
 */
export function closedCases(db: Kysely<DB>, jurisdictionId: string, limit: number) {
  return db
    .selectFrom('cases')
    .select(['id', 'content', 'lead_unit_id as unitId', 'created_at as createdAt'])
    .where('jurisdiction_id', '=', jurisdictionId)
    .where('status', '=', 'closed')
    .where('lead_unit_id', 'is not', null)
    .orderBy('closed_at', 'desc')
    .limit(limit)
    .execute();
}

/**
 * Statuses in which the lead unit has accepted the case. A unit may return a case only before
 * accepting it (core lifecycle table), so from here on it has taken the operator's choice as
 * its own; a case still 'dispatched' may yet come back, and is no evidence yet.
 */
const ACCEPTED_OPEN_STATUSES = ['accepted', 'in_progress', 'replied', 'visited'];

/**
 * Open cases their lead unit has accepted, created since `since` (see ACCEPTED_OPEN_STATUSES),
 * without their text: most are not corrections, and a city has tens of thousands open (their
 * texts were most of the routing retrain's memory, ADR 0068). caseTexts reads the few needed.
 */
export function acceptedOpenCases(db: Kysely<DB>, jurisdictionId: string, since: string | null) {
  let query = db
    .selectFrom('cases')
    .select(['id', 'lead_unit_id as unitId'])
    .where('jurisdiction_id', '=', jurisdictionId)
    .where('status', 'in', ACCEPTED_OPEN_STATUSES)
    .where('lead_unit_id', 'is not', null);
  if (since !== null) query = query.where('created_at', '>=', since);
  return query.execute();
}

/** Ids per read of caseTexts: far below either database's parameter limit. */
const TEXT_BATCH = 500;

/** The texts of the given cases of the jurisdiction, by id (read in batches). */
export async function caseTexts(db: Kysely<DB>, jurisdictionId: string, ids: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (let i = 0; i < ids.length; i += TEXT_BATCH) {
    const rows = await db.selectFrom('cases').select(['id', 'content']).where('jurisdiction_id', '=', jurisdictionId).where('id', 'in', ids.slice(i, i + TEXT_BATCH)).execute();
    for (const r of rows) out.set(r.id, r.content);
  }
  return out;
}

/**
 * The jurisdiction's dispatch feedback recorded since `since`, found through its models (an
 * indexed column) rather than joined to cases: routing_feedback has no case index, and such a
 * join planned on stale statistics re-scanned the table once per case (minutes at 20 k cases
 * on PostgreSQL, measured). The caller matches rows to cases.
 */
export function dispatchFeedbackSince(db: Kysely<DB>, jurisdictionId: string, since: string | null) {
  let query = db
    .selectFrom('routing_feedback')
    .select(['id', 'case_id as caseId', 'suggested_unit_id as suggestedUnitId', 'chosen_unit_id as chosenUnitId', 'created_at as createdAt'])
    .where('model_id', 'in', (eb) => eb.selectFrom('routing_models').select('id').where('jurisdiction_id', '=', jurisdictionId));
  if (since !== null) query = query.where('created_at', '>=', since);
  return query.execute();
}

export function listModels(db: Kysely<DB>, jurisdictionId: string) {
  return db
    .selectFrom('routing_models')
    .select(['id', 'version', 'metrics', 'trained_by as trainedBy', 'created_at as createdAt'])
    .select((eb) => [
      eb.selectFrom('routing_feedback').select((f) => f.fn.countAll<number>().as('n')).whereRef('routing_feedback.model_id', '=', 'routing_models.id').as('dispatches'),
      eb
        .selectFrom('routing_feedback')
        .select((f) => f.fn.countAll<number>().as('n'))
        .whereRef('routing_feedback.model_id', '=', 'routing_models.id')
        .whereRef('routing_feedback.suggested_unit_id', '!=', 'routing_feedback.chosen_unit_id')
        .as('corrections'),
    ])
    .where('jurisdiction_id', '=', jurisdictionId)
    .orderBy('version', 'desc')
    .execute();
}
