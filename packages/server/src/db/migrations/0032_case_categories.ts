import type { Kysely } from 'kysely';
import { columnTypes } from './column-types.js';

// Frozen in time: see 0001. The case category tree (诉求分类, issue 12 §6, ADR 0026):
// - `case_categories`: one row per category of a jurisdiction, at most three levels (core's
//   tree rules, enforced by the service). No path column: a tree is a few hundred rows, read
//   whole, so a move is one update. `code` is stable (Open311's service_code) and unique per
//   jurisdiction; `keywords` is a JSON array of words for the intake suggestion; a retired
//   category keeps its row (cases and figures still name it) but is no longer offered.
// - `cases.category_id`: nullable, cases from before have none.
// - `stat_case_cells.category_id`: the case's category copied into its figures' cells, so figures
//   by category sum the cells without joining cases (ADR 0026 says why not a new rollup).
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  await db.schema
    .createTable('case_categories')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('jurisdiction_id', 'text', (c) => c.notNull().references('jurisdictions.id'))
    .addColumn('parent_id', 'text', (c) => c.references('case_categories.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('keywords', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('retired_at', t.timestamp)
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('case_categories_code_uq').on('case_categories').columns(['jurisdiction_id', 'code']).unique().execute();
  await db.schema.alterTable('cases').addColumn('category_id', 'text', (c) => c.references('case_categories.id')).execute();
  await db.schema.createIndex('cases_category_idx').on('cases').columns(['jurisdiction_id', 'category_id']).execute();
  await db.schema.alterTable('stat_case_cells').addColumn('category_id', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('stat_case_cells').dropColumn('category_id').execute();
  await db.schema.dropIndex('cases_category_idx').execute();
  await db.schema.alterTable('cases').dropColumn('category_id').execute();
  await db.schema.dropTable('case_categories').execute();
}
