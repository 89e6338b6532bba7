import type { Kysely } from 'kysely';
import { columnTypes } from './column-types.js';

// Frozen in time: see 0001. In-app notifications (issue 12 §4, ADR 0025): one row per recipient,
// written in the transaction of the case event or staff message that causes it. No text of the
// appeal and nothing of the caller: a kind and a case, which the reader opens under the case's
// own access rules. The index serves the bell: a user's unread count and newest first.
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  await db.schema
    .createTable('notifications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('jurisdiction_id', 'text', (c) => c.notNull().references('jurisdictions.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('case_id', 'text', (c) => c.references('cases.id'))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('read_at', t.timestamp)
    .execute();
  await db.schema.createIndex('notifications_user_idx').on('notifications').columns(['user_id', 'read_at', 'created_at']).execute();
  await db.schema.createIndex('notifications_user_created_idx').on('notifications').columns(['user_id', 'created_at']).execute();
  // Deleting a case (tests, retention) must find its notifications without a scan.
  await db.schema.createIndex('notifications_case_idx').on('notifications').column('case_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('notifications').execute();
}
