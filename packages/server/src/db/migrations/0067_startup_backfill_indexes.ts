import { PostgresAdapter, sql, type Kysely } from 'kysely';

// Frozen in time: see 0001. Every start-up asks for the rows an earlier version left behind:
// texts stored in clear (sealLegacyTexts, ADR 0009) and sealed names without their blind index
// (indexLegacyCallerNames, ADR 0027). Without an index those questions walked every case and
// every contact in id order, a random read of the whole table: at 10 M cases the server spent
// over a minute reading ~40 GB before it answered /healthz, and left the OS cache full of pages
// nobody asked for (docs/benchmarks.md, issue 10 §2). These partial indexes hold only the rows
// still to do, so once they are done the questions read an empty index; a row written sealed
// and indexed never enters them.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('cases_unsealed').on('cases').column('id').where(sql.ref('content_enc'), 'is', null).execute();
  await db.schema.createIndex('contacts_unsealed').on('contacts').column('id').where(sql.ref('content_enc'), 'is', null).execute();
  // On SQLite (bidx, id), though bidx is always null here: the question says
  // `caller_name_bidx IS NULL`, which SQLite's planner treats as an equality and takes to the
  // name index's own null entries (every case without a name) unless an index led by that column
  // also gives the id order. PostgreSQL does not order by id after an IS NULL prefix: (id).
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .createIndex('cases_name_unindexed')
    .on('cases')
    .columns(postgres ? ['id'] : ['caller_name_bidx', 'id'])
    .where(sql.ref('caller_name_enc'), 'is not', null)
    .where(sql.ref('caller_name_bidx'), 'is', null)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('cases_name_unindexed').execute();
  await db.schema.dropIndex('contacts_unsealed').execute();
  await db.schema.dropIndex('cases_unsealed').execute();
}
