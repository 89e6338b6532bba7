import { sql, type Kysely } from 'kysely';
import { columnTypes } from './column-types.js';

// Frozen in time: see 0001. The SMS petition line (issue 11 §1, ADR 0029):
// - `lines.accepts_voice` / `lines.accepts_sms`: which channels a line takes. Existing lines get
//   what their mode implies (DESIGN §1): SMS-only and tip lines take text messages only, direct
//   and staffed lines calls only; an admin may change either afterwards.
// - `org_units.aliases`: short names residents write (住建局 for 市住房和城乡建设局), a JSON
//   array of strings, so the petition parser can tell which unit a message is about.
// - `pending_petitions`: a petition message that lacks a required field or carries an invalid ID
//   number. It waits for follow-ups from the same number (found by the sender's blind index)
//   until it completes (a case opens), an operator completes it, or it expires. Every personal
//   field is sealed; `text` is the redacted display copy of the messages, `text_enc` the original.
// - `inbound_sms.detail`: the answer given for a petition message ({missing, invalid}), so a
//   retried delivery gets the same answer and not today's state of the petition.
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  await db.schema.alterTable('lines').addColumn('accepts_voice', 'integer', (c) => c.notNull().defaultTo(1)).execute();
  await db.schema.alterTable('lines').addColumn('accepts_sms', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await sql`UPDATE lines SET accepts_voice = 0, accepts_sms = 1 WHERE mode IN ('sms_only', 'tip')`.execute(db);

  await db.schema.alterTable('org_units').addColumn('aliases', 'text', (c) => c.notNull().defaultTo('[]')).execute();
  await db.schema.alterTable('inbound_sms').addColumn('detail', 'text').execute();

  await db.schema
    .createTable('pending_petitions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('jurisdiction_id', 'text', (c) => c.notNull().references('jurisdictions.id'))
    .addColumn('line_id', 'text', (c) => c.notNull().references('lines.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('sender_enc', 'text', (c) => c.notNull())
    .addColumn('sender_bidx', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('text_enc', 'text', (c) => c.notNull())
    .addColumn('parts', 'integer', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.references('org_units.id'))
    .addColumn('unit_matched', 'text')
    .addColumn('name_enc', 'text')
    .addColumn('address_enc', 'text')
    .addColumn('id_number_enc', 'text')
    .addColumn('demand_enc', 'text')
    .addColumn('missing', 'text', (c) => c.notNull())
    .addColumn('invalid', 'text', (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addColumn('expires_at', t.timestamp, (c) => c.notNull())
    .addColumn('case_id', 'text', (c) => c.references('cases.id'))
    .addColumn('settled_at', t.timestamp)
    .addColumn('settled_by', 'text', (c) => c.references('users.id'))
    .execute();
  // A follow-up finds its sender's waiting petition on the line; there is at most one, so two
  // first messages racing (PostgreSQL) cannot start two petitions: the second meets this index.
  await db.schema
    .createIndex('pending_petitions_sender_idx')
    .unique()
    .on('pending_petitions')
    .columns(['line_id', 'sender_bidx'])
    .where(sql.ref('status'), '=', 'pending')
    .execute();
  // The operators' list, and the expiry sweep over what is still pending.
  await db.schema.createIndex('pending_petitions_list_idx').on('pending_petitions').columns(['jurisdiction_id', 'status', 'created_at']).execute();
  await db.schema
    .createIndex('pending_petitions_expiry_idx')
    .on('pending_petitions')
    .columns(['expires_at'])
    .where(sql.ref('status'), '=', 'pending')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('pending_petitions').execute();
  await db.schema.alterTable('inbound_sms').dropColumn('detail').execute();
  await db.schema.alterTable('org_units').dropColumn('aliases').execute();
  await db.schema.alterTable('lines').dropColumn('accepts_sms').execute();
  await db.schema.alterTable('lines').dropColumn('accepts_voice').execute();
}
