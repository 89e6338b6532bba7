import type { Kysely } from 'kysely';
import { columnTypes } from './column-types.js';

// Frozen in time: see 0001. Messages an SMS gateway delivered to the inbound webhook, by the
// gateway's own message id: a retried delivery finds its row and is not taken twice. The row is
// written in the transaction that records the contact, so it exists exactly when the contact does.
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  await db.schema
    .createTable('inbound_sms')
    .addColumn('message_id', 'text', (c) => c.primaryKey())
    .addColumn('jurisdiction_id', 'text', (c) => c.notNull().references('jurisdictions.id'))
    .addColumn('line_id', 'text', (c) => c.notNull().references('lines.id'))
    .addColumn('case_id', 'text', (c) => c.references('cases.id'))
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('gateway_received_at', t.timestamp)
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('inbound_sms').execute();
}
