import { CompiledQuery, type Kysely, type Transaction } from 'kysely';
import type { Dialect } from '../../db/database.js';
import { keepPrepared } from '../../db/named-statements.js';
import type { DB } from '../../db/schema.js';

type Db = Kysely<DB> | Transaction<DB>;

export interface CounterWindow {
  scope: string;
  key: string;
  windowStart: string;
  expiresAt: string;
}

/**
 * Counts one more in the window and answers the new count, in one statement: concurrent requests
 * (in this process or another) each see a distinct count, so a burst of N gets exactly the first
 * `max` through on both databases.
 */
export async function incrementCounter(db: Db, w: CounterWindow, by = 1): Promise<number> {
  const row = await db
    .insertInto('rate_counters')
    .values({ scope: w.scope, key: w.key, window_start: w.windowStart, count: by, expires_at: w.expiresAt })
    .onConflict((oc) => oc.columns(['scope', 'key', 'window_start']).doUpdateSet((eb) => ({ count: eb('rate_counters.count', '+', by) })))
    .returning('count')
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/**
 * Counts many keys of one scope and window at once, each by its own amount, and answers each
 * key's new count: one statement of fixed text whatever the number of keys (the keys and amounts
 * as one JSON parameter), so a group-committed batch pays one round trip per scope, not one per
 * key (issue 13, ADR 0059). Each row is the same atomic upsert as incrementCounter, so concurrent
 * batches in any process still see distinct counts. Keys must be distinct (PostgreSQL refuses to
 * update a row twice in one statement): the caller sums a key's attempts into its amount. On
 * PostgreSQL the rows are locked in key order, so two batches sharing keys wait for each other
 * instead of deadlocking; SQLite has one writer. Named on PostgreSQL (parsed once per connection).
 */
const INCREMENT_MANY = {
  sqlite: `insert into rate_counters (scope, key, window_start, count, expires_at)
    select ?, value ->> 'key', ?, value ->> 'n', ? from json_each(?) where true
    on conflict (scope, key, window_start) do update set count = rate_counters.count + excluded.count
    returning key, count`,
  postgres: `insert into rate_counters (scope, key, window_start, count, expires_at)
    select $1, e ->> 'key', $2::timestamptz, (e ->> 'n')::integer, $3::timestamptz
    from jsonb_array_elements($4::jsonb) as e order by e ->> 'key'
    on conflict (scope, key, window_start) do update set count = rate_counters.count + excluded.count
    returning key, count`,
} as const;
keepPrepared(INCREMENT_MANY.postgres);

export async function incrementCounters(
  db: Db,
  dialect: Dialect,
  w: Omit<CounterWindow, 'key'> & { amounts: ReadonlyMap<string, number> },
): Promise<Map<string, number>> {
  if (w.amounts.size === 0) return new Map();
  const amounts = JSON.stringify([...w.amounts].map(([key, n]) => ({ key, n })));
  const result = await db.executeQuery<{ key: string; count: number | string }>(
    CompiledQuery.raw(INCREMENT_MANY[dialect], [w.scope, w.windowStart, w.expiresAt, amounts]),
  );
  return new Map(result.rows.map((r) => [r.key, Number(r.count)]));
}

/** Gives back one counted attempt (a successful sign-in is not a guess). */
export async function decrementCounter(db: Db, w: Omit<CounterWindow, 'expiresAt'>): Promise<void> {
  await db
    .updateTable('rate_counters')
    .set((eb) => ({ count: eb('count', '-', 1) }))
    .where('scope', '=', w.scope)
    .where('key', '=', w.key)
    .where('window_start', '=', w.windowStart)
    .where('count', '>', 0)
    .execute();
}

export async function deleteCounter(db: Db, w: Omit<CounterWindow, 'expiresAt'>): Promise<void> {
  await db.deleteFrom('rate_counters').where('scope', '=', w.scope).where('key', '=', w.key).where('window_start', '=', w.windowStart).execute();
}

/** Windows that are over; the index on expires_at keeps this cheap however often it runs. */
export async function purgeExpiredCounters(db: Db, now: string): Promise<number> {
  const result = await db.deleteFrom('rate_counters').where('expires_at', '<', now).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Daily refusal counts, by scope prefix (`refused:<scope>`). */
export function listDailyCounts(db: Db, scopePrefix: string, since: string): Promise<Array<{ scope: string; windowStart: string; count: number }>> {
  return db
    .selectFrom('rate_counters')
    .select(['scope', 'window_start as windowStart', 'count'])
    .where('scope', 'like', `${scopePrefix}%`)
    .where('window_start', '>=', since)
    .orderBy('window_start', 'desc')
    .orderBy('scope')
    .execute();
}

/** The settings row the limits are stored in (read alone here, or joined into a batch's one read). */
export const RATE_LIMITS_SETTING_KEY = 'rate_limits';

/** Limits are deployment-wide (sign-in happens before anyone's jurisdiction is known). */
export async function readLimitsSetting(db: Db): Promise<{ value: string; updatedAt: string } | undefined> {
  const row = await db.selectFrom('settings').select(['value', 'updated_at']).where('key', '=', RATE_LIMITS_SETTING_KEY).executeTakeFirst();
  return row ? { value: row.value, updatedAt: row.updated_at } : undefined;
}

export async function writeLimitsSetting(db: Db, value: string, at: string): Promise<void> {
  await db
    .insertInto('settings')
    .values({ key: RATE_LIMITS_SETTING_KEY, value, updated_at: at })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: at }))
    .execute();
}
