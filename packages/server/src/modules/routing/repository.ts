import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

/**
 * Training examples: the content of each closed case and the unit that finally handled it
 * (its lead unit at closure: after any returns and arbitration, the unit that did the work).
 */
export function trainingExamples(db: Kysely<DB>, jurisdictionId: string, limit: number) {
  return db
    .selectFrom('cases')
    .select(['content', 'lead_unit_id as unitId'])
    .where('jurisdiction_id', '=', jurisdictionId)
    .where('status', '=', 'closed')
    .where('lead_unit_id', 'is not', null)
    .orderBy('closed_at', 'desc')
    .limit(limit)
    .execute();
}

export async function latestVersion(db: Kysely<DB>, jurisdictionId: string): Promise<number> {
  const row = await db
    .selectFrom('routing_models')
    .select((eb) => eb.fn.max('version').as('v'))
    .where('jurisdiction_id', '=', jurisdictionId)
    .executeTakeFirst();
  return Number(row?.v ?? 0);
}

export async function insertModel(
  db: Kysely<DB>,
  row: { id: string; jurisdictionId: string; version: number; model: string; metrics: string; trainedBy: string | null; createdAt: string },
): Promise<void> {
  await db
    .insertInto('routing_models')
    .values({
      id: row.id, jurisdiction_id: row.jurisdictionId, version: row.version, model: row.model, metrics: row.metrics,
      trained_by: row.trainedBy, created_at: row.createdAt,
    })
    .execute();
}

export function findLatestModel(db: Kysely<DB>, jurisdictionId: string) {
  return db
    .selectFrom('routing_models')
    .select(['id', 'version', 'model', 'created_at'])
    .where('jurisdiction_id', '=', jurisdictionId)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
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
