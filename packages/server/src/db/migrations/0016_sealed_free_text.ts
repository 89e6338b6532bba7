import type { Kysely } from 'kysely';

// Frozen in time: see 0001. An appeal's text is personal data (phone and ID numbers, and on
// SMS-only lines name and address, are written into it): the original is sealed in
// `content_enc` and `content` keeps a redacted copy for lists, search and training. Rows written
// before this migration have no sealed copy; the server seals and redacts them at start-up
// (ADR 0009). A contact attached automatically to another case gets a tracking code of its own,
// stored as a hash, so the sender never learns that case's number.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('cases').addColumn('content_enc', 'text').execute();
  await db.schema.alterTable('contacts').addColumn('content_enc', 'text').execute();
  await db.schema.alterTable('contacts').addColumn('tracking_code_hash', 'text').execute();
  await db.schema.createIndex('contacts_tracking_code_hash').unique().on('contacts').column('tracking_code_hash').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('contacts_tracking_code_hash').execute();
  await db.schema.alterTable('contacts').dropColumn('tracking_code_hash').execute();
  await db.schema.alterTable('contacts').dropColumn('content_enc').execute();
  await db.schema.alterTable('cases').dropColumn('content_enc').execute();
}
