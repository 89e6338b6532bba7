import { PostgresAdapter, sql, type Kysely } from 'kysely';
import { columnTypes } from './column-types.js';

// Frozen in time: see 0001. Full-text search over cases and knowledge articles (bigram tokens
// made by the app; see core/search-tokens.ts), and the knowledge base itself.
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await db.schema
      .createTable('search_documents')
      .addColumn('doc_type', 'text', (c) => c.notNull())
      .addColumn('doc_id', 'text', (c) => c.notNull())
      .addColumn('jurisdiction_id', 'text', (c) => c.notNull())
      .addColumn('tokens', sql`tsvector`, (c) => c.notNull())
      .addPrimaryKeyConstraint('search_documents_pk', ['doc_type', 'doc_id'])
      .execute();
    await sql`CREATE INDEX search_documents_tokens ON search_documents USING gin (tokens)`.execute(db);
  } else {
    // unicode61 splits on the spaces between our tokens and keeps each CJK bigram whole.
    await sql`CREATE VIRTUAL TABLE search_documents USING fts5(tokens, doc_type UNINDEXED, doc_id UNINDEXED, jurisdiction_id UNINDEXED, tokenize = 'unicode61')`.execute(db);
  }

  await db.schema
    .createTable('kb_articles')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('jurisdiction_id', 'text', (c) => c.notNull().references('jurisdictions.id'))
    .addColumn('question', 'text', (c) => c.notNull())
    .addColumn('answer', 'text', (c) => c.notNull())
    .addColumn('tags', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('valid_from', t.timestamp)
    .addColumn('valid_to', t.timestamp)
    .addColumn('owner_unit_id', 'text', (c) => c.references('org_units.id'))
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('kb_articles_jurisdiction').on('kb_articles').column('jurisdiction_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('kb_articles').execute();
  await db.schema.dropTable('search_documents').execute();
}
