import { CompiledQuery, PostgresAdapter, SqliteAdapter, type Compilable, type DialectAdapter, type Insertable, type Kysely } from 'kysely';
import { keepPrepared } from '../db/named-statements.js';
import { withFixedPlan } from '../db/sqlite-fixed-plan.js';
import type { DB } from '../db/schema.js';

/**
 * A query of fixed shape run very often with new values (the screen-pop's caller history): built
 * and compiled by Kysely once per shape, then only its parameters are filled in. Building and
 * compiling a query with several sub-selects costs more CPU than running it on an index (issue
 * 10 §2). With the SQLite statement cache (db/database.ts) the SQL text, being identical, is not
 * prepared again either; on PostgreSQL the text is sent as a named prepared statement
 * (db/named-statements.ts), so the server does not parse and plan it on every call.
 *
 * `build` is called once with placeholders in place of the values; each placeholder must reach
 * the query as a plain bound value (a `where` value, not `sql.lit`, not an `IN` list), which is
 * checked: a placeholder that went missing or was split throws on first use, not silently. At
 * build time every value is its placeholder (a string), whatever type `V` gives it.
 *
 * `fixedPlan` (SQLite): planned once from the statistics, not re-prepared for each call's values
 * (db/sqlite-fixed-plan.ts, ADR 0071). For look-ups by key, whose best plan is the same for any
 * value: without it, SQLite re-plans a statement on an ANALYZEd table, or with a bound LIMIT, at
 * every run. PostgreSQL is not affected (its named statements are planned by the server).
 */
export interface PreparedQuery<V extends Record<string, unknown>, R> {
  execute(db: Kysely<DB>, values: V): Promise<R[]>;
  /** The statement with these values, to run with others (executeTogether). */
  bind(db: Kysely<DB>, values: V): BoundStatement;
}

/** A compiled statement with its values, not yet run. */
export interface BoundStatement {
  sql: string;
  parameters: readonly unknown[];
  query: CompiledQuery['query'];
}

type Slot = { key: string } | { constant: unknown };

const PLACEHOLDER = '\u0000prepared:';

/**
 * What a compiled form is kept for: the dialect's adapter, which a database and every transaction
 * on it share (a transaction is a new Kysely object each time; keyed by it, a statement run once
 * per transaction would be compiled every time). Dialects compile differently; tests open several.
 */
function compiledFor(db: Kysely<DB>): DialectAdapter {
  return db.getExecutor().adapter;
}

export function preparedQuery<V extends Record<string, unknown>, R>(
  keys: ReadonlyArray<keyof V & string>,
  build: (db: Kysely<DB>, values: V) => Compilable<R>,
  options: { fixedPlan?: boolean } = {},
): PreparedQuery<V, R> {
  const compiled = new WeakMap<DialectAdapter, { sql: string; query: CompiledQuery['query']; slots: Slot[] }>();
  const compile = (db: Kysely<DB>) => {
    const placeholders = Object.fromEntries(keys.map((k) => [k, `${PLACEHOLDER}${k}`])) as V;
    const q = build(db, placeholders).compile();
    const slots = q.parameters.map((p): Slot => (typeof p === 'string' && p.startsWith(PLACEHOLDER) ? { key: p.slice(PLACEHOLDER.length) } : { constant: p }));
    const seen = new Set(slots.flatMap((s) => ('key' in s ? [s.key] : [])));
    const missing = keys.filter((k) => !seen.has(k));
    if (missing.length > 0) throw new Error(`prepared query: ${missing.join(', ')} not bound as parameters`);
    const text = options.fixedPlan === true && compiledFor(db) instanceof SqliteAdapter ? withFixedPlan(q.sql, q.parameters.length) : q.sql;
    keepPrepared(text);
    return { sql: text, query: q.query, slots };
  };
  const bind = (db: Kysely<DB>, values: V): BoundStatement => {
    let c = compiled.get(compiledFor(db));
    if (!c) {
      c = compile(db);
      compiled.set(compiledFor(db), c);
    }
    return { sql: c.sql, parameters: c.slots.map((s) => ('key' in s ? values[s.key] : s.constant)), query: c.query };
  };
  return {
    async execute(db, values) {
      const b = bind(db, values);
      const result = await db.executeQuery<R>({ ...CompiledQuery.raw(b.sql, [...b.parameters]), query: b.query });
      return result.rows;
    },
    bind,
  };
}

/** One row into a table, by the query Kysely would build for it. */
export interface PreparedInsert<T extends keyof DB & string> {
  execute(db: Kysely<DB>, row: Insertable<DB[T]>): Promise<void>;
  /**
   * Several rows with the same columns in one statement (one round trip on PostgreSQL), compiled
   * once per set of columns and number of rows: for the few row counts one use case writes
   * together (a merged appeal's two events), never a count that varies with the load.
   */
  executeMany(db: Kysely<DB>, rows: ReadonlyArray<Insertable<DB[T]>>): Promise<void>;
  /** The INSERT of these rows (at least one), to run with others (executeTogether). */
  bind(db: Kysely<DB>, rows: ReadonlyArray<Insertable<DB[T]>>): BoundStatement;
}

/**
 * An INSERT of plain values run once per processed appeal (the case, its contact, its events):
 * compiled once per set of columns given (a column left undefined is left out, as Kysely leaves it
 * out, so the table's default applies) and number of rows, then only the values are bound. The
 * same SQL text Kysely makes, without building and compiling it anew each time (issue 13 §2). Run
 * alone (`execute`, `executeMany`) or bound and written with others (`bind`, executeTogether).
 */
export function preparedInsert<T extends keyof DB & string>(table: T): PreparedInsert<T> {
  const compiled = new WeakMap<DialectAdapter, Map<string, { sql: string; query: CompiledQuery['query'] }>>();
  const compile = (db: Kysely<DB>, columns: string[], count: number) => {
    const placeholders = Array.from({ length: count }, (_, i) => Object.fromEntries(columns.map((k) => [k, `${PLACEHOLDER}${i}:${k}`])));
    const q = db.insertInto(table).values(placeholders as Array<Insertable<DB[T]>>).compile();
    const expected = placeholders.flatMap((row) => Object.values(row));
    const bound = q.parameters.map((p) => (typeof p === 'string' && p.startsWith(PLACEHOLDER) ? p : null));
    if (bound.length !== expected.length || bound.some((k, i) => k !== expected[i])) throw new Error(`prepared insert into ${table}: columns not bound in order`);
    keepPrepared(q.sql);
    return { sql: q.sql, query: q.query };
  };
  const bind = (db: Kysely<DB>, rows: ReadonlyArray<Insertable<DB[T]>>): BoundStatement => {
    const [first] = rows as ReadonlyArray<Record<string, unknown>>;
    if (!first) throw new Error(`prepared insert into ${table}: no rows`);
    const columns = Object.keys(first).filter((k) => first[k] !== undefined);
    const signature = `${rows.length}:${columns.join(',')}`;
    for (const row of rows as ReadonlyArray<Record<string, unknown>>) {
      const own = Object.keys(row).filter((k) => row[k] !== undefined);
      if (own.length !== columns.length || own.some((k, i) => k !== columns[i])) throw new Error(`prepared insert into ${table}: rows of one statement must give the same columns`);
    }
    let byShape = compiled.get(compiledFor(db));
    if (!byShape) {
      byShape = new Map();
      compiled.set(compiledFor(db), byShape);
    }
    let c = byShape.get(signature);
    if (!c) {
      c = compile(db, columns, rows.length);
      byShape.set(signature, c);
    }
    return { sql: c.sql, parameters: (rows as ReadonlyArray<Record<string, unknown>>).flatMap((row) => columns.map((k) => row[k])), query: c.query };
  };
  const run = async (db: Kysely<DB>, rows: ReadonlyArray<Insertable<DB[T]>>): Promise<void> => {
    if (rows.length === 0) return;
    const b = bind(db, rows);
    await db.executeQuery({ ...CompiledQuery.raw(b.sql, [...b.parameters]), query: b.query });
  };
  return {
    execute: (db, row) => run(db, [row]),
    executeMany: run,
    bind,
  };
}

/**
 * Writes that one use case makes together and that return nothing (a new case, its place rows,
 * its contact and its events), in order. On PostgreSQL they are sent as ONE statement, each but
 * the last a data-modifying WITH part: one round trip instead of one each (issue 13 §2, ADR 0079).
 * Foreign keys between them hold, since PostgreSQL checks them at the end of the statement, and
 * rows keep their order within each part; the parts share one snapshot, so none may read what
 * another writes. The combined text is kept prepared: callers combine a few fixed shapes only.
 * SQLite has no round trips to save (and no INSERT inside WITH): one statement after another.
 */
export async function executeTogether(db: Kysely<DB>, statements: readonly BoundStatement[]): Promise<void> {
  const last = statements[statements.length - 1];
  if (!last) return;
  if (statements.length === 1 || !(compiledFor(db) instanceof PostgresAdapter)) {
    for (const s of statements) await db.executeQuery({ ...CompiledQuery.raw(s.sql, [...s.parameters]), query: s.query });
    return;
  }
  const key = statements.map((s) => s.sql).join('\u0000');
  let text = combinedTexts.get(key);
  if (text === undefined) {
    let offset = 0;
    // Each part numbers its parameters from $1: shifted past the parts before it.
    const parts = statements.map((s) => {
      const from = offset;
      offset += s.parameters.length;
      return s.sql.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + from}`);
    });
    const main = parts.pop();
    text = `with ${parts.map((p, i) => `w${i} as (${p})`).join(', ')} ${main}`;
    keepPrepared(text);
    combinedTexts.set(key, text);
  }
  await db.executeQuery({ ...CompiledQuery.raw(text, statements.flatMap((s) => [...s.parameters])), query: last.query });
}

/** Combined texts by their parts' texts: a few shapes (with or without place rows, one or two events). */
const combinedTexts = new Map<string, string>();
