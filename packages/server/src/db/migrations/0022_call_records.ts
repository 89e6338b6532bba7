import type { Kysely } from 'kysely';
import { columnTypes } from './column-types.js';

// Frozen in time: see 0001. Telephony (issue 10, ADR 0017):
// - `cti_tokens`: one per phone system, stored as a SHA-256 hash like api_tokens;
// - `call_records`: one row per call, whatever told us of it (CTI events or an imported CDR),
//   unique per jurisdiction × source × the phone system's own id (call_id / uniqueid); the
//   folded state of its events, so the cold-line monitor, callbacks and screen-pop read one row;
// - `call_events`: the events of a CTI call, one per kind (the primary key is the idempotency
//   key: a repeated delivery inserts nothing), kept even when they do not change the outcome;
// - `blocked_numbers`: callers a newCall answers with reject, sealed with the blind index.
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  await db.schema
    .createTable('cti_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('jurisdiction_id', 'text', (c) => c.notNull().references('jurisdictions.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('prefix', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('last_used_at', t.timestamp)
    .addColumn('revoked_at', t.timestamp)
    .execute();

  await db.schema
    .createTable('call_records')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('jurisdiction_id', 'text', (c) => c.notNull().references('jurisdictions.id'))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('external_id', 'text', (c) => c.notNull())
    .addColumn('cti_token_id', 'text', (c) => c.references('cti_tokens.id'))
    .addColumn('direction', 'text', (c) => c.notNull())
    .addColumn('line_id', 'text', (c) => c.references('lines.id'))
    .addColumn('line_number', 'text', (c) => c.notNull())
    .addColumn('caller_enc', 'text')
    .addColumn('caller_bidx', 'text')
    .addColumn('queue', 'text')
    .addColumn('offered_at', t.timestamp, (c) => c.notNull())
    .addColumn('answered_at', t.timestamp)
    .addColumn('ended_at', t.timestamp)
    .addColumn('wait_seconds', 'integer')
    .addColumn('talk_seconds', 'integer')
    .addColumn('outcome', 'text')
    .addColumn('late_answer', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('answered_by_user_id', 'text', (c) => c.references('users.id'))
    .addColumn('answered_by', 'text')
    .addColumn('cause', 'text')
    .addColumn('case_id', 'text', (c) => c.references('cases.id'))
    .addColumn('contact_id', 'text', (c) => c.references('contacts.id'))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addUniqueConstraint('call_records_external_uq', ['jurisdiction_id', 'source', 'external_id'])
    .execute();
  // Per line over a period (the monitor), per caller (history), per jurisdiction (admin lists).
  await db.schema.createIndex('call_records_line_idx').on('call_records').columns(['line_id', 'offered_at']).execute();
  await db.schema.createIndex('call_records_caller_idx').on('call_records').columns(['caller_bidx', 'offered_at']).execute();
  await db.schema.createIndex('call_records_offered_idx').on('call_records').columns(['jurisdiction_id', 'offered_at']).execute();

  await db.schema
    .createTable('call_events')
    .addColumn('call_id', 'text', (c) => c.notNull().references('call_records.id'))
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('received_at', t.timestamp, (c) => c.notNull())
    .addColumn('cause', 'text')
    .addColumn('users', 'text')
    .addColumn('answering_number', 'text')
    .addColumn('action', 'text')
    .addPrimaryKeyConstraint('call_events_pk', ['call_id', 'event'])
    .execute();

  await db.schema
    .createTable('blocked_numbers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('jurisdiction_id', 'text', (c) => c.notNull().references('jurisdictions.id'))
    .addColumn('number_enc', 'text', (c) => c.notNull())
    .addColumn('number_bidx', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addUniqueConstraint('blocked_numbers_uq', ['jurisdiction_id', 'number_bidx'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('blocked_numbers').execute();
  await db.schema.dropTable('call_events').execute();
  await db.schema.dropTable('call_records').execute();
  await db.schema.dropTable('cti_tokens').execute();
}
