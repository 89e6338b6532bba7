import type { Kysely } from 'kysely';

// Frozen in time: see 0001. The distinct callers of a case and of the cases merged into it, and
// their confirmed vulnerability flags, as its priority last read them (ADR 0076): a merge of one
// more report adds one caller or none, instead of re-reading a family that grows with every
// report of a surge. Null until a full read stores them (every case opened before this
// migration); no backfill: the first merge or recompute that needs them reads the family once.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('cases').addColumn('family_callers', 'integer').execute();
  await db.schema.alterTable('cases').addColumn('family_flags', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('cases').dropColumn('family_flags').execute();
  await db.schema.alterTable('cases').dropColumn('family_callers').execute();
}
