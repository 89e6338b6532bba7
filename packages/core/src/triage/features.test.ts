import { describe, expect, it } from 'vitest';
import { defaultFeatureOptions, NgramHasher, type FeatureOptions } from './features.js';

const hasher = (options: Partial<FeatureOptions> = {}) => new NgramHasher({ ...defaultFeatureOptions, ...options });

/** Bucket → value, so tests do not depend on the order of first occurrence. */
function asMap(h: NgramHasher, title: string, body: string): Map<number, number> {
  const v = h.termFrequencies(title, body);
  return new Map(Array.from(v.indices, (index, i) => [index, v.values[i]!]));
}

describe('NgramHasher', () => {
  it('counts each 1..3-gram once per distinct bucket', () => {
    const v = hasher({ sublinearTf: false, ngramWeights: [] }).termFrequencies('', '停水停水');
    // grams: 停 水 停 水 | 停水 水停 停水 | 停水停 水停水 → 6 distinct
    expect(v.indices.length).toBe(6);
    expect(new Set(v.indices).size).toBe(6);
    expect([...v.values].sort()).toEqual([1, 1, 1, 2, 2, 2]);
  });

  it('applies 1 + ln(tf) when sublinear, times the weight of the n-gram length', () => {
    const values = [...hasher({ ngramWeights: [1, 1, 0.5] }).termFrequencies('', '停水停水').values].sort();
    expect(values).toEqual([0.5, 0.5, 1, 1 + Math.log(2), 1 + Math.log(2), 1 + Math.log(2)]);
  });

  it('is deterministic and folds full-width, case and digits', () => {
    const a = asMap(hasher(), '', 'ＡＢＣ路１２３号');
    const b = asMap(hasher(), '', 'abc路999号');
    expect(a).toEqual(b);
  });

  it('breaks grams at whitespace and, by default, at punctuation', () => {
    const spaced = asMap(hasher(), '', '停水 停电');
    const punctuated = asMap(hasher(), '', '停水，停电！');
    expect(punctuated).toEqual(spaced);
    const kept = asMap(hasher({ separators: 'whitespace' }), '', '停水，停电！');
    expect(kept.size).toBeGreaterThan(spaced.size);
  });

  it('reads the title as part of the text and, with titleWeight, again in its own namespace', () => {
    const plain = asMap(hasher({ titleWeight: 0 }), '停水', '三天了');
    const joined = asMap(hasher({ titleWeight: 0 }), '', '停水\n三天了');
    expect(plain).toEqual(joined);
    const weighted = asMap(hasher({ titleWeight: 1 }), '停水', '三天了');
    expect(weighted.size).toBe(plain.size + 3);
  });

  it('hashes supplied words only when the model uses them', () => {
    const h = hasher({ wordWeight: 1 });
    const without = h.termFrequencies('', '小区停水');
    const withWords = h.termFrequencies('', '小区停水', ['小区', '停水']);
    expect(withWords.indices.length).toBe(without.indices.length + 2);
    expect(hasher().termFrequencies('', '小区停水', ['小区']).indices.length).toBe(without.indices.length);
  });

  it('handles empty text, astral characters and very long text', () => {
    expect(hasher().termFrequencies('', '').indices.length).toBe(0);
    expect(hasher().termFrequencies('', '𠀀𠀀').indices.length).toBe(2);
    const long = '小区停水'.repeat(5000);
    expect(hasher().termFrequencies('', long).indices.length).toBeLessThan(20);
  });

  it('keeps every bucket inside the hash space', () => {
    const h = hasher({ hashBits: 12 });
    const v = h.termFrequencies('标题', '各种各样的诉求内容，包括噪音、停水和道路问题。');
    for (const index of v.indices) expect(index).toBeGreaterThanOrEqual(0);
    for (const index of v.indices) expect(index).toBeLessThan(4096);
  });

  it('rejects impossible options', () => {
    expect(() => hasher({ hashBits: 40 })).toThrow(RangeError);
    expect(() => hasher({ minN: 3, maxN: 2 })).toThrow(RangeError);
    expect(() => hasher({ ngramWeights: [1, 1] })).toThrow(RangeError);
  });
});
