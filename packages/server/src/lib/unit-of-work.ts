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
  const result = await db.transaction().execute((trx) => {
    opened = trx;
    return work({ ...ctx, db: trx });
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
