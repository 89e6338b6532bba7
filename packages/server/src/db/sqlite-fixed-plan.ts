/**
 * A statement SQLite plans once, from its statistics, and never again for the values it is run
 * with (ADR 0071). better-sqlite3's SQLite is built with STAT4: where a query compares an indexed
 * column with a bound parameter and that index has stat4 samples (every ANALYZEd table), the
 * planner reads the value bound to it, and SQLite then re-prepares the statement, parsing and
 * planning it again, at every run after a new binding (the driver binds at every run). A bound
 * LIMIT does the same even without statistics. A kept statement (db/database.ts's cache,
 * lib/prepared-query.ts) is then prepared per call after all: the merge's family count took 17 µs
 * instead of 3, the caller look-up 21 instead of 4, the drainer's claim 97 instead of 19, on a
 * 150,000-case file.
 *
 * `+?` is the same value (unary plus changes neither its value nor its type, and a bound value
 * has no affinity either way), but an expression the planner does not look into, so no parameter
 * is marked as one the plan depends on; the index is still used (the column side is unchanged).
 * Only for statements whose plan does not depend on the values (a look-up by key): the plan is
 * the one stat1's averages give.
 */
export function withFixedPlan(sql: string, parameters: number): string {
  let out = '';
  let quote: string | null = null;
  let bound = 0;
  for (const ch of sql) {
    if (quote !== null) {
      // A doubled quote inside a literal closes and reopens it: the same text either way.
      if (ch === quote) quote = null;
    } else if (ch === "'" || ch === '"' || ch === '`') {
      quote = ch;
    } else if (ch === '?') {
      out += '+';
      bound++;
    }
    out += ch;
  }
  if (bound !== parameters) throw new Error(`fixed plan: ${bound} placeholders found for ${parameters} parameters`);
  return out;
}
