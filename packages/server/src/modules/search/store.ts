import { searchTokens } from '@openline/core';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Dialect } from '../../db/database.js';
import type { DB } from '../../db/schema.js';

type Db = Kysely<DB> | Transaction<DB>;
export type DocType = 'case' | 'article';

type SearchDocument = { type: DocType; id: string; jurisdictionId: string; text: string };

/** Documents per statement: 4 parameters each stays far below both dialects' parameter limits. */
const BATCH = 500;

/**
 * The search index, the one place where SQLite (FTS5, bm25) and PostgreSQL (tsvector, GIN,
 * ts_rank) differ. Both hold the same space-separated bigram tokens and both match a query as a
 * phrase of consecutive tokens, so 扰民 matches 噪音扰民 but 噪音 扰民 matches only adjacent use.
 */
export async function indexDocument(db: Db, dialect: Dialect, doc: SearchDocument, options: IndexOptions = {}): Promise<void> {
  await indexDocuments(db, dialect, [doc], options);
}

export interface IndexOptions {
  /**
   * The documents were created in this transaction, so no earlier copy can exist: SQLite skips
   * the delete that would otherwise scan the whole index (below). A new case at intake is the
   * common case; it took intake from ~1.5 ms to ~90 ms at 200 k cases before this existed.
   */
  fresh?: boolean;
}

/**
 * Indexes (or re-indexes) many documents with one statement per batch instead of one per
 * document. On SQLite this matters beyond round trips: doc_type and doc_id are UNINDEXED FTS5
 * columns, so the delete that replaces an earlier version scans the whole index (about 30 ms at
 * 200 k documents); a batch pays that scan once. Within one call, the last copy of an id wins.
 * Several statements: pass a transaction when the whole must be atomic.
 */
export async function indexDocuments(db: Db, dialect: Dialect, docs: readonly SearchDocument[], options: IndexOptions = {}): Promise<void> {
  const unique = [...new Map(docs.map((d) => [`${d.type}\u0000${d.id}`, d])).values()];
  for (let start = 0; start < unique.length; start += BATCH) {
    const batch = unique.slice(start, start + BATCH).map((d) => ({ ...d, tokens: searchTokens(d.text).join(' ') }));
    if (dialect === 'postgres') {
      // ON CONFLICT may not touch one row twice in a statement: hence the de-duplication above.
      const rows = batch.map((d) => sql`(${d.type}, ${d.id}, ${d.jurisdictionId}, to_tsvector('simple', ${d.tokens}))`);
      await sql`INSERT INTO search_documents (doc_type, doc_id, jurisdiction_id, tokens)
                VALUES ${sql.join(rows)}
                ON CONFLICT (doc_type, doc_id) DO UPDATE SET tokens = excluded.tokens`.execute(db);
      continue;
    }
    for (const type of options.fresh ? [] : new Set(batch.map((d) => d.type))) {
      const ids = batch.filter((d) => d.type === type).map((d) => d.id);
      await sql`DELETE FROM search_documents WHERE doc_type = ${type} AND doc_id IN (${sql.join(ids)})`.execute(db);
    }
    const rows = batch.map((d) => sql`(${d.tokens}, ${d.type}, ${d.id}, ${d.jurisdictionId})`);
    await sql`INSERT INTO search_documents (tokens, doc_type, doc_id, jurisdiction_id) VALUES ${sql.join(rows)}`.execute(db);
  }
}

/** Query → phrase of tokens; null when it has nothing searchable (punctuation only). */
function phrase(query: string): string | null {
  const tokens = searchTokens(query);
  return tokens.length > 0 ? tokens.join(' ') : null;
}

/**
 * Ids of matching documents, best first among the newest `limit` matches (on PostgreSQL, for a
 * word in under a tenth of the documents, among all its matches). Each whitespace-separated part
 * of the query must match (as a phrase).
 *
 * The limit caps the candidates, newest first, before anything is ranked: ranking every match
 * of a common two-character word (停水 is in a tenth of all cases) costs time in proportion to
 * the city, and a hotline wants this month's 停水 before a better-worded one from three years
 * ago. On SQLite FTS5 walks the matches by rowid downwards (rowids grow with indexing, so newest
 * first) and stops at the limit; bm25 then orders only those. PostgreSQL's GIN index yields
 * matches in no order: there a common word walks the cases newest first instead (below).
 */
export async function searchDocuments(
  db: Db,
  dialect: Dialect,
  options: { type: DocType; jurisdictionId: string; query: string; limit: number },
): Promise<string[]> {
  const parts = options.query.split(/[\s,，、]+/u).map(phrase).filter((p): p is string => p !== null);
  if (parts.length === 0) return [];
  if (dialect === 'postgres') {
    const tsquery = sql.join(parts.map((p) => sql`phraseto_tsquery('simple', ${p})`), sql` && `);
    const bigrams = parts.flatMap((p) => p.toLowerCase().split(' '));
    const rows = options.type === 'case' ? await newestCaseMatches(db, options, tsquery, bigrams) : await rankedMatches(db, options, tsquery);
    return rows.map((r) => r.doc_id);
  }
  // FTS5 syntax: each part a double-quoted phrase (quotes inside doubled), parts ANDed.
  const match = parts.map((p) => `"${p.replace(/"/g, '""')}"`).join(' AND ');
  const rows = await sql<{ doc_id: string }>`
    SELECT doc_id FROM (
      SELECT doc_id, bm25(search_documents) AS score FROM search_documents
      WHERE search_documents MATCH ${match} AND doc_type = ${options.type} AND jurisdiction_id = ${options.jurisdictionId}
      ORDER BY rowid DESC
      LIMIT ${options.limit}
    ) ORDER BY score, doc_id`.execute(db);
  return rows.rows.map((r) => r.doc_id);
}

type SearchOptions = { type: DocType; jurisdictionId: string; limit: number };
type TsQuery = ReturnType<typeof sql.join>;

/** A word in at least this share of documents is walked newest first (PostgreSQL); rarer ones take GIN. */
const WALK_SHARE = 0.1;
/** The walk reads at most this many times the limit of newest cases before it gives up. */
const WALK_FACTOR = 10;

/**
 * PostgreSQL, cases: the newest `limit` matches of a common word, else the best `limit` of all
 * matches (ADR 0040 amended). GIN yields matches unordered, so ranking all matches of 停水 (a
 * tenth of the city) cost time in proportion to the city. For a word that common, walking the
 * cases newest first (jurisdiction_id, created_at index) and testing each one's document fills
 * `limit` after about limit / share cases. For a rarer word that walk is the slower way (each case
 * costs an index probe and a heap read, about 4 buffers), and ranking every match is cheap.
 * The planner cannot choose: it multiplies the bigrams' frequencies (噪音扰民 estimated at 349
 * matches, 32,700 found at 500 k cases), so the choice is made here from the index's own
 * statistics of each bigram (pg_stats most_common_elems): the query's share is at most its
 * rarest bigram's. A walk that ends short of `limit` (the phrase rarer than its bigrams) falls
 * back to ranking every match.
 */
async function newestCaseMatches(db: Db, options: SearchOptions, tsquery: TsQuery, bigrams: string[]): Promise<Array<{ doc_id: string }>> {
  const share = Math.min(...(await lexemeShares(db, bigrams)));
  if (share >= WALK_SHARE) {
    const walked = await sql<{ doc_id: string }>`
      SELECT doc_id FROM (
        SELECT s.doc_id, s.tokens FROM (
          SELECT id, created_at FROM cases WHERE jurisdiction_id = ${options.jurisdictionId}
          ORDER BY created_at DESC LIMIT ${WALK_FACTOR * options.limit}
        ) c
        CROSS JOIN LATERAL (
          SELECT doc_id, tokens FROM search_documents
          WHERE doc_type = 'case' AND doc_id = c.id AND tokens @@ (${tsquery})
          LIMIT 1
        ) s
        ORDER BY c.created_at DESC
        LIMIT ${options.limit}
      ) newest
      ORDER BY ts_rank(tokens, (${tsquery})) DESC, doc_id`.execute(db);
    if (walked.rows.length >= options.limit) return walked.rows;
  }
  // Every match from GIN, the newest `limit` kept by the case's created_at (a probe of the cases'
  // primary key each), ranked. Ranking all matches instead and keeping the best was cheaper here
  // but spread the ids over years, and the case list then walked back through the whole city to
  // find the newest page of them (700 ms for 噪音扰民 at 500 k cases).
  const rows = await sql<{ doc_id: string }>`
    SELECT doc_id FROM (
      SELECT m.doc_id, m.tokens FROM (
        SELECT doc_id, tokens FROM search_documents
        WHERE doc_type = 'case' AND jurisdiction_id = ${options.jurisdictionId} AND tokens @@ (${tsquery})
        OFFSET 0
      ) m
      JOIN cases c ON c.id = m.doc_id
      ORDER BY c.created_at DESC
      LIMIT ${options.limit}
    ) newest
    ORDER BY ts_rank(tokens, (${tsquery})) DESC, doc_id`.execute(db);
  return rows.rows;
}

type Shares = { at: number; byLexeme: Map<string, number> };
/** Per database handle; the statistics change only when ANALYZE runs, so ten minutes is fresh enough. */
const sharesCache = new WeakMap<object, Shares>();
const SHARES_TTL_MS = 10 * 60_000;

/** Each lexeme's share of search documents by PostgreSQL's statistics; 0 when it is not among the common ones. */
async function lexemeShares(db: Db, lexemes: string[]): Promise<number[]> {
  let cached = sharesCache.get(db);
  if (!cached || Date.now() - cached.at > SHARES_TTL_MS) {
    const rows = await sql<{ lexeme: string; share: number }>`
      SELECT u.lexeme, u.share FROM pg_stats,
        unnest(most_common_elems::text::text[], most_common_elem_freqs) AS u(lexeme, share)
      WHERE schemaname = current_schema() AND tablename = 'search_documents' AND attname = 'tokens' AND u.lexeme IS NOT NULL`.execute(db);
    cached = { at: Date.now(), byLexeme: new Map(rows.rows.map((r) => [r.lexeme, Number(r.share)])) };
    sharesCache.set(db, cached);
  }
  const known = cached.byLexeme;
  return lexemes.map((l) => known.get(l) ?? 0);
}

/** PostgreSQL, other documents (knowledge articles: hundreds, not millions): rank every match. */
async function rankedMatches(db: Db, options: SearchOptions, tsquery: TsQuery): Promise<Array<{ doc_id: string }>> {
  const rows = await sql<{ doc_id: string }>`
    SELECT doc_id FROM search_documents
    WHERE doc_type = ${options.type} AND jurisdiction_id = ${options.jurisdictionId} AND tokens @@ (${tsquery})
    ORDER BY ts_rank(tokens, (${tsquery})) DESC, doc_id
    LIMIT ${options.limit}`.execute(db);
  return rows.rows;
}
