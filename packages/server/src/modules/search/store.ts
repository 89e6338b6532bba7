import { searchTokens } from '@openline/core';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Dialect } from '../../db/database.js';
import type { DB } from '../../db/schema.js';
import { newestCaseMatches, type CaseMatches } from './newest-cases.js';
import { rankedNewestMatches } from './sqlite-rank.js';

type Db = Kysely<DB> | Transaction<DB>;
type TsQuery = ReturnType<typeof sql.join>;
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
      // A case's document carries the case's created_at (migration 0057), read from its row, so
      // the search's windows of days agree with the case list's newest first.
      const rows = batch.map((d) => sql`(${d.type}, ${d.id}, ${d.jurisdictionId}, ${d.tokens})`);
      await sql`INSERT INTO search_documents (doc_type, doc_id, jurisdiction_id, tokens, created_at)
                SELECT v.doc_type, v.doc_id, v.jurisdiction_id, to_tsvector('simple', v.tokens), c.created_at
                  FROM (VALUES ${sql.join(rows)}) AS v(doc_type, doc_id, jurisdiction_id, tokens)
                  LEFT JOIN cases c ON v.doc_type = 'case' AND c.id = v.doc_id AND c.jurisdiction_id = v.jurisdiction_id
                ON CONFLICT (doc_type, doc_id) DO UPDATE SET tokens = excluded.tokens, created_at = excluded.created_at`.execute(db);
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

/** Each whitespace-separated part of a query as a phrase of tokens; none searchable: empty. */
const queryParts = (query: string): string[] => query.split(/[\s,，、]+/u).map(phrase).filter((p): p is string => p !== null);
const tsQuery = (parts: string[]): TsQuery => sql.join(parts.map((p) => sql`phraseto_tsquery('simple', ${p})`), sql` && `);
/** The query as newest-cases.ts reads it: the tsquery, and its words as that parser and dictionary make them (all ANDed). */
const caseQuery = (parts: string[]) => ({ tsquery: tsQuery(parts), words: sql`tsvector_to_array(to_tsvector('simple', ${parts.join(' ')}))` });
/** FTS5 syntax: each part a double-quoted phrase (quotes inside doubled), parts ANDed. */
const ftsMatch = (parts: string[]): string => parts.map((p) => `"${p.replace(/"/g, '""')}"`).join(' AND ');

/**
 * The newest `limit` cases matching a query, for the case list's text filter (which orders by
 * itself and needs no rank). PostgreSQL: newest first (created_at, then id, descending) with each
 * one's created_at, so the list can read a page's worth of them in order instead of all (ADR
 * 0040, fourth amendment). SQLite: the most recently indexed first, no created_at (FTS5 has none).
 */
export async function newestCaseMatchesFor(
  db: Db,
  dialect: Dialect,
  options: { jurisdictionId: string; query: string; limit: number },
): Promise<{ ids: string[]; createdAt?: Array<string | null> }> {
  const parts = queryParts(options.query);
  if (parts.length === 0) return { ids: [] };
  if (dialect === 'postgres') {
    const { ids, createdAt } = await newestCaseMatches(db, { ...options, ranked: false }, caseQuery(parts));
    return { ids, createdAt };
  }
  const rows = await sql<{ doc_id: string }>`
    SELECT doc_id FROM search_documents
    WHERE search_documents MATCH ${ftsMatch(parts)} AND doc_type = 'case' AND jurisdiction_id = ${options.jurisdictionId}
    ORDER BY rowid DESC
    LIMIT ${options.limit}`.execute(db);
  return { ids: rows.rows.map((r) => r.doc_id) };
}

/**
 * Ids of matching documents, best first among the newest `limit` matches. Each
 * whitespace-separated part of the query must match (as a phrase).
 *
 * The limit caps the candidates, newest first, before anything is ranked: ranking every match
 * of a common two-character word (停水 is in a tenth of all cases) costs time in proportion to
 * the city, and a hotline wants this month's 停水 before a better-worded one from three years
 * ago. On SQLite FTS5 walks the matches by rowid downwards (rowids grow with indexing, so newest
 * first) and stops at the limit; bm25 then orders only those, in the app (sqlite-rank.ts: FTS5's
 * own bm25() counted every match in the index first). PostgreSQL's GIN index yields
 * matches in no order: there a case search reads widening windows of the newest days, all in one
 * statement (newest-cases.ts).
 */
export async function searchDocuments(
  db: Db,
  dialect: Dialect,
  options: { type: DocType; jurisdictionId: string; query: string; limit: number },
): Promise<string[]> {
  const parts = queryParts(options.query);
  if (parts.length === 0) return [];
  if (dialect === 'postgres') {
    if (options.type === 'case') return byRank(await newestCaseMatches(db, { ...options, ranked: true }, caseQuery(parts)));
    return (await rankedMatches(db, options, tsQuery(parts))).map((r) => r.doc_id);
  }
  return rankedNewestMatches(db, { ...options, match: ftsMatch(parts), phrases: parts });
}

type SearchOptions = { type: DocType; jurisdictionId: string; limit: number };

/**
 * The matches best first: ts_rank descending, then the id ascending (code units; case ids are
 * UUIDs, lowercase hex with hyphens at fixed places, which collations order as bytes), as the
 * ranking in SQL did before the matches came back as arrays.
 */
function byRank(matches: CaseMatches): string[] {
  const ranks = matches.ranks ?? [];
  const order = matches.ids.map((id, i) => ({ id, rank: ranks[i] ?? 0 }));
  order.sort((a, b) => b.rank - a.rank || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return order.map((m) => m.id);
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
