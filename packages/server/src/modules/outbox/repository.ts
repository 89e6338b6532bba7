import type { Insertable, Kysely, Transaction } from 'kysely';
import type { DB, OutboxRow, OutboxTable } from '../../db/schema.js';

type Db = Kysely<DB> | Transaction<DB>;

export async function insertMessage(db: Db, row: Insertable<OutboxTable>): Promise<void> {
  await db.insertInto('outbox').values(row).execute();
}

/**
 * Candidates only: a worker must still win the claim below before sending. One jurisdiction per
 * call: one partition when partitioned (ADR 0033); the worker loops over jurisdictions.
 */
export async function findDueIds(db: Db, options: { jurisdictionId: string; now: string; limit: number }): Promise<string[]> {
  const { now } = options;
  const rows = await db
    .selectFrom('outbox')
    .select('id')
    .where('jurisdiction_id', '=', options.jurisdictionId)
    .where((eb) =>
      eb.or([
        eb.and([eb('status', '=', 'pending'), eb('next_attempt_at', '<=', now)]),
        // A worker that died mid-send leaves its claim to expire; the message is then due again.
        eb.and([eb('status', '=', 'sending'), eb('claimed_until', '<', now)]),
      ]),
    )
    .orderBy('next_attempt_at')
    .limit(options.limit)
    .execute();
  return rows.map((r) => r.id);
}

/**
 * Conditional UPDATE claim: of several workers racing for one row exactly one sees an updated
 * row count of 1. Works the same on SQLite and PostgreSQL (no SKIP LOCKED needed).
 */
export async function claimMessage(
  db: Db,
  options: { jurisdictionId: string; id: string; workerId: string; now: string; claimUntil: string },
): Promise<OutboxRow | undefined> {
  const result = await db
    .updateTable('outbox')
    .set((eb) => ({
      status: 'sending',
      claimed_by: options.workerId,
      claimed_until: options.claimUntil,
      attempts: eb('attempts', '+', 1),
    }))
    .where('jurisdiction_id', '=', options.jurisdictionId)
    .where('id', '=', options.id)
    .where((eb) =>
      eb.or([
        eb.and([eb('status', '=', 'pending'), eb('next_attempt_at', '<=', options.now)]),
        eb.and([eb('status', '=', 'sending'), eb('claimed_until', '<', options.now)]),
      ]),
    )
    .executeTakeFirst();
  if (result.numUpdatedRows !== 1n) return undefined;
  return db.selectFrom('outbox').selectAll().where('jurisdiction_id', '=', options.jurisdictionId).where('id', '=', options.id).executeTakeFirst();
}

/** Only the current claimant may settle a message (a fence against a worker whose claim expired). */
export async function settleMessage(
  db: Db,
  options: { jurisdictionId: string; id: string; workerId: string; set: Partial<Pick<OutboxRow, 'status' | 'next_attempt_at' | 'last_error' | 'provider' | 'provider_message_id' | 'sent_at'>> },
): Promise<boolean> {
  const result = await db
    .updateTable('outbox')
    .set({ ...options.set, claimed_by: null, claimed_until: null })
    .where('jurisdiction_id', '=', options.jurisdictionId)
    .where('id', '=', options.id)
    .where('claimed_by', '=', options.workerId)
    .where('status', '=', 'sending')
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

export async function listMessages(
  db: Db,
  options: { jurisdictionId: string; status: OutboxRow['status'] | undefined; limit: number; offset: number },
): Promise<{ rows: OutboxRow[]; total: number }> {
  let query = db.selectFrom('outbox').where('jurisdiction_id', '=', options.jurisdictionId);
  if (options.status) query = query.where('status', '=', options.status);
  const [rows, count] = await Promise.all([
    query.selectAll().orderBy('created_at', 'desc').orderBy('id').limit(options.limit).offset(options.offset).execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}
