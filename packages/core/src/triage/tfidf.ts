import type { SparseVector } from './features.js';

/**
 * Inverse document frequencies over the hashed buckets seen in training, and a compact column
 * numbering for them. Only buckets seen in training get a column: an n-gram the model never saw
 * has no weight, so keeping it would only shrink the known features through the l2 norm (this
 * is what a vocabulary-based TF-IDF does too).
 */
export interface TfidfTable {
  /** Hashed bucket of each column, ascending. */
  buckets: Int32Array;
  /** Smoothed idf per column, float32 so training and a reloaded model compute identical values. */
  idf: Float32Array;
  /** bucket → column, or -1; rebuilt from `buckets` when a model is loaded. */
  columnOf: Int32Array;
}

export function buildTfidfTable(documents: SparseVector[], dimensions: number, minDf: number): TfidfTable {
  const df = new Int32Array(dimensions);
  for (const doc of documents) for (const bucket of doc.indices) df[bucket]!++;
  let columns = 0;
  for (let b = 0; b < dimensions; b++) if (df[b]! >= minDf) columns++;
  const buckets = new Int32Array(columns);
  const idf = new Float32Array(columns);
  const n = documents.length;
  let column = 0;
  for (let b = 0; b < dimensions; b++) {
    if (df[b]! < minDf) continue;
    buckets[column] = b;
    // scikit-learn's smoothed idf: as if one extra document contained every term once.
    idf[column] = Math.log((1 + n) / (1 + df[b]!)) + 1;
    column++;
  }
  return { buckets, idf, columnOf: columnIndex(buckets, dimensions) };
}

export function columnIndex(buckets: Int32Array, dimensions: number): Int32Array {
  const columnOf = new Int32Array(dimensions).fill(-1);
  for (let c = 0; c < buckets.length; c++) columnOf[buckets[c]!] = c;
  return columnOf;
}

/** tf → l2-normalised tf-idf over columns; unknown buckets are dropped. */
export function tfidfTransform(table: TfidfTable, tf: SparseVector): SparseVector {
  const indices = new Int32Array(tf.indices.length);
  const values = new Float64Array(tf.indices.length);
  let k = 0;
  let norm = 0;
  for (let i = 0; i < tf.indices.length; i++) {
    const column = table.columnOf[tf.indices[i]!]!;
    if (column < 0) continue;
    const value = tf.values[i]! * table.idf[column]!;
    indices[k] = column;
    values[k++] = value;
    norm += value * value;
  }
  // A text made only of unseen n-grams stays a zero vector: the model then falls back to biases.
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  for (let i = 0; i < k; i++) values[i]! *= scale;
  return { indices: indices.subarray(0, k), values: values.subarray(0, k) };
}
