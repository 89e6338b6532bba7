import { sql, type Kysely } from 'kysely';

// Frozen in time: see 0001. Lists sort and filter by the deadlines still running; only a few
// of all deadline rows ever are (met and superseded ones pile up), so a partial index keeps
// those queries proportional to the live work, not to history.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('case_deadlines_active_case')
    .on('case_deadlines')
    .columns(['case_id', 'due_at'])
    .where(sql.ref('met_at'), 'is', null)
    .where(sql.ref('cancelled_at'), 'is', null)
    .execute();
  await db.schema
    .createIndex('case_deadlines_active_due')
    .on('case_deadlines')
    .columns(['due_at', 'case_id'])
    .where(sql.ref('met_at'), 'is', null)
    .where(sql.ref('cancelled_at'), 'is', null)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('case_deadlines_active_due').execute();
  await db.schema.dropIndex('case_deadlines_active_case').execute();
}
