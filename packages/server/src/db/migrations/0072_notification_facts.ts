import type { Kysely } from 'kysely';

// Frozen in time: see 0001. A notification about no case (a cold line, a callback waiting) had
// nothing to say: a kind and no case reads as an empty "staff message". Such notices now carry
// their facts as JSON (core notifications/notices.ts: figures, the line, a masked caller, the
// deadline), which the console words in the reader's language. NULL for a case's notification:
// the case is its message. Rows written before keep NULL.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('notifications').addColumn('facts', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('notifications').dropColumn('facts').execute();
}
