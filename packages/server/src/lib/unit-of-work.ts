import { PostgresAdapter, Transaction, type Kysely } from 'kysely';
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
    try {
      const out = await work({ ...ctx, db: trx });
      await waitForWritesBehind(trx);
      await runBeforeCommit(trx);
      await waitForWritesBehind(trx);
      return out;
    } catch (error) {
      // A write sent behind failed first: what failed after it (on PostgreSQL, "current
      // transaction is aborted") is its consequence, so the unit of work fails with its error.
      await waitForWritesBehind(trx).catch(() => undefined);
      throw behind.get(trx)?.failure?.error ?? error;
    }
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

/** State kept for the rest of a unit of work, by transaction and key (dropped with it). */
const kept = new WeakMap<Transaction<DB>, Map<string, unknown>>();

/**
 * The state a use case keeps under `key` for the rest of the unit of work `db` belongs to, made by
 * `create` the first time: what the unit of work has taken so far and must write before it commits
 * (the case numbers it drew, cases/repository.ts). Unlike readOncePerUnitOfWork it is never
 * forgotten within the unit of work, and a rollback drops it. Outside a unit of work: undefined,
 * and the caller does its work at once.
 */
export function unitOfWorkState<T>(db: Kysely<DB> | Transaction<DB>, key: string, create: () => T): T | undefined {
  if (!(db instanceof Transaction) || !unitsOfWork.has(db)) return undefined;
  let states = kept.get(db);
  if (!states) {
    states = new Map();
    kept.set(db, states);
  }
  if (!states.has(key)) states.set(key, create());
  return states.get(key) as T;
}

/** The state kept under `key` in the unit of work `db` belongs to, if something made it (unitOfWorkState). */
export function existingUnitOfWorkState<T>(db: Kysely<DB> | Transaction<DB>, key: string): T | undefined {
  return db instanceof Transaction ? (kept.get(db)?.get(key) as T | undefined) : undefined;
}

/** Writes sent and not yet waited for, by transaction, and the first of them that failed. */
const behind = new WeakMap<Transaction<DB>, { pending: Array<Promise<void>>; failure: { error: unknown } | undefined }>();

/**
 * Sends `write` (statements whose result the use case does not need) and goes on without waiting
 * for it. The transaction has one connection, which runs statements in the order they are sent
 * (Kysely queues a transaction's queries), so every later read of the unit of work sees the write;
 * meanwhile the app prepares its next step instead of waiting for PostgreSQL (a drainer batch: the
 * next appeal's work overlaps this one's write; issue 13 §2, ADR 0080). The unit of work waits for
 * every write sent behind before it commits, and fails with the first one's error if one failed.
 * Outside a unit of work, and on SQLite: written at once.
 */
export async function writeBehind(db: Kysely<DB> | Transaction<DB>, write: () => Promise<void>): Promise<void> {
  // SQLite's driver runs each statement on the event loop: nothing to overlap, so written at once,
  // and a time-sliced batch still stops at the row whose write failed.
  if (!(db instanceof Transaction) || !unitsOfWork.has(db) || !(db.getExecutor().adapter instanceof PostgresAdapter)) {
    await write();
    return;
  }
  let state = behind.get(db);
  if (!state) {
    state = { pending: [], failure: undefined };
    behind.set(db, state);
  }
  const own = state;
  own.pending.push(write().catch((error: unknown) => {
    own.failure ??= { error };
  }));
}

async function waitForWritesBehind(trx: Transaction<DB>): Promise<void> {
  const state = behind.get(trx);
  if (!state) return;
  while (state.pending.length > 0) await Promise.all(state.pending.splice(0));
  if (state.failure) throw state.failure.error;
}

/** Transactions opened by inTransaction: those run what writeBeforeCommit left. */
const unitsOfWork = new WeakSet<Transaction<DB>>();

async function runBeforeCommit(trx: Transaction<DB>): Promise<void> {
  const pending = beforeCommit.get(trx);
  if (!pending) return;
  beforeCommit.delete(trx);
  for (const { items, flush } of pending.values()) await flush(trx, items);
}
