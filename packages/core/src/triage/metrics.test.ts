import { describe, expect, it } from 'vitest';
import { classificationReport, expectedCalibrationError } from './metrics.js';

describe('classificationReport', () => {
  it('computes accuracy, per-class and macro F1 from a known confusion', () => {
    // truth:     a a a b b c
    // predicted: a a b b c c
    const report = classificationReport(['a', 'b', 'c'], [0, 0, 0, 1, 1, 2], [0, 0, 1, 1, 2, 2]);
    expect(report.accuracy).toBeCloseTo(4 / 6, 12);
    const [a, b, c] = report.perClass;
    expect(a).toMatchObject({ precision: 1, recall: 2 / 3, support: 3 });
    expect(b?.precision).toBeCloseTo(0.5, 12);
    expect(b?.recall).toBeCloseTo(0.5, 12);
    expect(c?.f1).toBeCloseTo(2 / 3, 12);
    expect(report.macroF1).toBeCloseTo((0.8 + 0.5 + 2 / 3) / 3, 12);
    expect(report.confusion).toEqual([
      [2, 1, 0],
      [0, 1, 1],
      [0, 0, 1],
    ]);
  });

  it('leaves labels absent from truth and predictions out of the macro average', () => {
    expect(classificationReport(['a', 'b', 'unused'], [0, 1], [0, 1]).macroF1).toBe(1);
  });
});

describe('expectedCalibrationError', () => {
  it('is 0 when confidence matches accuracy and large when it does not', () => {
    expect(expectedCalibrationError([0.75, 0.75, 0.75, 0.75], [true, true, true, false])).toBeCloseTo(0, 12);
    expect(expectedCalibrationError([0.99, 0.99], [false, false])).toBeCloseTo(0.99, 12);
  });
});
