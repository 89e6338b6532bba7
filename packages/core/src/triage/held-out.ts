import { classificationReport } from './metrics.js';
import type { RoutingModel } from './model.js';
import { runSteps } from './svm.js';
import { trainRoutingModelSteps, type LabeledText } from './train.js';

export interface HeldOutTraining {
  /** Trained on every example: what is stored and used. */
  model: RoutingModel;
  heldOut: number;
  /** Of a probe trained without the held-out fifth, on that fifth; null when it cannot be measured. */
  accuracy: number | null;
  macroF1: number | null;
}

/** Every 5th example (deterministic) is held out, so two runs on the same history agree. */
function split<T>(items: readonly T[]): { train: T[]; test: T[] } {
  const train: T[] = [];
  const test: T[] = [];
  items.forEach((item, i) => (i % 5 === 4 ? test : train).push(item));
  return { train, test };
}

/**
 * Trains a model on a jurisdiction's labelled history and measures it first: a probe trained on
 * four fifths is scored on the fifth it never saw, then the stored model is trained on all of
 * it. Shared by the unit router and the category model so an admin reads both figures the same
 * way. Weights shape training only: each held-out example counts once in the score.
 */
export function trainWithHeldOut(examples: readonly LabeledText[]): HeldOutTraining {
  return runSteps(trainWithHeldOutSteps(examples));
}

/** trainWithHeldOut as steps (see trainRoutingModelSteps): same result, in slices. */
export function* trainWithHeldOutSteps(examples: readonly LabeledText[]): Generator<void, HeldOutTraining> {
  const { train, test } = split(examples);
  let accuracy: number | null = null;
  let macroF1: number | null = null;
  if (new Set(train.map((e) => e.label)).size >= 2 && test.length > 0) {
    // Only the probe's top label is scored, and a softmax temperature never changes which label
    // is on top: so the probe skips calibration, a fit of its own plus scoring (a sixth of the
    // CPU of the whole retraining, measured, ADR 0068). The stored model below is calibrated as before.
    const probe = yield* trainRoutingModelSteps({ examples: train, options: { calibrationFraction: 0 } });
    const index = new Map(probe.labels.map((label, i) => [label, i]));
    // Only labels the probe has seen can be scored; a label met only in the held-out fifth is rare.
    const scored = test.filter((e) => index.has(e.label));
    const truth = scored.map((e) => index.get(e.label) ?? 0);
    const predicted: number[] = [];
    for (const e of scored) {
      predicted.push(index.get(probe.suggest(e, 1)[0]?.label ?? '') ?? 0);
      if (predicted.length % 256 === 0) yield;
    }
    const report = classificationReport([...probe.labels], truth, predicted);
    accuracy = report.accuracy;
    macroF1 = report.macroF1;
  }
  const model = yield* trainRoutingModelSteps({ examples: [...examples] });
  return { model, heldOut: test.length, accuracy, macroF1 };
}
