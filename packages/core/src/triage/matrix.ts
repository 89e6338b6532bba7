import type { SparseVector } from './features.js';

/**
 * Training examples as compressed sparse rows: row i spans cols/values[rowPtr[i]..rowPtr[i+1]).
 * Values are float32: the solver streams them on every pass, and halving their size trained
 * ~15 % faster with identical cross-validated accuracy.
 */
export interface CsrMatrix {
  rows: number;
  columns: number;
  rowPtr: Int32Array;
  cols: Int32Array;
  values: Float32Array;
}

/**
 * Builds the training matrix with columns renumbered by falling document frequency, so the
 * weights of common n-grams, touched by almost every row, sit together in the CPU cache.
 * `hotColumn[column]` gives the renumbered index of each model column.
 */
export function toHotCsr(rows: SparseVector[], columns: number): { x: CsrMatrix; hotColumn: Int32Array } {
  const df = new Int32Array(columns);
  for (const row of rows) for (const column of row.indices) df[column]!++;
  const order = Int32Array.from({ length: columns }, (_, i) => i).sort((a, b) => df[b]! - df[a]! || a - b);
  const hotColumn = new Int32Array(columns);
  order.forEach((column, rank) => (hotColumn[column] = rank));
  const rowPtr = new Int32Array(rows.length + 1);
  for (let i = 0; i < rows.length; i++) rowPtr[i + 1] = rowPtr[i]! + rows[i]!.indices.length;
  const cols = new Int32Array(rowPtr[rows.length]!);
  const values = new Float32Array(cols.length);
  rows.forEach((row, i) => {
    for (let j = 0; j < row.indices.length; j++) cols[rowPtr[i]! + j] = hotColumn[row.indices[j]!]!;
    values.set(row.values, rowPtr[i]!);
  });
  return { x: { rows: rows.length, columns, rowPtr, cols, values }, hotColumn };
}

/** The given rows, in the given order, as a matrix of their own. */
export function selectRows(x: CsrMatrix, rows: readonly number[]): CsrMatrix {
  const rowPtr = new Int32Array(rows.length + 1);
  rows.forEach((row, i) => (rowPtr[i + 1] = rowPtr[i]! + x.rowPtr[row + 1]! - x.rowPtr[row]!));
  const cols = new Int32Array(rowPtr[rows.length]!);
  const values = new Float32Array(cols.length);
  rows.forEach((row, i) => {
    cols.set(x.cols.subarray(x.rowPtr[row]!, x.rowPtr[row + 1]!), rowPtr[i]!);
    values.set(x.values.subarray(x.rowPtr[row]!, x.rowPtr[row + 1]!), rowPtr[i]!);
  });
  return { rows: rows.length, columns: x.columns, rowPtr, cols, values };
}

/** Columns that a model trained on these rows alone would have had (document frequency ≥ minDf). */
export function columnsSeen(x: CsrMatrix, minDf: number): Uint8Array {
  const df = new Int32Array(x.columns);
  for (let p = 0; p < x.cols.length; p++) df[x.cols[p]!]!++;
  return Uint8Array.from(df, (count) => (count >= minDf ? 1 : 0));
}

/**
 * Scores rows as if the model had never seen the held-out texts: their unseen n-grams are
 * dropped and the vector re-normalised, exactly as prediction treats a new text. Fed one
 * label's weights at a time (as the solver finishes each), so no columns × labels table is kept;
 * each score is summed in the same order as a whole-row dot product would be.
 */
export function heldOutScorer(x: CsrMatrix, rows: readonly number[], seen: Uint8Array, labels: number) {
  const scores = rows.map(() => new Float64Array(labels));
  const scales = rows.map((row) => {
    let norm = 0;
    for (let p = x.rowPtr[row]!; p < x.rowPtr[row + 1]!; p++) {
      if (seen[x.cols[p]!] === 0) continue;
      const v = x.values[p]!;
      norm += v * v;
    }
    return norm > 0 ? 1 / Math.sqrt(norm) : 0;
  });
  return {
    scores,
    addLabel(label: number, w: Float64Array, intercept: number): void {
      rows.forEach((row, r) => {
        let sum = 0;
        for (let p = x.rowPtr[row]!; p < x.rowPtr[row + 1]!; p++) {
          const column = x.cols[p]!;
          if (seen[column] === 0) continue;
          sum += x.values[p]! * w[column]!;
        }
        scores[r]![label] = sum * scales[r]! + intercept;
      });
    },
  };
}
