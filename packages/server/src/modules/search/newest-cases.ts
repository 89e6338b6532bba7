import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';

type Db = Kysely<DB> | Transaction<DB>;

/** A case search's newest matches, newest first: ids, each case's created_at (null if indexed before its row), ts_rank if asked. */
export interface CaseMatches {
  ids: string[];
  createdAt: Array<string | null>;
  ranks: number[] | null;
}

/** Past this many days back a case search stops widening and reads every match. */
export const WIDEST_WINDOW_DAYS = 365;
const DAY_MS = 86_400_000;

/**
 * PostgreSQL, cases: the newest `limit` matches of a phrase query, newest first (created_at, then
 * id, both descending), with their ts_rank when `ranked` (ADR 0040, second and fourth amendments).
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
 * per window (3–7) each waited for a core on a loaded machine. The widest window's matches come
 * back as arrays in one row: unnesting and re-sorting 2,000 rows in SQL cost more than the read.
 */
export async function newestCaseMatches(
  db: Db,
  options: { jurisdictionId: string; limit: number; ranked: boolean },
  tsquery: RawBuilder<unknown>,
  now = Date.now(),
): Promise<CaseMatches> {
  const { jurisdictionId, limit } = options;
  const today = Math.floor(now / DAY_MS);
  // Days since 1970 at this instant, fractional: a window of `days` spans (now − (today − days)) of them.
  const nowDays = now / DAY_MS;
  const read = (days: RawBuilder<number>) => windowRead({ jurisdictionId, limit, tsquery, today, days, ranked: options.ranked });
  // The next window from the last (its days, how many it held): as the loop it replaced computed it.
  const wanted = sql<number>`CASE WHEN last.found > 0
      THEN ceil(1.2 * ${limit}::float8 / (last.found / (${nowDays}::float8 - ${today}::integer + last.days)))::integer
      ELSE 16 * last.days END`;
  const rows = await sql<{ ids: string[] | null; created: Array<number | null> | null; ranks: number[] | null }>`
    WITH RECURSIVE windows (days, found, ids, created, ranks) AS (
      SELECT 0, coalesce(cardinality(w.ids), 0), w.ids, w.created, w.ranks FROM (${read(sql<number>`0`)}) w
      UNION ALL
      SELECT next.days, coalesce(cardinality(w.ids), 0), w.ids, w.created, w.ranks
        FROM windows last
        CROSS JOIN LATERAL (SELECT least(greatest(16 * last.days, 1), greatest(2 * last.days, last.days + 1, ${wanted})) AS days) next
        CROSS JOIN LATERAL (${read(sql<number>`next.days`)}) w
       WHERE last.found < ${limit} AND last.days <= ${WIDEST_WINDOW_DAYS}
    )
    SELECT ids, created, ranks FROM windows ORDER BY days DESC LIMIT 1`.execute(db);
  const row = rows.rows[0];
  return {
    ids: row?.ids ?? [],
    // Epoch milliseconds, as the app's timestamptz parser gives them (ISO, to the millisecond).
    createdAt: (row?.created ?? []).map((ms) => (ms === null ? null : new Date(ms).toISOString())),
    ranks: options.ranked ? (row?.ranks ?? []) : null,
  };
}

/**
 * One window's matches as arrays, newest first: within `days` days before today (GIN: phrase and
 * days together), or every match once `days` is past the widest window. The two branches are
 * gated by `days` alone, which PostgreSQL evaluates once per window, so only one reads. Ranked
 * above the LIMIT (below it, ts_rank ran on every match of the window, up to ~18 k); the arrays
 * follow an integer ordinal (sorting by the text id once per array cost ~5 ms a window).
 */
function windowRead(o: { jurisdictionId: string; limit: number; tsquery: RawBuilder<unknown>; today: number; days: RawBuilder<number>; ranked: boolean }) {
  const { jurisdictionId, limit, tsquery, today, days } = o;
  const columns = o.ranked ? sql`doc_id, created_at, tokens` : sql`doc_id, created_at`;
  const matches = sql`SELECT ${columns} FROM search_documents
    WHERE doc_type = 'case' AND jurisdiction_id = ${jurisdictionId} AND tokens @@ (${tsquery})`;
  const ranks = o.ranked ? sql`array_agg(ts_rank(tokens, (${tsquery})) ORDER BY n)` : sql`NULL::real[]`;
  return sql`
    SELECT array_agg(doc_id ORDER BY n) AS ids,
           array_agg(floor(extract(epoch FROM created_at) * 1000)::float8 ORDER BY n) AS created,
           ${ranks} AS ranks
      FROM (
        SELECT *, row_number() OVER (ORDER BY created_at DESC NULLS LAST, doc_id DESC) AS n FROM (
          (${matches}
             AND search_day(created_at) && ARRAY(SELECT generate_series(${today}::integer - ${days}, ${today}::integer + 1))
             AND ${days} <= ${WIDEST_WINDOW_DAYS}
           ORDER BY created_at DESC NULLS LAST, doc_id DESC LIMIT ${limit})
          UNION ALL
          (${matches} AND ${days} > ${WIDEST_WINDOW_DAYS}
           ORDER BY created_at DESC NULLS LAST, doc_id DESC LIMIT ${limit})
        ) branches
      ) newest`;
}
