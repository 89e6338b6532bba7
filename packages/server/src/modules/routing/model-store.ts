import { routingModelFromJson, routingModelToJson, trainWithHeldOutSteps, type LabeledText, type RoutingModel } from '@openline/core';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import type { AppContext } from '../../lib/app-context.js';
import { newId, nowIso } from '../../lib/ids.js';
import { runInTimeSlices } from '../../lib/time-slices.js';
import { inTransaction } from '../../lib/unit-of-work.js';
import { appendAudit } from '../audit/repository.js';

/**
 * Where trained text models are kept, one versioned table per thing learnt: the unit router
 * (routing_models, ADR 0006) and the category model (category_models, ADR 0045). Both store
 * core's RoutingModel JSON, so reading, versioning and caching are the same code.
 */
export type ModelTable = 'routing_models' | 'category_models';

async function latestModelVersion(db: Kysely<DB>, table: ModelTable, jurisdictionId: string): Promise<number> {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.max('version').as('v'))
    .where('jurisdiction_id', '=', jurisdictionId)
    .executeTakeFirst();
  return Number(row?.v ?? 0);
}

async function insertModelVersion(
  db: Kysely<DB>,
  table: ModelTable,
  row: { id: string; jurisdictionId: string; version: number; model: string; metrics: string; trainedBy: string | null; createdAt: string },
): Promise<void> {
  await db
    .insertInto(table)
    .values({
      id: row.id, jurisdiction_id: row.jurisdictionId, version: row.version, model: row.model, metrics: row.metrics,
      trained_by: row.trainedBy, created_at: row.createdAt,
    })
    .execute();
}

/** The latest version's identity, not its model: a model is large, and almost always cached already. */
export function findLatestModelRow(db: Kysely<DB>, table: ModelTable, jurisdictionId: string) {
  return db
    .selectFrom(table)
    .select(['id', 'version', 'created_at'])
    .where('jurisdiction_id', '=', jurisdictionId)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/**
 * Parsed models by table and jurisdiction: parsing a model is milliseconds, suggesting
 * microseconds, and a version never changes once stored, so each process keeps the latest one
 * it has seen. A newer version (trained by any process) is noticed by its id on the next read.
 */
const cache = new Map<string, { id: string; model: RoutingModel }>();

export async function currentModel(
  db: Kysely<DB>,
  table: ModelTable,
  jurisdictionId: string,
): Promise<{ id: string; version: number; trainedAt: string; model: RoutingModel } | null> {
  const row = await findLatestModelRow(db, table, jurisdictionId);
  if (!row) return null;
  const key = `${table}:${jurisdictionId}`;
  const cached = cache.get(key);
  if (cached?.id === row.id) return { id: row.id, version: row.version, trainedAt: String(row.created_at), model: cached.model };
  const stored = await db.selectFrom(table).select('model').where('id', '=', row.id).executeTakeFirstOrThrow();
  const model = routingModelFromJson(JSON.parse(stored.model));
  cache.set(key, { id: row.id, model });
  return { id: row.id, version: row.version, trainedAt: String(row.created_at), model };
}

/** What every trained version records of itself (routing adds how many examples were corrections, etc.). */
export interface BaseModelMetrics {
  examples: number;
  labels: number;
  heldOut: number;
  accuracy: number | null;
  macroF1: number | null;
  trainMs: number;
}

/** Below this a jurisdiction keeps its cold-start suggestions: a few dozen cases teach a model little. */
export const MIN_EXAMPLES = 30;

/**
 * Trains a version on `examples` (measured on a held-out fifth first, see trainWithHeldOut) and
 * stores it as the next version; an admin's training (`audit` given) commits its audit entry
 * with it. Too little history (MIN_EXAMPLES over at least two labels) is a 409 naming what is
 * missing. Training runs outside the transaction: seconds of CPU must not hold SQLite's writer.
 * trainMs is wall time, so it includes the turns given to the event loop while training.
 */
export async function trainAndStoreModel<E extends object>(
  ctx: AppContext,
  table: ModelTable,
  options: {
    jurisdictionId: string; examples: readonly LabeledText[]; extraMetrics: E; trainedBy: string | null;
    /** Says what the examples and labels are, for the 409: e.g. "closed or corrected cases over … units". */
    shortOf: (examples: number, labels: number) => string;
    audit?: { ip: string; action: string; targetType: string } | undefined;
  },
): Promise<{ version: number; metrics: BaseModelMetrics & E }> {
  const { jurisdictionId, examples, trainedBy, audit } = options;
  const labels = new Set(examples.map((e) => e.label)).size;
  if (examples.length < MIN_EXAMPLES || labels < 2) {
    throw new AppError('CONFLICT', `Not enough history to train: ${options.shortOf(examples.length, labels)} (need ${MIN_EXAMPLES} over 2)`);
  }
  const started = performance.now();
  // In time slices: seconds to minutes of CPU must not stop the process answering requests.
  const { model, heldOut, accuracy, macroF1 } = await runInTimeSlices(trainWithHeldOutSteps(examples));
  const metrics = { examples: examples.length, labels, heldOut, accuracy, macroF1, trainMs: Math.round(performance.now() - started), ...options.extraMetrics };
  const version = await inTransaction(ctx, async ({ db }) => {
    const next = (await latestModelVersion(db, table, jurisdictionId)) + 1;
    await insertModelVersion(db, table, {
      id: newId(), jurisdictionId, version: next, model: JSON.stringify(routingModelToJson(model)), metrics: JSON.stringify(metrics), trainedBy,
      createdAt: nowIso(),
    });
    if (audit) {
      await appendAudit(db, {
        jurisdictionId, actorUserId: trainedBy, action: audit.action, targetType: audit.targetType, targetId: String(next), ip: audit.ip, detail: { ...metrics },
      });
    }
    return next;
  });
  return { version, metrics };
}
