import { sql, type Kysely } from 'kysely';
import { columnTypes } from './column-types.js';

// Frozen in time: see 0001. Durable intake of public web appeals (issue 13, ADR 0032): the
// request writes one row here (group-committed) and is answered with its tracking code; the
// drainer turns rows into cases behind it. `seq` is the order of acceptance. The appeal itself
// is sealed in `payload_enc` until processed, then cleared: the case holds it from then on.
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  await db.schema
    .createTable('public_intake')
    .addColumn('seq', t.autoIncrement, t.autoIncrementPk)
    .addColumn('jurisdiction_id', 'text', (c) => c.notNull().references('jurisdictions.id'))
    .addColumn('tracking_code_hash', 'text', (c) => c.notNull().unique())
    .addColumn('payload_enc', 'text')
    .addColumn('urgency', 'text', (c) => c.notNull())
    .addColumn('accepted_at', t.timestamp, (c) => c.notNull())
    .addColumn('processed_at', t.timestamp)
    .addColumn('outcome', 'text')
    .addColumn('case_id', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .execute();
  // The backlog, in order: the drainer's claim and the backlog count read only unprocessed rows.
  await db.schema.createIndex('public_intake_backlog_idx').on('public_intake').column('seq').where(sql.ref('processed_at'), 'is', null).execute();
  // "Processed in the last hour" on the admin page.
  await db.schema.createIndex('public_intake_processed_idx').on('public_intake').column('processed_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('public_intake').execute();
}
