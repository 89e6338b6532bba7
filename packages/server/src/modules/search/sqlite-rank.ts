import { bm25Idf, rankByBm25 } from '@openline/core';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';

type Db = Kysely<DB> | Transaction<DB>;

/**
 * SQLite: the newest `limit` matches of a query, ranked by BM25 in the app (ADR 0065).
 *
 * FTS5's bm25() gives each phrase of the query an IDF from the number of documents holding it,
 * and counts them by running the phrase over the whole index on its first call (xQueryPhrase):
 * 650 k position-checked matches for 噪音扰民 at 10 M cases, whatever the query's LIMIT, so the
 * ranked search grew with the city (141–150 ms p95 at 10 M). Here the walk that FTS5 stops at
 * the cap (newest first, by rowid) returns each match's tokens and its size from the index's own
 * docsize table, and core's bm25 scores them with the index's own average size:
 * - one phrase: its IDF multiplies every score alike, so it is left out and the order is FTS5's;
 * - several: each phrase's IDF from its matches, counted exactly up to IDF_SAMPLE, and beyond
 *   that estimated from how many rowids its newest IDF_SAMPLE matches span (ADR 0065 says why an
 *   estimate, and what it changes).
 */
export async function rankedNewestMatches(
  db: Db,
  o: { type: string; jurisdictionId: string; limit: number; match: string; phrases: readonly string[] },
): Promise<string[]> {
  const rows = await sql<{ doc_id: string; tokens: string; sz: Uint8Array }>`
    SELECT s.doc_id, s.tokens, d.sz FROM search_documents s JOIN search_documents_docsize d ON d.id = s.rowid
    WHERE search_documents MATCH ${o.match} AND s.doc_type = ${o.type} AND s.jurisdiction_id = ${o.jurisdictionId}
    ORDER BY s.rowid DESC
    LIMIT ${o.limit}`.execute(db);
  if (rows.rows.length === 0) return [];
  const totals = await indexTotals(db);
  const phrases = o.phrases.map((p) => p.split(' '));
  const idfs = phrases.length === 1 ? [1] : await Promise.all(o.phrases.map(async (p) => bm25Idf(totals.rows, await phraseHits(db, p, totals))));
  const docs = rows.rows.map((r) => ({ id: r.doc_id, tokens: r.tokens.split(' '), size: sum(varints(r.sz)) }));
  return rankByBm25(docs, phrases, idfs, totals.rows > 0 ? totals.tokens / totals.rows : 1);
}

interface IndexTotals {
  /** Documents in the index (every type and jurisdiction, as FTS5 counts them for bm25). */
  rows: number;
  /** Their tokens, all columns. */
  tokens: number;
  /** The newest document's rowid. */
  lastRowid: number;
}

/** FTS5's averages record (rowid 1 of the %_data table: the row count, then each column's tokens) and the last rowid. */
async function indexTotals(db: Db): Promise<IndexTotals> {
  const row = await sql<{ averages: Uint8Array | null; last: number | null }>`
    SELECT (SELECT block FROM search_documents_data WHERE id = 1) AS averages,
           (SELECT max(id) FROM search_documents_docsize) AS last`.execute(db);
  const [rows = 0, ...columns] = varints(row.rows[0]?.averages ?? new Uint8Array());
  return { rows, tokens: sum(columns), lastRowid: row.rows[0]?.last ?? 0 };
}

/**
 * A phrase's matches read for its IDF, at most: an index-only walk (no document read), 1–2 ms of
 * CPU at 400 k cases; its estimate was within 0.1–2.3 % of the exact count there (2,000: 1.5–6 %).
 */
export const IDF_SAMPLE = 10_000;

/**
 * Documents holding a phrase: exact when it has fewer than IDF_SAMPLE matches in the whole index,
 * else its newest IDF_SAMPLE matches' share of the rowids they span, times the documents. Rowids
 * follow indexing; a re-indexed document leaves a gap, which makes the share a little low.
 */
async function phraseHits(db: Db, phrase: string, totals: IndexTotals, cap = IDF_SAMPLE): Promise<number> {
  const match = `"${phrase.replace(/"/g, '""')}"`;
  const row = await sql<{ n: number; edge: number | null }>`
    SELECT count(*) AS n, min(rowid) AS edge FROM (
      SELECT rowid FROM search_documents WHERE search_documents MATCH ${match} ORDER BY rowid DESC LIMIT ${cap}
    )`.execute(db);
  const n = row.rows[0]?.n ?? 0;
  const edge = row.rows[0]?.edge ?? totals.lastRowid;
  if (n < cap) return n;
  return Math.min(totals.rows, (n * totals.rows) / Math.max(1, totals.lastRowid - edge + 1));
}

/** SQLite's variable-length integers (FTS5 records): 7 bits a byte, high bit "more", the ninth byte whole. */
export function varints(bytes: Uint8Array): number[] {
  const out: number[] = [];
  let i = 0;
  while (i < bytes.length) {
    let value = 0;
    for (let n = 1; i < bytes.length; n++) {
      const b = bytes[i++] ?? 0;
      if (n === 9) {
        value = value * 256 + b;
        break;
      }
      value = value * 128 + (b & 0x7f);
      if ((b & 0x80) === 0) break;
    }
    out.push(value);
  }
  return out;
}

const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);
