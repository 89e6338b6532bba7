import { classificationReport, routingModelToJson, trainRoutingModel } from '@openline/core';
import { AppError } from '../../errors.js';
import type { AppContext } from '../../lib/app-context.js';
import { newId, nowIso } from '../../lib/ids.js';
import { inTransaction } from '../../lib/unit-of-work.js';
import { appendAudit } from '../audit/repository.js';
import { labelledExamples } from './examples.js';
import { insertModel, latestVersion } from './repository.js';

/** Enough history to learn from; below it the operator dispatches unaided. */
export const MIN_EXAMPLES = 30;
/** Recent history is what the departments do now; older decisions may describe a reorganised city. */
const MAX_EXAMPLES = 50_000;

export interface ModelMetrics {
  examples: number;
  labels: number;
  heldOut: number;
  accuracy: number | null;
  macroF1: number | null;
  trainMs: number;
  /** Examples labelled by an operator's correction of the model: open cases and confirmed closed ones. */
  correctionExamples: number;
  /** Of those, cases still open (the accepting unit's word, not yet a closure). */
  openCorrectionExamples: number;
}

/** Every 5th example (deterministic) is held out to measure the model before it is stored. */
function split<T>(items: T[]): { train: T[]; test: T[] } {
  const train: T[] = [];
  const test: T[] = [];
  items.forEach((item, i) => (i % 5 === 4 ? test : train).push(item));
  return { train, test };
}

/**
 * Trains a new model version from the jurisdiction's closed cases and accepted operator
 * corrections (see labelledExamples) and stores it with its measured accuracy. The held-out
 * fifth measures it; the stored model is then retrained on everything. An admin's retraining
 * passes `audit`: the new version and its audit entry commit together (training itself runs
 * before, outside the transaction).
 */
export async function trainJurisdictionRouter(
  ctx: AppContext,
  options: { jurisdictionId: string; trainedBy: string | null; audit?: { ip: string } | undefined },
): Promise<{ version: number; metrics: ModelMetrics }> {
  const { examples, corrections, openCorrections } = await labelledExamples(ctx.db, options.jurisdictionId, MAX_EXAMPLES);
  const labels = new Set(examples.map((e) => e.label));
  if (examples.length < MIN_EXAMPLES || labels.size < 2) {
    throw new AppError(
      'CONFLICT',
      `Not enough history to train: ${examples.length} closed or corrected cases over ${labels.size} units (need ${MIN_EXAMPLES} over 2)`,
    );
  }
  const started = performance.now();
  const { train, test } = split(examples);
  let accuracy: number | null = null;
  let macroF1: number | null = null;
  if (new Set(train.map((e) => e.label)).size >= 2 && test.length > 0) {
    const probe = trainRoutingModel({ examples: train });
    const index = new Map(probe.labels.map((label, i) => [label, i]));
    // Only units the probe has seen can be scored; a unit met only in the held-out fifth is rare.
    // Weights shape training only: each held-out case counts once below, corrected or not.
    const scored = test.filter((e) => index.has(e.label));
    const truth = scored.map((e) => index.get(e.label) ?? 0);
    const predicted = scored.map((e) => index.get(probe.suggest(e, 1)[0]?.label ?? '') ?? 0);
    const report = classificationReport([...probe.labels], truth, predicted);
    accuracy = report.accuracy;
    macroF1 = report.macroF1;
  }
  const model = trainRoutingModel({ examples });
  const metrics: ModelMetrics = {
    examples: examples.length, labels: labels.size, heldOut: test.length, accuracy, macroF1, trainMs: Math.round(performance.now() - started),
    correctionExamples: corrections, openCorrectionExamples: openCorrections,
  };
  const version = await inTransaction(ctx, async ({ db }) => {
    const next = (await latestVersion(db, options.jurisdictionId)) + 1;
    await insertModel(db, {
      id: newId(), jurisdictionId: options.jurisdictionId, version: next, model: JSON.stringify(routingModelToJson(model)),
      metrics: JSON.stringify(metrics), trainedBy: options.trainedBy, createdAt: nowIso(),
    });
    if (options.audit) {
      await appendAudit(db, {
        jurisdictionId: options.jurisdictionId, actorUserId: options.trainedBy, action: 'routing.train', targetType: 'routing_model',
        targetId: String(next), ip: options.audit.ip, detail: { ...metrics },
      });
    }
    return next;
  });
  return { version, metrics };
}
