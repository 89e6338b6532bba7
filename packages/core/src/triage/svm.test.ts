import { describe, expect, it } from 'vitest';
import { seededRandom } from './random.js';
import type { CsrMatrix } from './matrix.js';
import { trainOvrSvm, trainOvrSvmSteps } from './svm.js';

/** Three labels, each marked by its own feature, plus a shared noise feature. */
function toyProblem(): { x: CsrMatrix; y: Int32Array } {
  const rows: [number, number][][] = [];
  const y: number[] = [];
  for (let label = 0; label < 3; label++) {
    for (let i = 0; i < 5; i++) {
      rows.push([
        [label, 1],
        [3, 0.3],
      ]);
      y.push(label);
    }
  }
  const rowPtr = new Int32Array(rows.length + 1);
  rows.forEach((row, i) => (rowPtr[i + 1] = rowPtr[i]! + row.length));
  return {
    x: {
      rows: rows.length,
      columns: 4,
      rowPtr,
      cols: Int32Array.from(rows.flat(), ([c]) => c),
      values: Float32Array.from(rows.flat(), ([, v]) => v),
    },
    y: Int32Array.from(y),
  };
}

describe('trainOvrSvm', () => {
  const { x, y } = toyProblem();
  const base = { x, y, labels: 3, cost: new Float64Array(x.rows).fill(1), bias: 1, epsilon: 1e-3, maxIterations: 1000 };

  it('gives each label a positive weight on its own feature and separates the rows', () => {
    const svm = trainOvrSvm({ ...base, random: seededRandom(1) });
    for (let c = 0; c < 3; c++) {
      expect(svm.weights[c * 3 + c]).toBeGreaterThan(0);
      for (let other = 0; other < 3; other++) {
        if (other !== c) expect(svm.weights[c * 3 + c]).toBeGreaterThan(svm.weights[c * 3 + other]!);
      }
    }
    expect(svm.iterations.every((n) => n < 1000)).toBe(true);
  });

  it('reaches the same solution from a warm start', () => {
    const cold = trainOvrSvm({ ...base, random: seededRandom(1) });
    const warm = trainOvrSvm({ ...base, random: seededRandom(2), initialAlpha: cold.alpha });
    for (let j = 0; j < cold.weights.length; j++) expect(warm.weights[j]).toBeCloseTo(cold.weights[j]!, 2);
    expect(Math.max(...warm.iterations)).toBeLessThanOrEqual(Math.max(...cold.iterations));
  });

  it('keeps only the non-zero dual variables, and its steps give the same solution', () => {
    const whole = trainOvrSvm({ ...base, random: seededRandom(1) });
    for (const a of whole.alpha) {
      expect(a.rows.length).toBe(a.values.length);
      expect(a.values.every((v) => v > 0)).toBe(true);
    }
    const steps = trainOvrSvmSteps({ ...base, random: seededRandom(1) });
    let yields = 0;
    let r = steps.next();
    for (; !r.done; r = steps.next()) yields++;
    expect(yields).toBeGreaterThan(0);
    expect(Array.from(r.value.weights)).toEqual(Array.from(whole.weights));
  });
});
