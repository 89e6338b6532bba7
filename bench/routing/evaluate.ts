import {
  classificationReport,
  expectedCalibrationError,
  type ClassificationReport,
  type LabeledText,
  type RoutingModel,
} from '../../packages/core/src/triage/index.js';

export interface Evaluation {
  report: ClassificationReport;
  /** Share of texts whose true label is among the top 3 suggestions (what the operator sees). */
  top3Accuracy: number;
  /** Expected calibration error of the top suggestion's probability, 10 bins. */
  ece: number;
  /** Examples whose label the model never saw: always wrong, reported so it is not a mystery. */
  unknownLabels: number;
  predictUs: { median: number; p95: number; max: number };
}

/**
 * Scores a model on labelled texts and times each prediction end to end (featurise, score,
 * calibrate, rank), one appeal at a time as an operator's screen would ask.
 */
export function evaluateModel(model: RoutingModel, examples: readonly LabeledText[]): Evaluation {
  const index = new Map(model.labels.map((label, i) => [label, i]));
  // Labels only in the evaluation file get extra indices so they count as misses in the report.
  const labels = [...model.labels];
  for (const e of examples) {
    if (!index.has(e.label)) {
      index.set(e.label, labels.length);
      labels.push(e.label);
    }
  }
  // Warm-up: let the JIT compile the hot path before timing, as it would be in a running server.
  for (const e of examples.slice(0, 200)) model.suggest(e);

  const truth: number[] = [];
  const predicted: number[] = [];
  const confidence: number[] = [];
  const correct: boolean[] = [];
  const micros: number[] = [];
  let top3 = 0;
  let unknownLabels = 0;
  for (const e of examples) {
    const started = process.hrtime.bigint();
    const suggestions = model.suggest(e);
    micros.push(Number(process.hrtime.bigint() - started) / 1000);
    const best = suggestions[0]!;
    const t = index.get(e.label)!;
    if (t >= model.labels.length) unknownLabels++;
    truth.push(t);
    predicted.push(index.get(best.label)!);
    confidence.push(best.probability);
    correct.push(best.label === e.label);
    if (suggestions.slice(0, 3).some((s) => s.label === e.label)) top3++;
  }
  micros.sort((a, b) => a - b);
  const at = (q: number) => micros[Math.min(micros.length - 1, Math.floor(q * micros.length))]!;
  const middle = micros.length >> 1;
  const median = micros.length % 2 === 1 ? micros[middle]! : (micros[middle - 1]! + micros[middle]!) / 2;
  return {
    report: classificationReport(labels, truth, predicted),
    top3Accuracy: top3 / examples.length,
    ece: expectedCalibrationError(confidence, correct),
    unknownLabels,
    predictUs: { median, p95: at(0.95), max: micros[micros.length - 1]! },
  };
}
