import { Transaction } from 'kysely';
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
  return db.transaction().execute((trx) => work({ ...ctx, db: trx }));
}
