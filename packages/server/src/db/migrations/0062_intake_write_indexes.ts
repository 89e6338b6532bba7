import { PostgresAdapter, type Kysely } from 'kysely';

// Frozen in time: see 0001. What unattended intake reads per merge (ADR 0063, issue 13 §2): a
// merge recounts the parent's distinct callers over its family (the contacts of the case and of
// the cases merged into it): one row of cases per child for its id, one row of contacts per
// contact for its caller, each on a page of its own once the tables outgrow SQLite's cache. The
// family's indexes now carry both (cases_parent + id, contacts_case + caller), so the count reads
// the two indexes only; every look-up by parent or by case still finds its column first.
// SQLite only: PostgreSQL reads a fresh row's visibility from the table anyway (an index-only
// scan needs the visibility map), so the wider entries cost its inserts and saved nothing there
// (measured side by side, docs/benchmarks.md).
const skip = (db: Kysely<any>): boolean => db.getExecutor().adapter instanceof PostgresAdapter;
export async function up(db: Kysely<any>): Promise<void> {
  if (skip(db)) return;
  await db.schema.createIndex('cases_parent_id').on('cases').columns(['parent_id', 'id']).execute();
  await db.schema.dropIndex('cases_parent').execute();
  await db.schema.createIndex('contacts_case_caller').on('contacts').columns(['case_id', 'caller_phone_bidx']).execute();
  await db.schema.dropIndex('contacts_case').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  if (skip(db)) return;
  await db.schema.createIndex('contacts_case').on('contacts').column('case_id').execute();
  await db.schema.dropIndex('contacts_case_caller').execute();
  await db.schema.createIndex('cases_parent').on('cases').column('parent_id').execute();
  await db.schema.dropIndex('cases_parent_id').execute();
}
