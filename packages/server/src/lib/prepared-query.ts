import { CompiledQuery, SqliteAdapter, type Compilable, type DialectAdapter, type Insertable, type Kysely } from 'kysely';
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
  return {
    async execute(db, values) {
      let c = compiled.get(compiledFor(db));
      if (!c) {
        c = compile(db);
        compiled.set(compiledFor(db), c);
      }
      const parameters = c.slots.map((s) => ('key' in s ? values[s.key] : s.constant));
      const result = await db.executeQuery<R>({ ...CompiledQuery.raw(c.sql, parameters), query: c.query });
      return result.rows;
    },
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
}

/**
 * An INSERT of one row of plain values run once per processed appeal (the case, its contact, its
 * events): compiled once per set of columns given (a column left undefined is left out, as Kysely
 * leaves it out, so the table's default applies), then only the values are bound. The same SQL
 * text Kysely makes, without building and compiling it anew each time (issue 13 §2).
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
  const run = async (db: Kysely<DB>, rows: ReadonlyArray<Insertable<DB[T]>>): Promise<void> => {
    const [first] = rows as ReadonlyArray<Record<string, unknown>>;
    if (!first) return;
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
    const parameters = (rows as ReadonlyArray<Record<string, unknown>>).flatMap((row) => columns.map((k) => row[k]));
    await db.executeQuery({ ...CompiledQuery.raw(c.sql, parameters), query: c.query });
  };
  return {
    execute: (db, row) => run(db, [row]),
    executeMany: run,
  };
}
