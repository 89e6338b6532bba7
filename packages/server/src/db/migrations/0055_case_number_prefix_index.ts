import { PostgresAdapter, sql, type Kysely } from 'kysely';

// Frozen in time: see 0001. The case list's case-number prefix (an operator types 20261205-) is
// read as a range of the number's bytes (ADR 0051). SQLite's unique (jurisdiction_id, case_number)
// index is in byte order already (BINARY). PostgreSQL's is in the database's collation, which a
// linguistic locale makes skip the hyphen, so the query says COLLATE "C" and needs this index.
export async function up(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  await sql`CREATE INDEX cases_number_bytes ON cases (jurisdiction_id, case_number COLLATE "C")`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  await db.schema.dropIndex('cases_number_bytes').execute();
}
