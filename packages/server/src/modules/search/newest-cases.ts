import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';

type Db = Kysely<DB> | Transaction<DB>;

/** A case search's newest matches, newest first: ids, each case's created_at (null if indexed before its row), ts_rank if asked. */
export interface CaseMatches {
  ids: string[];
  createdAt: Array<string | null>;
  ranks: number[] | null;
}

const DAY_MS = 86_400_000;
/** Days of a bucket of migration 0064's index (its function divides the day number by 32). */
const BUCKET_DAYS = 32;
/** Buckets a window may span: one `@>` arm each, a fixed number so the statement's shape is fixed. */
const BUCKET_ARMS = 16;
/**
 * A window this many days wide or wider reads the token@bucket index instead of the day keys. At
 * 32, a ~40-day window (two buckets, each with days outside it read and dropped) read more heap
 * pages than the day keys cost; at 64 no query measured was slower (docs/benchmarks.md).
 */
const BUCKET_FROM_DAYS = 64;

/**
 * PostgreSQL, cases: the newest `limit` matches of a phrase query, newest first (created_at, then
 * id, both descending), with their ts_rank when `ranked` (ADR 0040, second and fourth amendments;
 * ADR 0070).
 *
 * The GIN index holds each case's day (migration 0057, `search_day(created_at)`) beside its
 * tokens, so "this phrase, on these days" is one GIN scan whose cost follows the documents of
 * those days, not the city's. The first window is today (UTC, and tomorrow for a clock a little
 * ahead); each next one holds the days just older than the last, as many as the matches still
 * missing need at the rate found so far (× 1.2; the reach grows by a quarter at least, sixteen
 * times at most), and keeps only the missing ones. Windows do not overlap, so no match is read
 * twice, and they stop once `limit` are found: the rows read are `limit` plus the last window's
 * surplus, whatever the city's size (ADR 0070). Only when the next reach would pass the
 * jurisdiction's first case (so fewer than ~`limit` matches are left in all) is every match read
 * instead, one GIN scan without days: about `limit` rows again, and cheaper than asking for every
 * remaining day (cases indexed before their row existed have no day: last).
 *
 * All of it is ONE statement, a recursive CTE whose every step is a window (a step runs only
 * while the matches found fall short), so a search is one round trip whatever the word. The
 * matches come back as arrays in one row: unnesting and re-sorting 2,000 rows in SQL cost more
 * than the read.
 */
export async function newestCaseMatches(
  db: Db,
  options: { jurisdictionId: string; limit: number; ranked: boolean },
  query: { tsquery: RawBuilder<unknown>; words: RawBuilder<unknown> },
  now = Date.now(),
): Promise<CaseMatches> {
  const { jurisdictionId, limit } = options;
  const { tsquery, words } = query;
  const today = Math.floor(now / DAY_MS);
  // Days since 1970 at this instant, fractional: a reach of `days` spans (now − (today − days)) of them.
  const nowDays = now / DAY_MS;
  const read = (w: WindowBounds) => windowRead({ jurisdictionId, tsquery, words, ranked: options.ranked, ...w });
  // Matches per day found so far: over the span of their own created_at (a day with no cases yet,
  // as today in a generated city, would halve it), else over the days read; none found: unknown.
  const perDay = sql<number>`CASE
      WHEN last.found >= 2 AND last.created[1] > last.created[last.found]
        THEN last.found / ((last.created[1] - last.created[last.found]) / ${DAY_MS}::float8)
      WHEN last.found > 0 THEN last.found / (${nowDays}::float8 - ${today}::integer + last.days) END`;
  // The next reach (days back from today): enough days for the missing matches at that rate, × 1.2,
  // at least a day and a quarter more than the last (a bounded number of steps), at most sixteen
  // times it; sixteen times (a day at first) while nothing was found. Always past the last reach.
  const reach = sql<number>`CASE WHEN ${perDay} IS NULL THEN greatest(16 * last.days, 1)
      ELSE least(greatest(16 * last.days, 1), greatest(last.days + 1, ceil(1.25 * last.days)::integer,
        last.days + ceil(1.2 * (${limit}::integer - last.found) / ${perDay})::integer)) END`;
  const rows = await sql<{ ids: string | null; created: string | null; ranks: string | null }>`
    WITH RECURSIVE history AS MATERIALIZED (
      SELECT coalesce(${today}::integer - floor(extract(epoch FROM min(created_at)) / 86400)::integer, 0) AS days
        FROM cases WHERE jurisdiction_id = ${jurisdictionId}
    ), windows (days, every, found, ids, created, ranks) AS (
      SELECT 0, false, coalesce(cardinality(w.ids), 0), w.ids, w.created, w.ranks
        FROM (${read({ newest: sql`${today + 1}::integer`, oldest: sql`${today}::integer`, take: sql`${limit}::integer`, every: sql`false` })}) w
      UNION ALL
      SELECT next.days, next.every,
             CASE WHEN next.every THEN 0 ELSE last.found END + coalesce(cardinality(w.ids), 0),
             CASE WHEN next.every THEN w.ids ELSE last.ids || w.ids END,
             CASE WHEN next.every THEN w.created ELSE last.created || w.created END,
             CASE WHEN next.every THEN w.ranks ELSE last.ranks || w.ranks END
        FROM windows last
        CROSS JOIN LATERAL (SELECT r.days, r.days >= h.days AS every
          FROM (SELECT least(${reach}, ${today}::integer - ((${today}::integer - last.days - 1) / ${sql.lit(BUCKET_DAYS)} - ${sql.lit(BUCKET_ARMS - 1)}) * ${sql.lit(BUCKET_DAYS)}) AS days) r,
               history h) next
        CROSS JOIN LATERAL (${read({
          newest: sql`${today}::integer - last.days - 1`,
          oldest: sql`${today}::integer - next.days`,
          take: sql`CASE WHEN next.every THEN ${limit}::integer ELSE ${limit}::integer - last.found END`,
          every: sql`next.every`,
        })}) w
       WHERE last.found < ${limit} AND NOT last.every
    )
    SELECT array_to_string(last.ids, ',') AS ids, array_to_string(last.created, ',', '') AS created, array_to_string(last.ranks, ',') AS ranks
      FROM (SELECT ids, created, ranks FROM windows ORDER BY days DESC LIMIT 1) last`.execute(db);
  // Joined by commas, not as arrays: node-postgres parses an array's text character by character
  // in JavaScript (2,000 ids and 2,000 times: ~1.5 ms of the event loop and most of a search's
  // garbage), where `split` is native (docs/benchmarks.md). Ids are UUIDs, the rest numbers; a
  // case indexed before its row has an empty created_at, so that list is split by the ids' count.
  const row = rows.rows[0];
  const ids = row?.ids ? row.ids.split(',') : [];
  const each = (joined: string | null | undefined): string[] => (ids.length === 0 ? [] : (joined ?? '').split(','));
  return {
    ids,
    // Epoch milliseconds, as the app's timestamptz parser gives them (ISO, to the millisecond).
    createdAt: each(row?.created).map((ms) => (ms === '' ? null : new Date(Number(ms)).toISOString())),
    ranks: options.ranked ? each(row?.ranks).map(Number) : null,
  };
}

/** One step: the days `oldest`..`newest` (day numbers since 1970), or every match when `every`; at most `take`. */
interface WindowBounds {
  newest: RawBuilder<unknown>;
  oldest: RawBuilder<unknown>;
  take: RawBuilder<unknown>;
  every: RawBuilder<unknown>;
}

/**
 * One window's newest `take` matches as arrays, newest first: on the days `oldest`..`newest`, or
 * every match when `every`. Three branches, each gated by the window's bounds alone (PostgreSQL
 * evaluates such a filter once per window), so only one reads:
 * - a narrow window (under BUCKET_FROM_DAYS days): GIN, the phrase and the day keys together (0057);
 * - a wide one: GIN over token@bucket (0064), one `@>` arm per 32-day bucket the window touches
 *   (BUCKET_ARMS arms, the unused ones asking for a bucket that does not exist), ORed: it reads
 *   the query's words in those buckets only, where the day keys list every document of every day.
 *   The phrase is checked there with ts_match_vq, the same test as `@@` but not an index condition:
 *   given `@@`, the planner took the token index without days and rechecked every match (ADR 0070);
 * - every match: GIN over the phrase alone.
 * Ranked above the LIMIT (below it, ts_rank ran on every match of the window); the arrays follow
 * an integer ordinal (sorting by the text id once per array cost ~5 ms a window).
 */
function windowRead(o: WindowBounds & { jurisdictionId: string; tsquery: RawBuilder<unknown>; words: RawBuilder<unknown>; ranked: boolean }) {
  const { jurisdictionId, tsquery, words, newest, oldest, take, every } = o;
  const columns = o.ranked ? sql`doc_id, created_at, tokens` : sql`doc_id, created_at`;
  const cases = sql`SELECT ${columns} FROM search_documents WHERE doc_type = 'case' AND jurisdiction_id = ${jurisdictionId}`;
  const matches = sql`${cases} AND tokens @@ (${tsquery})`;
  const wide = sql`((${newest}) - (${oldest}) + 1 >= ${sql.lit(BUCKET_FROM_DAYS)})`;
  const newestFirst = sql`ORDER BY created_at DESC NULLS LAST, doc_id DESC LIMIT ${take}`;
  const arms = Array.from({ length: BUCKET_ARMS }, (_, i) => {
    const bucket = sql`(${oldest}) / ${sql.lit(BUCKET_DAYS)} + ${sql.lit(i)}`;
    return sql`search_bucket_tokens(tokens, created_at) @> ARRAY(SELECT w || '@' || CASE WHEN ${bucket} <= (${newest}) / ${sql.lit(BUCKET_DAYS)} THEN ${bucket} ELSE -1 END FROM unnest(${words}) w)`;
  });
  const ranks = o.ranked ? sql`array_agg(ts_rank(tokens, (${tsquery})) ORDER BY n)` : sql`NULL::real[]`;
  return sql`
    SELECT array_agg(doc_id ORDER BY n) AS ids,
           array_agg(floor(extract(epoch FROM created_at) * 1000)::float8 ORDER BY n) AS created,
           ${ranks} AS ranks
      FROM (
        SELECT *, row_number() OVER (ORDER BY created_at DESC NULLS LAST, doc_id DESC) AS n FROM (
          (${matches}
             AND search_day(created_at) && ARRAY(SELECT generate_series(${oldest}, ${newest}))
             AND NOT ${every} AND NOT ${wide}
           ${newestFirst})
          UNION ALL
          (${cases} AND ts_match_vq(tokens, (${tsquery})) AND created_at IS NOT NULL
             AND (search_day(created_at))[1] BETWEEN (${oldest}) AND (${newest}) AND (${sql.join(arms, sql` OR `)})
             AND NOT ${every} AND ${wide}
           ${newestFirst})
          UNION ALL
          (${matches} AND ${every}
           ${newestFirst})
        ) branches
      ) newest`;
}
