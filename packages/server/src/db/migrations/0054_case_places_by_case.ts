import type { Kysely } from 'kysely';

// Frozen in time: see 0001. A merged case leaves the place index (ADR 0050): it can be neither
// attached to nor merged into, and in a surge the hundreds merged into one parent made every later
// appeal at that building read past them. Its rows are found by case.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('case_places_case_idx').on('case_places').column('case_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('case_places_case_idx').execute();
}
