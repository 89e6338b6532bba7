import { describe, expect, it } from 'vitest';
import { fitTemperature, negativeLogLikelihood, softmax } from './calibration.js';
import { seededRandom } from './random.js';

describe('softmax', () => {
  it('sums to 1, keeps the order and survives huge scores', () => {
    const p = softmax([1000, 999, -1000], 1);
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(p[0]).toBeGreaterThan(p[1]!);
    expect(p[2]).toBeGreaterThanOrEqual(0);
  });

  it('flattens with a higher temperature', () => {
    expect(softmax([2, 0], 10)[0]).toBeLessThan(softmax([2, 0], 1)[0]!);
  });
});

describe('fitTemperature', () => {
  it('recovers the temperature that generated the labels', () => {
    // Draw labels from softmax(scores / 2): the fitted temperature should come out near 2.
    const random = seededRandom(3);
    const scores: number[][] = [];
    const truth: number[] = [];
    for (let i = 0; i < 4000; i++) {
      const s = [random() * 8 - 4, random() * 8 - 4, random() * 8 - 4];
      const p = softmax(s, 2);
      const u = random();
      truth.push(u < p[0]! ? 0 : u < p[0]! + p[1]! ? 1 : 2);
      scores.push(s);
    }
    const t = fitTemperature(scores, truth);
    expect(t).toBeGreaterThan(1.8);
    expect(t).toBeLessThan(2.2);
    expect(negativeLogLikelihood(scores, truth, t)).toBeLessThanOrEqual(negativeLogLikelihood(scores, truth, 1));
  });

  it('returns 1 without data', () => {
    expect(fitTemperature([], [])).toBe(1);
  });

  it('stays finite when a small held-out set is all correct', () => {
    // Plain NLL would push T to its lower bound here; smoothing keeps p(top) near (n+1)/(n+2).
    const scores = [
      [2, 0, 0],
      [0, 2, 0],
      [0, 0, 2],
    ];
    const t = fitTemperature(scores, [0, 1, 2]);
    const top = softmax(scores[0]!, t)[0]!;
    expect(top).toBeGreaterThan(0.7);
    expect(top).toBeLessThan(0.9);
  });
});
