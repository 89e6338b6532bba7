import { PostgresAdapter, sql, type Kysely } from 'kysely';

// Frozen in time: see 0001. PostgreSQL's case search reaches back hundreds of days for a rare
// phrase (ADR 0070), and the day keys of the search index (0057) list every document of their day:
// a 475-day window of 学院路 高空抛物 at 10 M density read ~5 M day entries for ~2,000 matches. A
// second GIN index holds each token suffixed with its case's 32-day bucket ('学院@634'), so a wide
// window reads only the query's tokens in those buckets (ADR 0070, amendment).
//
// An expression index: every write of search_documents (intake, re-indexing, the city generator's
// COPY) fills it by itself, from the same row. The bucket is computed without search_day() so the
// index does not depend on the search_path of whoever writes. Writes wait for the build (SHARE lock
// of CREATE INDEX), as for 0057.
//
// SQLite: nothing (FTS5 walks a phrase's matches newest first and stops at the cap).
export async function up(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  await sql`CREATE FUNCTION search_bucket_tokens(tokens tsvector, at timestamptz) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT array(SELECT l || '@' || (floor(extract(epoch FROM at - timestamptz '1970-01-01 00:00:00+00') / 86400)::integer / 32)
      FROM unnest(tsvector_to_array(tokens)) l) $$`.execute(db);
  // Undated documents (articles, cases indexed before their row) have no bucket: NULL, not indexed keys.
  await sql`CREATE INDEX search_documents_bucket_tokens ON search_documents
    USING gin (search_bucket_tokens(tokens, created_at)) WHERE created_at IS NOT NULL`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  await sql`DROP INDEX search_documents_bucket_tokens`.execute(db);
  await sql`DROP FUNCTION search_bucket_tokens(tsvector, timestamptz)`.execute(db);
}
