import { buildKbIndex, rankArticles, type KbDocument } from '@openline/core';
import type { Phrasing } from './phrasings.js';

export interface RetrievalFigures {
  articles: number;
  phrasings: number;
  recallAt1: number;
  recallAt3: number;
  /** Phrasings whose article was not among the first three, with what came instead. */
  misses: Array<{ q: string; expected: string; got: string[] }>;
  /**
   * The search before this change, for comparison: the share of phrasings whose article contains
   * every comma- or space-separated part of the query as typed (the phrase match of ADR 0004; an
   * upper bound, since it ignores the order among several matches).
   */
  phraseMatchRecall: number;
  /** Mean time to rank one phrasing, ms (index built once). */
  msPerQuery: number;
}

/**
 * Recall@k of the knowledge-base ranking: the share of caller phrasings whose article is among
 * the first k results, as `GET /kb/articles?q=…&limit=3` ranks them (core's rankArticles).
 */
export function evaluateRetrieval(articles: ReadonlyArray<Omit<KbDocument, 'id'>>, phrasings: readonly Phrasing[]): RetrievalFigures {
  const docs = articles.map((a) => ({ ...a, id: a.question }));
  const known = new Set(docs.map((d) => d.id));
  for (const p of phrasings) if (!known.has(p.article)) throw new Error(`phrasing "${p.q}" names no article: ${p.article}`);
  const index = buildKbIndex(docs);
  let at1 = 0;
  let at3 = 0;
  const misses: RetrievalFigures['misses'] = [];
  const started = performance.now();
  for (const p of phrasings) {
    const got = rankArticles(index, p.q, 3).map((r) => r.id);
    if (got[0] === p.article) at1++;
    if (got.includes(p.article)) at3++;
    else misses.push({ q: p.q, expected: p.article, got });
  }
  const elapsed = performance.now() - started;
  const texts = new Map(docs.map((d) => [d.id, `${d.question} ${d.tags.join(' ')} ${d.answer}`.toLowerCase()]));
  const phraseHits = phrasings.filter((p) => {
    const parts = p.q.toLowerCase().split(/[\s,，、]+/u).filter(Boolean);
    return parts.every((part) => texts.get(p.article)?.includes(part));
  }).length;
  const round = (x: number): number => Math.round(x * 1000) / 1000;
  return {
    articles: docs.length,
    phrasings: phrasings.length,
    recallAt1: round(at1 / phrasings.length),
    recallAt3: round(at3 / phrasings.length),
    misses,
    phraseMatchRecall: round(phraseHits / phrasings.length),
    msPerQuery: round(elapsed / Math.max(1, phrasings.length)),
  };
}
