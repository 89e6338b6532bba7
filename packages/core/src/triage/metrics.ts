/**
 * Evaluation figures for a classifier, kept in core so the benchmark, the admin screen's
 * "model accuracy" and the worker's retraining report all compute them the same way.
 * Classes are indices into a label list; -1 never appears in `truth`.
 */
export interface ClassScore {
  label: string;
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export interface ClassificationReport {
  n: number;
  accuracy: number;
  /** Unweighted mean of per-class F1: a small department counts as much as a big one. */
  macroF1: number;
  perClass: ClassScore[];
  /** confusion[truth][predicted] */
  confusion: number[][];
}

export function classificationReport(
  labels: readonly string[],
  truth: ArrayLike<number>,
  predicted: ArrayLike<number>,
): ClassificationReport {
  if (truth.length !== predicted.length) throw new RangeError('truth and predicted differ in length');
  const k = labels.length;
  const confusion = labels.map(() => new Array<number>(k).fill(0));
  let correct = 0;
  for (let i = 0; i < truth.length; i++) {
    const t = truth[i]!;
    const p = predicted[i]!;
    confusion[t]![p]!++;
    if (t === p) correct++;
  }
  const perClass = labels.map((label, c) => {
    const tp = confusion[c]![c]!;
    let predictedAs = 0;
    let support = 0;
    for (let j = 0; j < k; j++) {
      predictedAs += confusion[j]![c]!;
      support += confusion[c]![j]!;
    }
    const precision = predictedAs > 0 ? tp / predictedAs : 0;
    const recall = support > 0 ? tp / support : 0;
    const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
    return { label, precision, recall, f1, support };
  });
  // Classes absent from both truth and predictions would score a meaningless 0; leave them out.
  const scored = perClass.filter((c, i) => c.support > 0 || confusion.some((row) => row[i]! > 0));
  const macroF1 = scored.reduce((sum, c) => sum + c.f1, 0) / Math.max(scored.length, 1);
  return { n: truth.length, accuracy: truth.length > 0 ? correct / truth.length : 0, macroF1, perClass, confusion };
}

/**
 * Expected calibration error: bin predictions by confidence and average |accuracy − confidence|
 * weighted by bin size. 0.02 means "when it says 80 %, it is right about 78–82 % of the time".
 */
export function expectedCalibrationError(
  confidence: ArrayLike<number>,
  correct: ArrayLike<boolean>,
  bins = 10,
): number {
  const count = new Array<number>(bins).fill(0);
  const hits = new Array<number>(bins).fill(0);
  const sum = new Array<number>(bins).fill(0);
  for (let i = 0; i < confidence.length; i++) {
    const p = confidence[i]!;
    const b = Math.min(bins - 1, Math.floor(p * bins));
    count[b]!++;
    sum[b]! += p;
    if (correct[i]) hits[b]!++;
  }
  let ece = 0;
  for (let b = 0; b < bins; b++) {
    if (count[b] === 0) continue;
    ece += (count[b]! / confidence.length) * Math.abs(hits[b]! / count[b]! - sum[b]! / count[b]!);
  }
  return ece;
}
