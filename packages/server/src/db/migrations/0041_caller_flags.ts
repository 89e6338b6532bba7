import { sql, type Kysely } from 'kysely';
import { columnTypes } from './column-types.js';

// Frozen in time: see 0001. Caller flags (issue 12 §3, DESIGN §7, ADR 0036): a frequent or
// abusive caller's number, flagged by the worker or by staff, reviewed by a supervisor. The
// number is held like every caller number: sealed, with the keyed blind index to find it.
// At most one flag of each kind is in force per number (the partial unique index), so two
// workers raising the same frequent flag at once leave one row.
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  await db.schema
    .createTable('caller_flags')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('jurisdiction_id', 'text', (c) => c.notNull().references('jurisdictions.id'))
    .addColumn('caller_phone_bidx', 'text', (c) => c.notNull())
    .addColumn('caller_phone_enc', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('note', 'text')
    .addColumn('note_enc', 'text')
    .addColumn('contacts_at_raise', 'integer')
    .addColumn('raised_by_user_id', 'text', (c) => c.references('users.id'))
    .addColumn('raised_at', t.timestamp, (c) => c.notNull())
    .addColumn('reviewed_by_user_id', 'text', (c) => c.references('users.id'))
    .addColumn('reviewed_at', t.timestamp)
    .addColumn('review_decision', 'text')
    .addColumn('review_note', 'text')
    .addColumn('cleared_at', t.timestamp)
    .execute();
  await db.schema
    .createIndex('caller_flags_active_uq')
    .on('caller_flags')
    .columns(['jurisdiction_id', 'caller_phone_bidx', 'kind'])
    .unique()
    .where(sql.ref('status'), '=', 'active')
    .execute();
  await db.schema.createIndex('caller_flags_list_idx').on('caller_flags').columns(['jurisdiction_id', 'status', 'raised_at']).execute();
  await db.schema.createIndex('caller_flags_bidx_idx').on('caller_flags').columns(['caller_phone_bidx', 'kind', 'cleared_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('caller_flags').execute();
}
