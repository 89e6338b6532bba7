import { PostgresAdapter, sql, type Kysely } from 'kysely';

// Frozen in time: see 0001. PostgreSQL's search index learns when each case was opened (issue 13
// §3, ADR 0040's second amendment), so a case search reads the newest days first: the GIN index
// holds the day beside the tokens, and one GIN scan ANDs a phrase with "these days" by skipping
// through both posting lists, instead of reading every match of a common word in the city.
//
// The table is rewritten, not updated: an UPDATE of every row would leave the old versions behind
// and insert every document's ~40 tokens into the GIN index again, one row at a time; a copy and
// one index build is the bulk path (the city generator's). Writes wait for it (SHARE lock).
//
// SQLite: nothing. FTS5 already walks a phrase's matches by rowid downwards (rowids grow with
// indexing, so newest first) and stops at the cap; a created_at column there could only be an
// UNINDEXED one, read per match, and rebuilding the FTS5 table re-tokenizes every document.
export async function up(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  await sql`LOCK TABLE search_documents IN SHARE MODE`.execute(db);
  // Days since 1970 (UTC), as a one-element array so GIN's array operator class indexes it.
  // Interval arithmetic keeps every step immutable (extract from a timestamptz is only stable).
  await sql`CREATE FUNCTION search_day(at timestamptz) RETURNS integer[] LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT ARRAY[floor(extract(epoch FROM at - timestamptz '1970-01-01 00:00:00+00') / 86400)::integer] $$`.execute(db);
  await sql`CREATE TABLE search_documents_0057 (
    doc_type text NOT NULL, doc_id text NOT NULL, jurisdiction_id text NOT NULL, tokens tsvector NOT NULL, created_at timestamptz)`.execute(db);
  // Articles keep NULL: they are few and always ranked whole.
  await sql`INSERT INTO search_documents_0057 (doc_type, doc_id, jurisdiction_id, tokens, created_at)
    SELECT s.doc_type, s.doc_id, s.jurisdiction_id, s.tokens, c.created_at FROM search_documents s
      LEFT JOIN cases c ON s.doc_type = 'case' AND c.id = s.doc_id AND c.jurisdiction_id = s.jurisdiction_id`.execute(db);
  await sql`DROP TABLE search_documents`.execute(db);
  await sql`ALTER TABLE search_documents_0057 RENAME TO search_documents`.execute(db);
  await sql`ALTER TABLE search_documents ADD CONSTRAINT search_documents_pk PRIMARY KEY (doc_type, doc_id)`.execute(db);
  await sql`CREATE INDEX search_documents_tokens ON search_documents USING gin (tokens, search_day(created_at))`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  await sql`DROP INDEX search_documents_tokens`.execute(db);
  await sql`ALTER TABLE search_documents DROP COLUMN created_at`.execute(db);
  await sql`DROP FUNCTION search_day(timestamptz)`.execute(db);
  await sql`CREATE INDEX search_documents_tokens ON search_documents USING gin (tokens)`.execute(db);
}
