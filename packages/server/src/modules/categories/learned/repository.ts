import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';

/** Closed cases that carry a category, newest closure first: by closure the category has been looked at. */
export function closedCategorised(db: Kysely<DB>, jurisdictionId: string, limit: number) {
  return db
    .selectFrom('cases')
    .select(['id', 'content', 'category_id as categoryId', 'created_at as createdAt'])
    .where('jurisdiction_id', '=', jurisdictionId)
    .where('status', '=', 'closed')
    .where('category_id', 'is not', null)
    .orderBy('closed_at', 'desc')
    .limit(limit)
    .execute();
}

/**
 * Cases of the jurisdiction whose category staff changed since `since`, with their category now.
 * Found through the events' time index, then their cases: corrections are few beside cases.
 */
export function correctedSince(db: Kysely<DB>, jurisdictionId: string, since: string | null) {
  let query = db
    .selectFrom('case_events')
    .innerJoin('cases', 'cases.id', 'case_events.case_id')
    .select(['cases.id as id', 'cases.content as content', 'cases.category_id as categoryId', 'cases.status as status'])
    .distinct()
    .where('case_events.type', '=', 'category_changed')
    .where('cases.jurisdiction_id', '=', jurisdictionId)
    .where('cases.category_id', 'is not', null);
  if (since !== null) query = query.where('case_events.created_at', '>=', since);
  return query.execute();
}

/** The jurisdiction's category model versions, newest first (their models left out: large, and not shown). */
export function listVersions(db: Kysely<DB>, jurisdictionId: string, limit: number) {
  return db
    .selectFrom('category_models')
    .select(['id', 'version', 'metrics', 'trained_by as trainedBy', 'created_at as createdAt'])
    .where('jurisdiction_id', '=', jurisdictionId)
    .orderBy('version', 'desc')
    .limit(limit)
    .execute();
}
