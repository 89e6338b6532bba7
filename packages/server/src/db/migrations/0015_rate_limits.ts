import type { Kysely } from 'kysely';
import { columnTypes } from './column-types.js';

// Frozen in time: see 0001. Rate limits counted in the database, so every server process shares
// them (ADR 0007): one row per (scope, key, window), incremented by a single atomic upsert. Keys
// are keyed hashes (a phone number or an address never sits here in clear). `expires_at` lets a
// cheap sweep delete windows that are over.
//
// An SMS sender over their limit is held, not dropped: the message waits in `inbound_sms` with
// outcome `held`, its sender and text sealed, until an operator processes or dismisses it.
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  await db.schema
    .createTable('rate_counters')
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('window_start', t.timestamp, (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addColumn('expires_at', t.timestamp, (c) => c.notNull())
    .addPrimaryKeyConstraint('rate_counters_pk', ['scope', 'key', 'window_start'])
    .execute();
  await db.schema.createIndex('rate_counters_expires_idx').on('rate_counters').column('expires_at').execute();

  await db.schema.alterTable('inbound_sms').addColumn('sender_enc', 'text').execute();
  await db.schema.alterTable('inbound_sms').addColumn('text_enc', 'text').execute();
  await db.schema.alterTable('inbound_sms').addColumn('settled_at', t.timestamp).execute();
  await db.schema.alterTable('inbound_sms').addColumn('settled_by', 'text', (c) => c.references('users.id')).execute();
  await db.schema.createIndex('inbound_sms_outcome_idx').on('inbound_sms').columns(['jurisdiction_id', 'outcome', 'created_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('inbound_sms_outcome_idx').execute();
  for (const column of ['settled_by', 'settled_at', 'text_enc', 'sender_enc']) {
    await db.schema.alterTable('inbound_sms').dropColumn(column).execute();
  }
  await db.schema.dropTable('rate_counters').execute();
}
