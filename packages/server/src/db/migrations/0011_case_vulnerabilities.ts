import type { Kysely } from 'kysely';

// Frozen in time: see 0001. The vulnerability flags (core/priority) an operator confirmed for a
// case, one row per flag. A table rather than a JSON text column on `cases`, because:
// - the priority of a parent case needs the flags of the cases merged into it, which is one
//   plain `SELECT DISTINCT flag … WHERE case_id IN (…)` on both dialects, where a JSON column
//   needs json_each (SQLite) or jsonb functions (PostgreSQL) or parsing every child in the app;
// - the primary key makes "a flag at most once per case" true by construction;
// - it has the shape of `case_co_units` (0003), so it is read and replaced the same way, and a
//   queue filter by flag later is an indexed join rather than a text search.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('case_vulnerabilities')
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('flag', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('case_vulnerabilities_pk', ['case_id', 'flag'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('case_vulnerabilities').execute();
}
