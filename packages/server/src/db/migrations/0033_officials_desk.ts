import { sql, type Kysely } from 'kysely';
import { columnTypes } from './column-types.js';

// Frozen in time: see 0001. The official's desk and the operators' search (issue 12 §2–3, ADR 0027):
// - `case_instructions`: an official's instruction (批示) on a case and the lead unit's answer,
//   one row each, answered in place (the case's events keep the history);
// - `case_followers`: who follows (关注) a case, to be told of each step;
// - `cases.caller_name_bidx`: the keyed blind index of the caller's normalised full name, so an
//   operator finds a caller by exact name without decrypting every row (filled at start-up for
//   older rows, like the sealing of 0016).
// Both tables go with their case (ON DELETE CASCADE): they are the case's own record, and tests
// and tools that delete cases should not have to know about them.
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  await db.schema
    .createTable('case_instructions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('jurisdiction_id', 'text', (c) => c.notNull().references('jurisdictions.id'))
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id').onDelete('cascade'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('org_units.id'))
    .addColumn('author_user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('answered_at', t.timestamp)
    .addColumn('answered_by', 'text', (c) => c.references('users.id'))
    .addColumn('answer_text', 'text')
    .execute();
  await db.schema.createIndex('case_instructions_case_idx').on('case_instructions').columns(['case_id', 'created_at']).execute();
  // The handler's "instructions awaiting our answer": open ones only, by unit.
  await db.schema
    .createIndex('case_instructions_open_idx')
    .on('case_instructions')
    .columns(['unit_id', 'case_id'])
    .where(sql.ref('answered_at'), 'is', null)
    .execute();

  await db.schema
    .createTable('case_followers')
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addPrimaryKeyConstraint('case_followers_pk', ['case_id', 'user_id'])
    .execute();
  await db.schema.createIndex('case_followers_user_idx').on('case_followers').columns(['user_id', 'case_id']).execute();

  await db.schema.alterTable('cases').addColumn('caller_name_bidx', 'text').execute();
  await db.schema.createIndex('cases_caller_name_bidx').on('cases').columns(['caller_name_bidx']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('cases_caller_name_bidx').execute();
  await db.schema.alterTable('cases').dropColumn('caller_name_bidx').execute();
  await db.schema.dropTable('case_followers').execute();
  await db.schema.dropTable('case_instructions').execute();
}
