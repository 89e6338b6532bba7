import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';

type Db = Kysely<DB> | Transaction<DB>;

/** One of a case search's newest matches: its case's created_at (null if indexed before its row) and its place by rank (1 = best). */
export interface CaseMatch {
  id: string;
  createdAt: string | null;
  rank: number;
}

/** Past this many days back a case search stops widening and reads every match. */
export const WIDEST_WINDOW_DAYS = 365;
const DAY_MS = 86_400_000;

/**
 * PostgreSQL, cases: the newest `limit` matches of a phrase query, newest first (created_at, then
 * id, both descending), each with its place by ts_rank (ADR 0040, second and fourth amendments).
 *
 * The GIN index holds each case's day (migration 0057, `search_day(created_at)`) beside its
 * tokens, so "this phrase, on these days" is one GIN scan whose cost follows the matches on those
 * days, not in the city. The window starts at today (UTC, and tomorrow for a clock a little
 * ahead), then widens until it holds `limit` matches, which are then the newest `limit` of all:
 * each next window is sized from the matches per day the last one found (× 1.2, at least twice
 * and at most sixteen times as wide); past a year, every match (cases indexed before their row
 * existed have no day: last).
 *
 * All of it is ONE statement, a recursive CTE whose every step is a window (a step runs only
 * while the last fell short), so a search is one round trip whatever the word: as one statement
 * per window (3–7) each waited for a core on a loaded machine.
 */
export async function newestCaseMatches(
  db: Db,
  options: { jurisdictionId: string; limit: number },
  tsquery: RawBuilder<unknown>,
  now = Date.now(),
): Promise<CaseMatch[]> {
  const { jurisdictionId, limit } = options;
  const today = Math.floor(now / DAY_MS);
  // Days since 1970 at this instant, fractional: a window of `days` spans (now − (today − days)) of them.
  const nowDays = now / DAY_MS;
  const read = (days: RawBuilder<number>) => windowRead(jurisdictionId, limit, tsquery, today, days);
  // The next window from the last (its days, how many it held): as the loop it replaced computed it.
  const wanted = sql<number>`CASE WHEN last.found > 0
      THEN ceil(1.2 * ${limit}::float8 / (last.found / (${nowDays}::float8 - ${today}::integer + last.days)))::integer
      ELSE 16 * last.days END`;
  const rows = await sql<{ doc_id: string; created_at: string | null; ranked: string | number }>`
    WITH RECURSIVE windows (days, found, ids, created, ranks) AS (
      SELECT 0, coalesce(cardinality(w.ids), 0), w.ids, w.created, w.ranks FROM (${read(sql<number>`0`)}) w
      UNION ALL
      SELECT next.days, coalesce(cardinality(w.ids), 0), w.ids, w.created, w.ranks
        FROM windows last
        CROSS JOIN LATERAL (SELECT least(greatest(16 * last.days, 1), greatest(2 * last.days, last.days + 1, ${wanted})) AS days) next
        CROSS JOIN LATERAL (${read(sql<number>`next.days`)}) w
       WHERE last.found < ${limit} AND last.days <= ${WIDEST_WINDOW_DAYS}
    )
    SELECT m.doc_id, m.created_at, row_number() OVER (ORDER BY m.rank DESC, m.doc_id) AS ranked
      FROM (SELECT ids, created, ranks FROM windows ORDER BY days DESC LIMIT 1) widest
      CROSS JOIN LATERAL unnest(widest.ids, widest.created, widest.ranks) WITH ORDINALITY AS m(doc_id, created_at, rank, newest)
     ORDER BY m.newest`.execute(db);
  return rows.rows.map((r) => ({ id: r.doc_id, createdAt: r.created_at, rank: Number(r.ranked) }));
}

/**
 * One window's matches as arrays, newest first: within `days` days before today (GIN: phrase and
 * days together), or every match once `days` is past the widest window. The two branches are
 * gated by `days` alone, which PostgreSQL evaluates once per window, so only one reads.
 */
function windowRead(jurisdictionId: string, limit: number, tsquery: RawBuilder<unknown>, today: number, days: RawBuilder<number>) {
  const matches = sql`SELECT doc_id, created_at, ts_rank(tokens, (${tsquery})) AS rank FROM search_documents
    WHERE doc_type = 'case' AND jurisdiction_id = ${jurisdictionId} AND tokens @@ (${tsquery})`;
  return sql`
    SELECT array_agg(doc_id ORDER BY created_at DESC NULLS LAST, doc_id DESC) AS ids,
           array_agg(created_at ORDER BY created_at DESC NULLS LAST, doc_id DESC) AS created,
           array_agg(rank ORDER BY created_at DESC NULLS LAST, doc_id DESC) AS ranks
      FROM (
        (${matches}
           AND search_day(created_at) && ARRAY(SELECT generate_series(${today}::integer - ${days}, ${today}::integer + 1))
           AND ${days} <= ${WIDEST_WINDOW_DAYS}
         ORDER BY created_at DESC, doc_id DESC LIMIT ${limit})
        UNION ALL
        (${matches} AND ${days} > ${WIDEST_WINDOW_DAYS}
         ORDER BY created_at DESC NULLS LAST, doc_id DESC LIMIT ${limit})
      ) newest`;
}
