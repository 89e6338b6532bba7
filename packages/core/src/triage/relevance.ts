import type { CsrMatrix } from './matrix.js';

/**
 * Relevance frequency, the supervised half of tf·rf term weighting (Lan, Tan, Su & Lu, IEEE
 * TPAMI 2009): for one label, rf = log2(2 + a / max(1, c)), where a and c count the label's
 * texts and the other texts that contain the feature. Idf only knows a term is rare; rf knows
 * it is rare *outside this label*, so 物业费 weighs more in the housing problem than in the
 * others. Each one-vs-rest problem sees its own scaling, which is then folded into that
 * label's weights, so prediction does not change. Cross-validation: +0.009 macro-F1.
 *
 * Totals are counted in one pass; `forLabel(c)` counts label c's own texts when asked. One
 * columns × labels table of counts was 140 MB at 100,000 columns and 350 units (ADR 0068);
 * per label it is one column-sized array, and the same counts.
 */
export function relevanceFrequencies(x: CsrMatrix, y: Int32Array, labels: number): (label: number) => Float64Array {
  const totals = new Int32Array(x.columns);
  const rowsOf: number[][] = Array.from({ length: labels }, () => []);
  for (let i = 0; i < x.rows; i++) {
    rowsOf[y[i]!]!.push(i);
    // Each column appears at most once per row, so this counts texts, not occurrences.
    for (let p = x.rowPtr[i]!; p < x.rowPtr[i + 1]!; p++) totals[x.cols[p]!]!++;
  }
  return (label) => {
    const insideOf = new Int32Array(x.columns);
    for (const i of rowsOf[label]!) for (let p = x.rowPtr[i]!; p < x.rowPtr[i + 1]!; p++) insideOf[x.cols[p]!]!++;
    const rf = new Float64Array(x.columns);
    for (let j = 0; j < x.columns; j++) {
      const inside = insideOf[j]!;
      rf[j] = Math.log2(2 + inside / Math.max(1, totals[j]! - inside));
    }
    return rf;
  };
}
