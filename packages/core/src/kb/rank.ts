import { textTerms, type Terms } from './terms.js';

/**
 * Ranking knowledge articles against a caller's words (issue 12 §3, ADR 0025): BM25F over the
 * article's question, tags and answer. The old search matched the whole query as one phrase, so
 * a full sentence found nothing; here every term of the query counts on its own, weighted by how
 * rare it is among the articles (idf), by the field it occurs in (a question that names the
 * subject beats an answer that mentions it) and against the article's length.
 */
export interface KbDocument {
  id: string;
  question: string;
  tags: readonly string[];
  answer: string;
}

/** Field weights: the question says what the article answers; tags are the admin's own keywords. */
const FIELD_WEIGHT = { question: 3, tags: 2, answer: 1 } as const;
/** A shared character is weak evidence next to a shared bigram. */
const UNIGRAM_WEIGHT = 0.3;
const K1 = 1.2;
const B = 0.75;

interface IndexedDoc {
  id: string;
  /** Field-weighted term frequencies. */
  tf: Map<string, number>;
  length: number;
}

export interface KbIndex {
  docs: IndexedDoc[];
  df: Map<string, number>;
  averageLength: number;
}

const termList = (t: Terms): string[] => [...t.bigrams, ...t.words, ...t.unigrams];

export function buildKbIndex(documents: readonly KbDocument[]): KbIndex {
  const df = new Map<string, number>();
  const docs = documents.map((d) => {
    const tf = new Map<string, number>();
    let length = 0;
    const add = (text: string, weight: number): void => {
      for (const term of termList(textTerms(text))) {
        tf.set(term, (tf.get(term) ?? 0) + weight);
        length += weight;
      }
    };
    add(d.question, FIELD_WEIGHT.question);
    add(d.tags.join(' '), FIELD_WEIGHT.tags);
    add(d.answer, FIELD_WEIGHT.answer);
    for (const term of tf.keys()) df.set(term, (df.get(term) ?? 0) + 1);
    return { id: d.id, tf, length };
  });
  const averageLength = docs.length === 0 ? 1 : docs.reduce((s, d) => s + d.length, 0) / docs.length || 1;
  return { docs, df, averageLength };
}

export interface RankedArticle {
  id: string;
  score: number;
  /** Bigrams and words of the query the article contains, for highlighting. */
  matched: string[];
}

/**
 * Articles sharing at least one bigram or word with the query, best first (ties by id, so the
 * order is stable). Shared single characters add to the score but do not qualify an article on
 * their own (量子计算机 shares 机 with 机动车: not an answer), unless the query has nothing longer
 * once caller speech is cut (狗).
 */
export function rankArticles(index: KbIndex, query: string, limit: number): RankedArticle[] {
  const q = textTerms(query);
  const strong = [...new Set([...q.bigrams, ...q.words])];
  const weak = [...new Set(q.unigrams)];
  const n = index.docs.length;
  const idf = (term: string): number => {
    const df = index.df.get(term) ?? 0;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  };
  const part = (doc: IndexedDoc, term: string): number => {
    const tf = doc.tf.get(term) ?? 0;
    if (tf === 0) return 0;
    const norm = K1 * (1 - B + (B * doc.length) / index.averageLength);
    return (idf(term) * tf * (K1 + 1)) / (tf + norm);
  };
  const scored: Array<RankedArticle & { strong: boolean }> = [];
  for (const doc of index.docs) {
    const matched = strong.filter((t) => doc.tf.has(t));
    let score = matched.reduce((s, t) => s + part(doc, t), 0);
    score += weak.reduce((s, t) => s + UNIGRAM_WEIGHT * part(doc, t), 0);
    if (score > 0) scored.push({ id: doc.id, score, matched, strong: matched.length > 0 });
  }
  // A query of single characters can only match by them; any longer query must share a bigram or word.
  const needStrong = strong.length > 0;
  return scored
    .filter((s) => s.strong || !needStrong)
    .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .slice(0, limit)
    .map(({ id, score, matched }) => ({ id, score, matched }));
}

/** Where matched terms occur in a text, [start, end) in UTF-16 units, merged. */
export function termRanges(text: string, terms: readonly string[]): Array<[number, number]> {
  // Terms are NFKC-folded; the text is not, so offsets stay the text's own (full-width Latin is
  // matched but not highlighted).
  const lower = text.toLowerCase();
  const ranges: Array<[number, number]> = [];
  for (const term of terms) {
    for (let at = lower.indexOf(term); at !== -1; at = lower.indexOf(term, at + 1)) ranges.push([at, at + term.length]);
  }
  ranges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: Array<[number, number]> = [];
  for (const r of ranges) {
    const last = merged.at(-1);
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged;
}
