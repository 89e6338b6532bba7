import { describe, expect, it } from 'vitest';
import { flattenSeed, scoreSuggestions } from './evaluate.js';

describe('category suggestion scoring', () => {
  const tree = flattenSeed([
    { code: 'env', name: '环境', keywords: [], children: [{ code: 'noise', name: '噪声', keywords: ['噪音', '扰民'], children: [] }] },
    { code: 'roads', name: '道路', keywords: ['路面'], children: [] },
  ]);

  it('maps the top-1 suggestion to the other scheme and counts texts with no suggestion as wrong', () => {
    const examples = [
      { title: '', body: '夜里施工噪音扰民', label: '环境保护' },
      { title: '', body: '路面坑洼', label: '交通运输' },
      { title: '', body: '路面施工噪音', label: '交通运输' },
      { title: '', body: '咨询公积金', label: '住房' },
    ];
    const score = scoreSuggestions(tree, examples, { env: '环境保护', roads: '交通运输' });
    expect(score).toMatchObject({ n: 4, coverage: 0.75 });
    // 3: 噪音 (2 chars) beats 路面 (2 chars) on ties by id order (noise < roads): wrong at top 1, right in top 3.
    expect(score.accuracy).toBe(0.5);
    expect(score.top3).toBe(0.75);
    expect(score.precision).toBeCloseTo(2 / 3);
  });
});
