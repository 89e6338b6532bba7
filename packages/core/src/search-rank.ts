/**
 * BM25 as SQLite FTS5's built-in bm25() computes it (k1 = 1.2, b = 0.75, every column weighted 1),
 * so the SQLite case search can rank its newest matches itself (ADR 0065): FTS5's bm25() first
 * counts every match of each phrase in the whole index for the phrase's IDF, a cost that grows
 * with the city, whatever the query's LIMIT. Same operations in the same order as FTS5's C code,
 * so with the same inputs the scores are the same doubles.
 */
const K1 = 1.2;
const B = 0.75;

/**
 * A phrase's IDF over `rows` documents of which `hits` hold it: log((N − n + 0.5) / (n + 0.5)),
 * and 1e-6 where that is not positive (a phrase in more than half of the documents), as FTS5.
 */
export function bm25Idf(rows: number, hits: number): number {
  const idf = Math.log((rows - hits + 0.5) / (hits + 0.5));
  return idf <= 0 ? 1e-6 : idf;
}

/**
 * How many times a phrase occurs in a document's tokens: every position where its tokens follow
 * one another (overlapping occurrences each count, as FTS5's phrase instances do).
 */
export function phraseFrequency(tokens: readonly string[], phrase: readonly string[]): number {
  const first = phrase[0];
  if (first === undefined) return 0;
  let n = 0;
  next: for (let i = 0; i + phrase.length <= tokens.length; i++) {
    if (tokens[i] !== first) continue;
    for (let j = 1; j < phrase.length; j++) if (tokens[i + j] !== phrase[j]) continue next;
    n++;
  }
  return n;
}

/**
 * A document's score: −Σ idf × f(k1 + 1) / (f + k1(1 − b + b·size/avgdl)) over the query's
 * phrases; lower is better, as FTS5 returns it. `size` is the document's number of tokens,
 * `avgdl` the index's average.
 */
export function bm25Score(frequencies: readonly number[], idfs: readonly number[], size: number, avgdl: number): number {
  let score = 0.0;
  for (let i = 0; i < frequencies.length; i++) {
    const f = frequencies[i] ?? 0;
    score += (idfs[i] ?? 0) * ((f * (K1 + 1.0)) / (f + K1 * (1 - B + (B * size) / avgdl)));
  }
  return -1.0 * score;
}

export interface RankedDocument {
  id: string;
  /** The document's tokens in order, as the index holds them (core searchTokens). */
  tokens: readonly string[];
  /** Its number of tokens as the index counted them. */
  size: number;
}

/**
 * Document ids best first: bm25 ascending (best is most negative), then the id ascending by code
 * units (ids are ASCII, which SQLite's BINARY collation orders the same way), as
 * `ORDER BY bm25(…), doc_id` did in SQL.
 */
export function rankByBm25(docs: readonly RankedDocument[], phrases: ReadonlyArray<readonly string[]>, idfs: readonly number[], avgdl: number): string[] {
  const scored = docs.map((d) => ({ id: d.id, score: bm25Score(phrases.map((p) => phraseFrequency(d.tokens, p)), idfs, d.size, avgdl) }));
  scored.sort((a, b) => a.score - b.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return scored.map((s) => s.id);
}
