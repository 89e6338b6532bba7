import { createHash } from 'node:crypto';
import type { PostgresPool, PostgresPoolClient } from 'kysely';
import type pg from 'pg';

/**
 * Named prepared statements on PostgreSQL, for the few hot queries of fixed shape
 * (lib/prepared-query.ts registers them; ADR 0040's amendment).
 *
 * Kysely's pg driver sends every query unnamed, so PostgreSQL parses and plans it on every call.
 * For the caller history (seven sub-selects in one statement) planning cost more than executing
 * the index reads it plans: an unknown number got slower when the history became one statement.
 * node-postgres prepares a query once per connection when it carries a `name` ({name, text,
 * values}), and PostgreSQL then keeps its plan (a generic plan after five custom ones, when it is
 * no worse). Kysely cannot pass a name, so the pool handed to Kysely sends a registered SQL text
 * under its name and everything else as before.
 *
 * Only registered texts are named: a statement stays prepared on each connection for the
 * connection's life, so naming every text (IN lists of every length) would grow without bound.
 * The name is a digest of the text: the same text is the same statement on any connection, and
 * a changed text (a new release) never meets an old one under the same name.
 */
const names = new Map<string, string>();

/** Sends this SQL text as a named prepared statement from now on (on PostgreSQL; SQLite keeps statements by text anyway). */
export function keepPrepared(sqlText: string): void {
  if (!names.has(sqlText)) names.set(sqlText, `ol_${createHash('sha256').update(sqlText).digest('hex').slice(0, 40)}`);
}

/** The pool as Kysely sees it: pg's, its clients sending registered texts by name. */
export function namingPool(pool: pg.Pool): PostgresPool {
  const clients = new WeakMap<pg.PoolClient, PostgresPoolClient>();
  const naming = (client: pg.PoolClient): PostgresPoolClient => ({
    query: ((textOrCursor: unknown, parameters?: ReadonlyArray<unknown>) => {
      const name = typeof textOrCursor === 'string' ? names.get(textOrCursor) : undefined;
      if (name !== undefined) return client.query({ name, text: textOrCursor as string, values: [...(parameters ?? [])] });
      return (client.query as (a: unknown, b?: unknown) => unknown)(textOrCursor, parameters);
    }) as PostgresPoolClient['query'],
    release: (destroy) => client.release(destroy),
  });
  return {
    connect: async () => {
      const client = await pool.connect();
      let kept = clients.get(client);
      // One facade per pg client: Kysely keeps its connection object by the client it was given.
      if (!kept) clients.set(client, (kept = naming(client)));
      return kept;
    },
    end: () => pool.end(),
  };
}
