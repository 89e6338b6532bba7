import { fitTemperature } from './calibration.js';
import { defaultFeatureOptions, NgramHasher, type FeatureOptions, type SparseVector } from './features.js';
import { RoutingModel, type RoutingText } from './model.js';
import { seededRandom, shuffleInPlace, type Random } from './random.js';
import { columnsSeen, heldOutScorer, selectRows, toHotCsr, type CsrMatrix } from './matrix.js';
import { relevanceFrequencies } from './relevance.js';
import { runSteps, trainOvrSvmSteps, type SparseAlpha } from './svm.js';
import { buildTfidfTable, tfidfTransform } from './tfidf.js';

export interface LabeledText extends RoutingText {
  label: string;
  /**
   * How much this example counts (default 1). Lets a caller count a group of reposts of one
   * matter as one case, as the platform's merged cases do, instead of letting it outvote others.
   */
  weight?: number;
}

export interface TrainingOptions {
  features: FeatureOptions;
  /**
   * Drop n-grams seen in fewer training texts than this: one-off strings are mostly noise.
   * 'auto' is n / 1000 clamped to 1..5: 5 won cross-validation on 6.5k texts, but a young
   * jurisdiction with a few hundred cases would lose most of its features to it.
   */
  minDf: number | 'auto';
  /** SVM inverse regularisation. */
  c: number;
  /**
   * 'balanced' scales each example's cost by n / (labels × its label's count), so rare units are
   * not drowned by frequent ones — the router is judged by macro-F1, where they count equally.
   */
  classWeight: 'none' | 'balanced';
  /** Scale features per label by relevance frequency (tf·idf·rf, see relevance.ts). */
  relevanceWeighting: boolean;
  epsilon: number;
  maxIterations: number;
  /**
   * Share of the training texts held out (per label) to fit the probability temperature. The
   * final model is then refitted on everything; 0 skips calibration (temperature 1).
   */
  calibrationFraction: number;
  seed: number;
}

/** Chosen by cross-validation like defaultFeatureOptions; 'balanced' added +0.005 macro-F1. */
export const defaultTrainingOptions: TrainingOptions = {
  features: defaultFeatureOptions,
  minDf: 'auto',
  c: 2,
  classWeight: 'balanced',
  relevanceWeighting: true,
  // LIBLINEAR's default is 0.1; 0.5 scored the same in cross-validation and trains faster.
  epsilon: 0.5,
  maxIterations: 100,
  calibrationFraction: 0.2,
  seed: 12345,
};

/** Any subset of the options; `features` may be partial too. Unset ones take the defaults. */
export type TrainingOverrides = Partial<Omit<TrainingOptions, 'features'>> & { features?: Partial<FeatureOptions> };

export interface TrainingInput {
  examples: readonly LabeledText[];
  options?: TrainingOverrides;
}

/**
 * Trains a router on labelled texts: hashed n-gram TF-IDF features, one-vs-rest linear SVMs,
 * softmax temperature fitted on a held-out part of the training data. Deterministic for a seed.
 */
export function trainRoutingModel(input: TrainingInput): RoutingModel {
  return runSteps(trainRoutingModelSteps(input));
}

/** Examples featurised (or rows scored) between two yields of the steps below. */
const ROWS_PER_STEP = 256;

/**
 * trainRoutingModel as steps: it yields between slices of work (a few hundred texts, one solver
 * pass), so the server can train without holding its event loop for seconds; same result.
 */
export function* trainRoutingModelSteps({ examples, options }: TrainingInput): Generator<void, RoutingModel> {
  const opts: TrainingOptions = {
    ...defaultTrainingOptions,
    ...options,
    features: { ...defaultTrainingOptions.features, ...options?.features },
  };
  // Code-unit order, not localeCompare: the label order must not depend on the host's locale.
  const labels = [...new Set(examples.map((e) => e.label))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (labels.length < 2) throw new RangeError('training needs examples of at least two labels');
  const labelIndex = new Map(labels.map((label, i) => [label, i]));
  const y = Int32Array.from(examples, (e) => labelIndex.get(e.label)!);
  const exampleWeights = Float64Array.from(examples, (e) => e.weight ?? 1);
  if (exampleWeights.some((w) => !(w > 0 && Number.isFinite(w)))) throw new RangeError('example weights must be positive');
  const hasher = new NgramHasher(opts.features);
  const tf: SparseVector[] = [];
  for (const e of examples) {
    tf.push(hasher.termFrequencies(e.title ?? '', e.body, e.words));
    if (tf.length % ROWS_PER_STEP === 0) yield;
  }
  const random = seededRandom(opts.seed);

  // The idf table comes from every training text, the held-out ones included: it uses no
  // labels, so calibration stays honest, and one table lets the final fit warm-start below.
  const minDf = opts.minDf === 'auto' ? Math.min(5, Math.max(1, Math.round(examples.length / 1000))) : opts.minDf;
  const tfidf = buildTfidfTable(tf, hasher.dimensions, minDf);
  yield;
  // Each text's term frequencies are dropped once transformed: the two copies never coexist whole.
  const weighted: SparseVector[] = [];
  for (let i = 0; i < tf.length; i++) {
    weighted.push(tfidfTransform(tfidf, tf[i]!));
    tf[i] = EMPTY;
    if (i % ROWS_PER_STEP === 0) yield;
  }
  const { x, hotColumn } = toHotCsr(weighted, tfidf.buckets.length);
  weighted.length = 0;
  yield;
  const solve = (rows: CsrMatrix, rowIds: readonly number[], onLabelWeights: (label: number, w: Float64Array, intercept: number) => void, initialAlpha?: SparseAlpha[]) => {
    const rowLabels = Int32Array.from(rowIds, (i) => y[i]!);
    const scale = opts.relevanceWeighting ? relevanceFrequencies(rows, rowLabels, labels.length) : null;
    return trainOvrSvmSteps({
      x: rows,
      y: rowLabels,
      labels: labels.length,
      cost: costs(rowIds.map((i) => y[i]!), rowIds.map((i) => exampleWeights[i]!), labels.length, opts),
      bias: 1,
      epsilon: opts.epsilon,
      maxIterations: opts.maxIterations,
      random,
      onLabelWeights,
      ...(initialAlpha ? { initialAlpha } : {}),
      ...(scale ? { columnScale: scale } : {}),
    });
  };

  let temperature = 1;
  let calibrationExamples = 0;
  let warmStart: SparseAlpha[] | undefined;
  const holdout = opts.calibrationFraction > 0 ? stratifiedHoldout(y, labels.length, opts.calibrationFraction, random) : null;
  if (holdout) {
    const fitRows = selectRows(x, holdout.fit);
    const held = heldOutScorer(x, holdout.held, columnsSeen(fitRows, minDf), labels.length);
    const part = yield* solve(fitRows, holdout.fit, held.addLabel);
    const heldScores = held.scores;
    const heldTruth = Int32Array.from(holdout.held, (i) => y[i]!);
    temperature = fitTemperature(heldScores, heldTruth);
    calibrationExamples = holdout.held.length;
    // The final fit on all rows starts from this solution (held-out rows at zero): measured,
    // that saves about a quarter of its passes, paying back part of the calibration fit.
    warmStart = part.alpha.map((a) => ({ rows: Int32Array.from(a.rows, (j) => holdout.fit[j]!), values: a.values }));
  }

  const k = labels.length;
  // Written straight into the model's float32 layout (columns back in model order), label by label.
  const weights = new Float32Array(x.columns * k);
  const storeLabel = (c: number, w: Float64Array): void => {
    for (let column = 0; column < x.columns; column++) weights[column * k + c] = w[hotColumn[column]!]!;
  };
  const full = yield* solve(x, Array.from(y.keys()), storeLabel, warmStart);
  const perLabel: Record<string, number> = {};
  for (const label of labels) perLabel[label] = 0;
  for (const e of examples) perLabel[e.label]!++;
  return new RoutingModel({
    labels,
    features: opts.features,
    tfidf,
    weights,
    intercepts: full.intercepts,
    temperature,
    training: { examples: examples.length, perLabel, iterations: full.iterations, calibrationExamples, seed: opts.seed },
  });
}

const EMPTY: SparseVector = { indices: new Int32Array(0), values: new Float64Array(0) };

/** C per row: the example's weight, times n / (labels × label weight) when 'balanced'. */
function costs(y: readonly number[], weights: readonly number[], k: number, opts: TrainingOptions): Float64Array {
  const totals = new Array<number>(k).fill(0);
  let total = 0;
  y.forEach((label, i) => {
    totals[label]! += weights[i]!;
    total += weights[i]!;
  });
  return Float64Array.from(y, (label, i) =>
    opts.classWeight === 'balanced' ? (opts.c * weights[i]! * total) / (k * totals[label]!) : opts.c * weights[i]!,
  );
}

/**
 * Holds out `fraction` of each label's examples (at least one, and only from labels with at
 * least two), so calibration sees every label and the fit part still has every label.
 */
function stratifiedHoldout(
  y: Int32Array,
  k: number,
  fraction: number,
  random: Random,
): { fit: number[]; held: number[] } | null {
  const byLabel: number[][] = Array.from({ length: k }, () => []);
  y.forEach((label, i) => byLabel[label]!.push(i));
  const held: number[] = [];
  const fit: number[] = [];
  for (const rows of byLabel) {
    const order = Int32Array.from(rows);
    shuffleInPlace(order, order.length, random);
    const take = rows.length >= 2 ? Math.max(1, Math.round(rows.length * fraction)) : 0;
    order.forEach((row, j) => (j < take ? held : fit).push(row));
  }
  if (held.length === 0) return null;
  held.sort((a, b) => a - b);
  fit.sort((a, b) => a - b);
  return { fit, held };
}
