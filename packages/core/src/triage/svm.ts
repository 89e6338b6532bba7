import type { CsrMatrix } from './matrix.js';
import { shuffleInPlace, type Random } from './random.js';

export interface OvrSvmInput {
  x: CsrMatrix;
  /** Label index of each row, 0..labels-1. */
  y: Int32Array;
  labels: number;
  /**
   * Inverse regularisation strength per row (LIBLINEAR's C times a class weight): a larger cost
   * for a small class keeps it from being traded away for the big ones.
   */
  cost: Float64Array;
  /** Value of the constant feature that carries the intercept (regularised, as in LIBLINEAR). */
  bias: number;
  /** Stop a label's problem when its projected-gradient spread falls below this (LIBLINEAR's eps). */
  epsilon: number;
  maxIterations: number;
  random: Random;
  /** Dual variables to start from (one sparse vector per label), e.g. from a fit on a subset; zeros otherwise. */
  initialAlpha?: readonly SparseAlpha[];
  /**
   * Per-label feature scaling (e.g. relevance frequencies): label c's problem sees column j
   * multiplied by columnScale(c)[j]; the returned weights already include the scale.
   */
  columnScale?: (label: number) => Float64Array;
  /**
   * Receives each label's weights (scale included) as soon as they are solved, instead of one
   * dense columns × labels float64 array in the result (then left empty): at 100,000 columns
   * and 350 units that array was 280 MB, and the caller keeps a float32 copy or less.
   */
  onLabelWeights?: (label: number, w: Float64Array, intercept: number) => void;
}

/**
 * One label's dual variables, only the non-zero ones: a row gets a non-zero alpha only where it
 * lies on or inside that label's margin, which for one label of hundreds is a small share of
 * the rows. Dense, rows × labels took 140 MB at 50,000 texts and 350 units (three copies of it
 * lived at once during a warm-started fit).
 */
export interface SparseAlpha {
  rows: Int32Array;
  values: Float64Array;
}

export interface OvrSvm {
  /** weights[column * labels + label] */
  weights: Float64Array;
  intercepts: Float64Array;
  /** Dual variables per label, to warm-start a later fit. */
  alpha: SparseAlpha[];
  /** Passes each label's problem needed. */
  iterations: number[];
}

/**
 * One-vs-rest L2-regularised squared-hinge SVMs, each solved in the dual by coordinate descent
 * with shrinking: LIBLINEAR's solver 1 (Hsieh et al., ICML 2008), the one behind scikit-learn's
 * LinearSVC. It needs no learning rate and converges in a few dozen passes over the texts.
 * Labels are solved one after another, each with its own dense weight vector: that vector is
 * small enough to stay in the CPU cache, which measured faster than advancing all labels
 * together over label-interleaved weights.
 */
export function trainOvrSvm(input: OvrSvmInput): OvrSvm {
  return runSteps(trainOvrSvmSteps(input));
}

/**
 * trainOvrSvm as steps: it yields after every pass of a label's solver, so a caller that must
 * keep serving (the server's daily retraining) can give the event loop a turn between passes.
 * The arithmetic is the same, so the result is identical.
 */
export function* trainOvrSvmSteps(input: OvrSvmInput): Generator<void, OvrSvm> {
  const { x, labels: k } = input;
  const diag = new Float64Array(x.rows);
  // Squared hinge: the dual gains a diagonal term 1/(2C) and the alphas lose their upper bound.
  for (let i = 0; i < x.rows; i++) diag[i] = 0.5 / input.cost[i]!;
  const weights = new Float64Array(input.onLabelWeights ? 0 : x.columns * k);
  const scaled = input.onLabelWeights ? new Float64Array(x.columns) : weights;
  const intercepts = new Float64Array(k);
  const alphaAll: SparseAlpha[] = [];
  const iterations: number[] = [];
  const scaledValues = input.columnScale ? new Float32Array(x.values.length) : x.values;
  const problem: BinaryProblem = {
    input,
    values: scaledValues,
    diag,
    qd: new Float64Array(x.rows),
    sign: new Int8Array(x.rows),
    alpha: new Float64Array(x.rows),
    w: new Float64Array(x.columns),
  };
  // qd[i] = ‖xᵢ‖² + bias² + diag[i], the curvature of row i's dual coordinate; `scale`
  // (when given) is applied to the values on the way, for one label's problem.
  const prepare = (scale: Float64Array | undefined) => {
    for (let i = 0; i < x.rows; i++) {
      let sq = input.bias * input.bias;
      for (let p = x.rowPtr[i]!; p < x.rowPtr[i + 1]!; p++) {
        if (scale) scaledValues[p] = x.values[p]! * scale[x.cols[p]!]!;
        const v = scaledValues[p]!;
        sq += v * v;
      }
      problem.qd[i] = sq + diag[i]!;
    }
  };
  if (!input.columnScale) prepare(undefined);
  for (let c = 0; c < k; c++) {
    const scale = input.columnScale?.(c);
    if (scale) prepare(scale);
    for (let i = 0; i < x.rows; i++) problem.sign[i] = input.y[i] === c ? 1 : -1;
    problem.alpha.fill(0);
    const start = input.initialAlpha?.[c];
    if (start) for (let j = 0; j < start.rows.length; j++) problem.alpha[start.rows[j]!] = start.values[j]!;
    yield;
    const result = yield* solveBinarySteps(problem);
    iterations.push(result.iterations);
    intercepts[c] = result.intercept;
    if (input.onLabelWeights) {
      for (let j = 0; j < x.columns; j++) scaled[j] = problem.w[j]! * (scale ? scale[j]! : 1);
      input.onLabelWeights(c, scaled, result.intercept);
    } else {
      for (let j = 0; j < x.columns; j++) weights[j * k + c] = problem.w[j]! * (scale ? scale[j]! : 1);
    }
    alphaAll.push(sparseOf(problem.alpha));
  }
  return { weights, intercepts, alpha: alphaAll, iterations };
}

interface BinaryProblem {
  input: OvrSvmInput;
  /** The matrix values as this label's problem sees them (scaled when columnScale is set). */
  values: Float32Array;
  diag: Float64Array;
  qd: Float64Array;
  /** +1 for rows of the label being solved, −1 for the rest. */
  sign: Int8Array;
  /** Dual variables, in: the starting point, out: the solution. */
  alpha: Float64Array;
  /** Out: the primal weights w = Σ αᵢ yᵢ xᵢ. */
  w: Float64Array;
}

function sparseOf(alpha: Float64Array): SparseAlpha {
  let n = 0;
  for (let i = 0; i < alpha.length; i++) if (alpha[i] !== 0) n++;
  const out: SparseAlpha = { rows: new Int32Array(n), values: new Float64Array(n) };
  for (let i = 0, j = 0; i < alpha.length; i++) {
    if (alpha[i] === 0) continue;
    out.rows[j] = i;
    out.values[j++] = alpha[i]!;
  }
  return out;
}

/** Runs steps (see trainOvrSvmSteps) to the end without pausing. */
export function runSteps<T>(steps: Generator<void, T>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

function* solveBinarySteps(problem: BinaryProblem): Generator<void, { intercept: number; iterations: number }> {
  const { input, values, diag, qd, sign, alpha, w } = problem;
  const { rows, rowPtr, cols } = input.x;
  const { bias, random } = input;
  // w must equal Σ αᵢ yᵢ xᵢ for the dual steps to be valid, also when warm-started.
  w.fill(0);
  let wb = 0; // weight of the constant feature `bias`
  const index = new Int32Array(rows);
  for (let i = 0; i < rows; i++) {
    index[i] = i;
    const d = alpha[i]! * sign[i]!;
    if (d === 0) continue;
    for (let p = rowPtr[i]!; p < rowPtr[i + 1]!; p++) w[cols[p]!]! += d * values[p]!;
    wb += d * bias;
  }
  let active = rows;
  let pgMaxOld = Infinity;
  let iteration = 0;
  while (iteration < input.maxIterations) {
    if (iteration > 0) yield;
    iteration++;
    let pgMax = -Infinity;
    let pgMin = Infinity;
    shuffleInPlace(index, active, random);
    for (let s = 0; s < active; s++) {
      const i = index[s]!;
      const yi = sign[i]!;
      const start = rowPtr[i]!;
      const end = rowPtr[i + 1]!;
      let dot = wb * bias;
      for (let p = start; p < end; p++) dot += w[cols[p]!]! * values[p]!;
      const g = yi * dot - 1 + alpha[i]! * diag[i]!;
      let pg = g;
      if (alpha[i] === 0) {
        if (g > pgMaxOld) {
          // Shrinking: the row sits well outside the margin; skip it until the final check.
          active--;
          index[s] = index[active]!;
          index[active] = i;
          s--;
          continue;
        }
        if (g > 0) pg = 0;
      }
      if (pg > pgMax) pgMax = pg;
      if (pg < pgMin) pgMin = pg;
      if (Math.abs(pg) > 1e-12) {
        const old = alpha[i]!;
        const next = Math.max(old - g / qd[i]!, 0);
        alpha[i] = next;
        const d = (next - old) * yi;
        for (let p = start; p < end; p++) w[cols[p]!]! += d * values[p]!;
        wb += d * bias;
      }
    }
    if (pgMax - pgMin <= input.epsilon) {
      if (active === rows) break;
      // Converged on the shrunk set: verify once more on every row before stopping.
      active = rows;
      pgMaxOld = Infinity;
      continue;
    }
    // No upper bound on alpha with the squared hinge, so only the lower side ever shrinks.
    pgMaxOld = pgMax <= 0 ? Infinity : pgMax;
  }
  return { intercept: wb * bias, iterations: iteration };
}
