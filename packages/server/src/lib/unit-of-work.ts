import { Transaction, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { AppContext } from './app-context.js';

/** An AppContext whose queries run inside one database transaction. */
export interface TxContext extends AppContext {
  db: Transaction<DB>;
}

/**
 * The one way to run a unit of work: everything `work` writes through `tx` (the change, its
 * audit entry, its events, its outbox messages) commits together or not at all. Called inside
 * another unit of work it joins it, so a use case can be composed of others without passing a
 * transaction around. On SQLite the transaction holds the only connection: inside `work`, read
 * and write through `tx.db`, never the outer `ctx.db`.
 */
export async function inTransaction<C extends Pick<AppContext, 'db'>, T>(
  ctx: C,
  work: (tx: Omit<C, 'db'> & { db: Transaction<DB> }) => Promise<T>,
): Promise<T> {
  const { db } = ctx;
  if (db instanceof Transaction) return work({ ...ctx, db });
  let opened: Transaction<DB> | undefined;
  const result = await db.transaction().execute(async (trx) => {
    opened = trx;
    unitsOfWork.add(trx);
    const out = await work({ ...ctx, db: trx });
    await runBeforeCommit(trx);
    return out;
  });
  const callbacks = opened ? afterCommit.get(opened) : undefined;
  if (opened) afterCommit.delete(opened);
  for (const callback of callbacks ?? []) callback();
  return result;
}

/** What to do once a unit of work has committed, by transaction (dropped with it on a rollback). */
const afterCommit = new WeakMap<Transaction<DB>, Array<() => void>>();

/**
 * Runs `callback` once the transaction `db` belongs to has committed, or at once outside one:
 * telling people of a change (a live event) must wait until the change is there for them to
 * read, and must not happen at all if it rolls back. Only for transactions opened by
 * inTransaction; the callback must not throw (it runs after the answer is decided).
 */
export function onCommit(db: Kysely<DB> | Transaction<DB>, callback: () => void): void {
  if (!(db instanceof Transaction)) {
    callback();
    return;
  }
  afterCommit.set(db, [...(afterCommit.get(db) ?? []), callback]);
}

/** Work left for the end of a unit of work, by transaction, grouped by key (dropped on a rollback). */
const beforeCommit = new WeakMap<Transaction<DB>, Map<string, { items: unknown[]; flush: (db: Transaction<DB>, items: unknown[]) => Promise<void> }>>();

/**
 * Adds `item` to what `flush` writes once, with every other item given under the same `key`, when
 * the outermost unit of work that `db` belongs to has done its work, just before it commits (inside
 * the transaction: if the flush fails, everything rolls back). For writes whose cost is per
 * statement more than per row: SQLite's full-text index writes a segment each time its pending
 * documents are flushed, and it flushes them at the next writing statement, so one document per
 * processed appeal cost a segment each (ADR 0071). Outside a unit of work, flushes at once.
 */
export async function writeBeforeCommit<T>(db: Kysely<DB> | Transaction<DB>, key: string, item: T, flush: (db: Kysely<DB> | Transaction<DB>, items: T[]) => Promise<void>): Promise<void> {
  // A transaction opened elsewhere would never run the flush: write at once there.
  if (!(db instanceof Transaction) || !unitsOfWork.has(db)) {
    await flush(db, [item]);
    return;
  }
  let pending = beforeCommit.get(db);
  if (!pending) {
    pending = new Map();
    beforeCommit.set(db, pending);
  }
  const entry = pending.get(key) ?? { items: [], flush: flush as (db: Transaction<DB>, items: unknown[]) => Promise<void> };
  entry.items.push(item);
  pending.set(key, entry);
}

/** Reads remembered for the rest of a unit of work, by transaction and key (dropped with it). */
const remembered = new WeakMap<Transaction<DB>, Map<string, Promise<unknown>>>();

/**
 * `read`s once per unit of work for `key`, and answers the rest of it from that read: for
 * settings that many steps of one unit of work need alike (the working calendar, once per appeal
 * of a drainer batch: one round trip each on PostgreSQL, issue 13 §2). Every unit of work still
 * reads afresh, so a change an admin commits is seen by the next one, as before; within one, the
 * answer is what the first step saw. A unit of work that changes what was read calls forgetReads.
 * Outside a unit of work, reads every time.
 */
export function readOncePerUnitOfWork<T>(db: Kysely<DB> | Transaction<DB>, key: string, read: () => Promise<T>): Promise<T> {
  if (!(db instanceof Transaction) || !unitsOfWork.has(db)) return read();
  let reads = remembered.get(db);
  if (!reads) {
    reads = new Map();
    remembered.set(db, reads);
  }
  const known = reads.get(key);
  if (known) return known as Promise<T>;
  const reading = read();
  reads.set(key, reading);
  return reading;
}

/** The unit of work changed what it may have read: its next reads go to the database. */
export function forgetReads(db: Kysely<DB> | Transaction<DB>): void {
  if (db instanceof Transaction) remembered.delete(db);
}

/** Transactions opened by inTransaction: those run what writeBeforeCommit left. */
const unitsOfWork = new WeakSet<Transaction<DB>>();

async function runBeforeCommit(trx: Transaction<DB>): Promise<void> {
  const pending = beforeCommit.get(trx);
  if (!pending) return;
  beforeCommit.delete(trx);
  for (const { items, flush } of pending.values()) await flush(trx, items);
}
