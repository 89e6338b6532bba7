import type { Kysely } from 'kysely';

// Frozen in time: see 0001. The repeat-caller check at intake asks for one caller's recent cases
// ("same blind index, last 90 days, newest first"); this index answers it without reading the
// caller's whole history, however often they have called.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('cases_caller_bidx_created').on('cases').columns(['caller_phone_bidx', 'created_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('cases_caller_bidx_created').execute();
}
