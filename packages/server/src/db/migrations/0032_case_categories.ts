import { sql, type CreateTableBuilder, type Kysely } from 'kysely';
import { columnTypes } from './column-types.js';

// Frozen in time: see 0001. The case category tree (诉求分类, issue 12 §6, ADR 0026):
// - `case_categories`: one row per category of a jurisdiction, at most three levels (core's
//   tree rules, enforced by the service). No path column: a tree is a few hundred rows, read
//   whole, so a move is one update. `code` is stable (Open311's service_code) and unique per
//   jurisdiction; `keywords` is a JSON array of words for the intake suggestion; a retired
//   category keeps its row (cases and figures still name it) but is no longer offered.
// - `cases.category_id`: nullable, cases from before have none.
// - `stat_case_cells.category_id`: the case's category copied into its figures' cells, so figures
//   by category need no join with cases;
// - `stat_category_daily`: the case cells summed per jurisdiction × day × leaf category ('' for
//   none), kept by the figures job like stat_scope_daily: the whole jurisdiction's figures by
//   category read ~150 rows a day instead of every cell (ADR 0026); a subtree's read the cells,
//   by the new (jurisdiction, unit, day) index.
const COUNTS = [
  'dispatched', 'returns', 'response_due', 'responded_on_time', 'visits', 'solved', 'satisfied', 'overdue', 'contacts', 'direct_resolved',
  'closures', 'closed_on_time', 'reopened', 'overdue_days', 'extensions', 'supervision_notices', 'arbitrations',
];

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
  await db.schema.createIndex('stat_case_cells_unit_day_idx').on('stat_case_cells').columns(['jurisdiction_id', 'unit_id', 'day']).execute();

  let table: CreateTableBuilder<string, string> = db.schema.createTable('stat_category_daily');
  for (const key of ['jurisdiction_id', 'day', 'category_id']) table = table.addColumn(key, 'text', (c) => c.notNull());
  for (const count of COUNTS) table = table.addColumn(count, 'integer', (c) => c.notNull().defaultTo(0));
  await table.addPrimaryKeyConstraint('stat_category_daily_pk', ['jurisdiction_id', 'day', 'category_id']).execute();
  // Existing figures: no case has a category yet, so every cell sums into ''.
  const columns = sql.join(COUNTS.map((c) => sql.ref(c)));
  const sums = sql.join(COUNTS.map((c) => sql`sum(${sql.ref(c)})`));
  await sql`INSERT INTO stat_category_daily (jurisdiction_id, day, category_id, ${columns})
    SELECT jurisdiction_id, day, '', ${sums} FROM stat_case_cells GROUP BY jurisdiction_id, day`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('stat_category_daily').execute();
  await db.schema.dropIndex('stat_case_cells_unit_day_idx').execute();
  await db.schema.alterTable('stat_case_cells').dropColumn('category_id').execute();
  await db.schema.dropIndex('cases_category_idx').execute();
  await db.schema.alterTable('cases').dropColumn('category_id').execute();
  await db.schema.dropTable('case_categories').execute();
}
