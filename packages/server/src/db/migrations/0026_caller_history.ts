import type { Kysely } from 'kysely';

// Frozen in time: see 0001. The caller history (screen-pop, issue 10 §2) asks for one caller's
// latest contacts and counts those of the last 30 days; with the time in the index both are an
// index range read newest first, however often the caller has called. It replaces the
// single-column index, whose lookups (a caller's cases by repeat contact) the prefix serves.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('contacts_caller_bidx_received').on('contacts').columns(['caller_phone_bidx', 'received_at']).execute();
  await db.schema.dropIndex('contacts_caller_bidx').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('contacts_caller_bidx').on('contacts').column('caller_phone_bidx').execute();
  await db.schema.dropIndex('contacts_caller_bidx_received').execute();
}
