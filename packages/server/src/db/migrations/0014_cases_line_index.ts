import type { Kysely } from 'kysely';

// Frozen in time: see 0001. An official sees the cases on the lines they own wherever those were
// dispatched; without this index that part of their case list read every case.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('cases_line').on('cases').column('line_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('cases_line').execute();
}
