import { PostgresAdapter, sql, type Kysely } from 'kysely';

// Frozen in time: see 0001. SQLite only (ADR 0072): `public_intake.seq` was declared AUTOINCREMENT,
// so every accept commit also rewrote the table's row of sqlite_sequence: one more
// page in the log per commit, ~1 of 5 frames of a one-appeal batch (the size a batch has at 2,000
// appeals/s), for a guarantee the table does not need. AUTOINCREMENT only forbids reusing the number
// of a deleted newest row, and the purge never deletes the newest row (its number counts the appeals
// accepted, ADR 0032), so a plain rowid alias gives the same numbers: the largest plus one. SQLite
// cannot drop AUTOINCREMENT in place; the table is copied, its indexes made again. PostgreSQL's
// sequence costs no page of the table's and is left as it is.
const skip = (db: Kysely<any>): boolean => db.getExecutor().adapter instanceof PostgresAdapter;

const COLUMNS = sql.raw('seq, jurisdiction_id, tracking_code_hash, payload_enc, urgency, accepted_at, processed_at, outcome, case_id, attempts, last_error, request_id');

async function rebuild(db: Kysely<any>, seq: 'integer primary key' | 'integer primary key autoincrement'): Promise<void> {
  await sql`CREATE TABLE public_intake_copy (
    seq ${sql.raw(seq)},
    jurisdiction_id text not null references jurisdictions (id),
    tracking_code_hash text not null unique,
    payload_enc text,
    urgency text not null,
    accepted_at text not null,
    processed_at text,
    outcome text,
    case_id text,
    attempts integer default 0 not null,
    last_error text,
    request_id text
  )`.execute(db);
  await sql`INSERT INTO public_intake_copy (${COLUMNS}) SELECT ${COLUMNS} FROM public_intake ORDER BY seq`.execute(db);
  await sql`DROP TABLE public_intake`.execute(db);
  await sql`ALTER TABLE public_intake_copy RENAME TO public_intake`.execute(db);
  await db.schema.createIndex('public_intake_backlog_idx').on('public_intake').column('seq').where(sql.ref('processed_at'), 'is', null).execute();
  await db.schema.createIndex('public_intake_processed_idx').on('public_intake').column('processed_at').execute();
}

export async function up(db: Kysely<any>): Promise<void> {
  if (skip(db)) return;
  await rebuild(db, 'integer primary key');
}

export async function down(db: Kysely<any>): Promise<void> {
  if (skip(db)) return;
  // AUTOINCREMENT starts above the largest number the copy holds: nothing is reused going back.
  await rebuild(db, 'integer primary key autoincrement');
}
