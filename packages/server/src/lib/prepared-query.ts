import { CompiledQuery, type Compilable, type Kysely } from 'kysely';
import { keepPrepared } from '../db/named-statements.js';
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
 * checked: a placeholder that went missing or was split throws on first use, not silently.
 */
export interface PreparedQuery<V extends Record<string, string>, R> {
  execute(db: Kysely<DB>, values: V): Promise<R[]>;
}

type Slot = { key: string } | { constant: unknown };

const PLACEHOLDER = '\u0000prepared:';

export function preparedQuery<V extends Record<string, string>, R>(keys: ReadonlyArray<keyof V & string>, build: (db: Kysely<DB>, values: V) => Compilable<R>): PreparedQuery<V, R> {
  // One compiled form per database (dialects compile differently; tests open several).
  const compiled = new WeakMap<Kysely<DB>, { sql: string; query: CompiledQuery['query']; slots: Slot[] }>();
  const compile = (db: Kysely<DB>) => {
    const placeholders = Object.fromEntries(keys.map((k) => [k, `${PLACEHOLDER}${k}`])) as V;
    const q = build(db, placeholders).compile();
    const slots = q.parameters.map((p): Slot => (typeof p === 'string' && p.startsWith(PLACEHOLDER) ? { key: p.slice(PLACEHOLDER.length) } : { constant: p }));
    const seen = new Set(slots.flatMap((s) => ('key' in s ? [s.key] : [])));
    const missing = keys.filter((k) => !seen.has(k));
    if (missing.length > 0) throw new Error(`prepared query: ${missing.join(', ')} not bound as parameters`);
    keepPrepared(q.sql);
    return { sql: q.sql, query: q.query, slots };
  };
  return {
    async execute(db, values) {
      let c = compiled.get(db);
      if (!c) {
        c = compile(db);
        compiled.set(db, c);
      }
      const parameters = c.slots.map((s) => ('key' in s ? values[s.key] : s.constant));
      const result = await db.executeQuery<R>({ ...CompiledQuery.raw(c.sql, parameters), query: c.query });
      return result.rows;
    },
  };
}
