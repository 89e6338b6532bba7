import { describe, expect, it } from 'vitest';
import { DEMO_ARTICLES } from '../../packages/server/src/demo/kb-articles.js';
import { evaluateRetrieval } from './evaluate.js';
import { PHRASINGS } from './phrasings.js';

describe('bench:kb', () => {
  it('measures recall on a tiny set and refuses a phrasing that names no article', () => {
    const r = evaluateRetrieval(DEMO_ARTICLES.slice(0, 5), PHRASINGS.filter((p) => DEMO_ARTICLES.slice(0, 5).some((a) => a.question === p.article)));
    expect(r.phrasings).toBeGreaterThan(10);
    expect(r.recallAt3).toBeGreaterThanOrEqual(r.recallAt1);
    expect(r.misses.length).toBe(Math.round(r.phrasings * (1 - r.recallAt3)));
    expect(() => evaluateRetrieval(DEMO_ARTICLES.slice(0, 1), [{ q: '随便问问', article: '不存在的文章' }])).toThrow(/names no article/);
  });

  it('keeps the fixture honest: enough phrasings, none copied from a title', () => {
    expect(PHRASINGS.length).toBeGreaterThanOrEqual(120);
    const titles = new Set(DEMO_ARTICLES.map((a) => a.question.replace(/[？?]$/u, '')));
    for (const p of PHRASINGS) expect(titles.has(p.q.replace(/[？?]$/u, ''))).toBe(false);
  });
});
