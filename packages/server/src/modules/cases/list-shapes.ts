import { caseNumberPrefixDays, caseNumberPrefixRange } from '@openline/core';
import { PostgresAdapter, sql, type Expression, type ExpressionBuilder, type Kysely, type SelectQueryBuilder, type SqlBool } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { CaseFilters } from './list-filters.js';

/**
 * City-wide list shapes for filters whose index does not read newest first (ADR 0051): several
 * statuses and a case-number prefix as a merge of ordered parts, and counts driven by the filter's
 * own index. The list repository builds each part's WHERE (`Filtered`); this file only arranges them.
 */
export type Filtered = (filters: CaseFilters) => SelectQueryBuilder<DB, 'cases', object>;

const DAY_MS = 86_400_000;

/**
 * The case of an index entry, checked by one primary-key probe: `EXISTS (… LIMIT 1 OFFSET 0)`.
 * The OFFSET keeps PostgreSQL from turning the EXISTS into a join, which it hashed from the
 * filter's own index (status=returned: every returned case of the city) instead of probing per
 * entry; SQLite runs a correlated EXISTS per row anyway (and needs the LIMIT for an OFFSET).
 */
export function caseProbe(cases: SelectQueryBuilder<DB, 'cases', object>, caseIdRef: string) {
  return cases.select(sql.lit(1).as('one')).where('cases.id', '=', sql.ref<string>(caseIdRef)).limit(1).offset(0);
}
export const isPostgres = (db: Kysely<DB>): boolean => db.getExecutor().adapter instanceof PostgresAdapter;

/**
 * `case_number` starts with the prefix, as a byte-order range: SQLite's default BINARY collation
 * is byte order; on PostgreSQL `COLLATE "C"` makes it so whatever the database's collation (a
 * linguistic one skips the hyphen), served by migration 0055's index. LIKE used neither index.
 */
export function caseNumberStarts(eb: ExpressionBuilder<DB, 'cases'>, prefix: string, postgres: boolean): Expression<SqlBool> {
  const { from, below } = caseNumberPrefixRange(prefix);
  const number = postgres ? sql<string>`${sql.ref('cases.case_number')} collate "C"` : sql<string>`${sql.ref('cases.case_number')}`;
  const range = [eb(number, '>=', from)];
  if (below !== null) range.push(eb(number, '<', below));
  // The days the number can name, a day wider each side for the time zone: bounds a newest-first walk.
  const days = caseNumberPrefixDays(prefix);
  if (days) {
    range.push(eb('cases.created_at', '>=', new Date(Date.parse(days.from) - DAY_MS).toISOString()));
    if (days.below !== null) range.push(eb('cases.created_at', '<', new Date(Date.parse(days.below) + DAY_MS).toISOString()));
  }
  return eb.and(range);
}

/**
 * The parts whose newest-first pages merge into the list's (sort=created, no unit driver): one per
 * status when several are asked (each its (jurisdiction, status, created_at) range; neither engine
 * merges the ranges of an IN list, so both read every match and sorted), or the case-number prefix
 * apart from the search matches it is OR-ed with. Null: one part, read as it is.
 */
export function mergeParts(f: CaseFilters): CaseFilters[] | null {
  if (!f.queue && f.statuses && f.statuses.length > 1 && !f.text?.caseNumberPrefix) {
    return f.statuses.map((status) => ({ ...f, statuses: [status] }));
  }
  const text = f.text;
  if (text?.caseNumberPrefix && !(f.statuses && f.statuses.length > 1)) {
    const prefix: CaseFilters = { ...f, text: { ids: [], caseNumberPrefix: text.caseNumberPrefix } };
    return text.ids.length > 0 ? [prefix, { ...f, text: { ids: text.ids, caseNumberPrefix: undefined } }] : null;
  }
  return null;
}

/**
 * The page as a merge: each part's newest `offset + limit` keys, read off its own index in order,
 * UNION (a case in two parts once), the page cut from them, then its rows joined by id.
 */
export function mergedPageKeys(db: Kysely<DB>, build: Filtered, parts: CaseFilters[], limit: number, offset: number) {
  const keys = parts.map((part) =>
    db.selectFrom(
      build(part)
        .select(['cases.id', 'cases.created_at', 'cases.case_number'])
        .orderBy('cases.created_at', 'desc')
        .orderBy('cases.case_number', 'desc')
        .limit(offset + limit)
        .as('part'),
    ).selectAll('part'),
  );
  const [first, ...rest] = keys;
  if (!first) throw new Error('a merged page needs a part');
  const merged = rest.reduce((all, part) => all.union(part), first);
  return db.selectFrom(merged.as('merged')).selectAll('merged').orderBy('merged.created_at', 'desc').orderBy('merged.case_number', 'desc').limit(limit).offset(offset);
}

/**
 * A capped count driven by the filter's own index where the list's newest-first walk would read
 * many cases per match: the running deadlines already past (overdue), and the case-number range.
 * Null: no such filter, count as the page reads. (A caller's cases: phone-page.ts, ADR 0062.)
 */
export async function drivenCount(db: Kysely<DB>, build: Filtered, f: CaseFilters, now: string, cap: number): Promise<number | null> {
  const count = async (ids: SelectQueryBuilder<DB, never, { id: string }>): Promise<number> => {
    const row = await db.selectFrom(ids.as('capped')).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  };
  if (f.overdue) {
    // Walk the running deadlines by due date up to now (their partial index), once per case: a
    // case counts on its earliest running deadline only (the rest are skipped by a probe of the
    // (case_id, due_at) partial index), and its other filters are an EXISTS probe of its row.
    // Newest-first, SQLite scanned the cases table to find 1,001 overdue ones (205 ms at 1 M).
    const rest = build({ ...f, overdue: undefined });
    return count(db
      .selectFrom('case_deadlines as passed')
      .select('passed.case_id as id')
      .where('passed.met_at', 'is', null)
      .where('passed.cancelled_at', 'is', null)
      .where('passed.due_at', '<=', now)
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('case_deadlines as earlier')
              .select('earlier.id')
              .whereRef('earlier.case_id', '=', 'passed.case_id')
              .where('earlier.met_at', 'is', null)
              .where('earlier.cancelled_at', 'is', null)
              .where((e) => e.or([e('earlier.due_at', '<', e.ref('passed.due_at')), e.and([e('earlier.due_at', '=', e.ref('passed.due_at')), e('earlier.id', '<', e.ref('passed.id'))])]))
              .limit(1)
              .offset(0), // a probe per deadline, not an anti-join over every running one (caseProbe)
          ),
        ),
      )
      .where((eb) => eb.exists(caseProbe(rest, 'passed.case_id')))
      .limit(cap));
  }
  const text = f.text;
  if (text?.caseNumberPrefix) {
    // The prefix's range of the number index, capped, and the search matches (at most their own
    // cap) apart: a UNION of the two, each read by its own index, not an OR that reads neither.
    const prefix = db.selectFrom(build({ ...f, text: { ids: [], caseNumberPrefix: text.caseNumberPrefix } }).select('cases.id').limit(cap).as('by_number')).select('by_number.id');
    if (text.ids.length === 0) return count(prefix);
    return count(prefix.union(db.selectFrom(build({ ...f, text: { ids: text.ids, caseNumberPrefix: undefined } }).select('cases.id').as('by_text')).select('by_text.id')));
  }
  return null;
}
