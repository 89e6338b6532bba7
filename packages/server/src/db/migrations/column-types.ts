import { PostgresAdapter, type ColumnDefinitionBuilder, type Kysely } from 'kysely';

/**
 * The one place where migrations differ by dialect. Frozen like the migrations that use it:
 * change behaviour by adding a new helper, never by editing these.
 */
export function columnTypes(db: Kysely<any>) {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  return {
    /** ISO-8601 UTC text in SQLite (sorts correctly as text); a real timestamptz in PostgreSQL. */
    timestamp: postgres ? 'timestamptz' : 'text',
    /** 64-bit sequence in PostgreSQL; SQLite's rowid alias is already 64-bit. */
    autoIncrement: postgres ? 'bigserial' : 'integer',
    autoIncrementPk: (c: ColumnDefinitionBuilder): ColumnDefinitionBuilder =>
      postgres ? c.primaryKey() : c.primaryKey().autoIncrement(),
  } as const;
}
