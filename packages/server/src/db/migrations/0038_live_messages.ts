import type { Kysely } from 'kysely';
import { columnTypes } from './column-types.js';

// Frozen in time: see 0001. Live events between server processes (ADR 0033) travel in
// PostgreSQL NOTIFY payloads, which hold at most 8000 bytes. A larger event (a screen-pop with a
// long caller history, a notification to hundreds of people) is stored here and only its id is
// notified; every listening process reads it by id. Rows live a minute; the publisher deletes
// older ones. Created on SQLite too (one schema for both), where nothing writes to it.
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  await db.schema
    .createTable('live_messages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('live_messages_created_idx').on('live_messages').column('created_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('live_messages').execute();
}
