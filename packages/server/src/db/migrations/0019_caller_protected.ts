import { sql, type Kysely } from 'kysely';

// Frozen in time: see 0001. Whether a case's caller is a protected tip-line reporter (ADR 0006)
// becomes a property of the case, fixed when it is opened: read from the line at intake, never
// from the line's current mode, so an admin changing a line's mode cannot expose the reporters
// it already has. Existing cases on tip lines are marked, and the masked numbers of messages
// already queued to those reporters are blanked on the admin outbox page.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('cases').addColumn('caller_protected', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await sql`UPDATE cases SET caller_protected = 1 WHERE line_id IN (SELECT id FROM lines WHERE mode = 'tip')`.execute(db);
  await sql`UPDATE outbox SET recipient_hint = '******'
    WHERE channel = 'sms' AND case_id IN (SELECT id FROM cases WHERE caller_protected = 1)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('cases').dropColumn('caller_protected').execute();
}
