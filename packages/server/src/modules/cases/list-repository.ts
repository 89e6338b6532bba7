import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { CASE_COUNT_CAP, COUNT_WINDOW, callerIsSmaller, cappedCount, type CaseListTotal } from './list-counts.js';
import { applyScope, filtered, scopeDriver, type CaseFilters, type CaseListRow, type CaseScope, type CaseSort } from './list-filters.js';
import { casePageQuery, filteredBy, phoneWalk, windowEdge } from './list-pages.js';
import { newestMatches, newestMatchesPage, onlyMatches } from './match-page.js';
import { withNames } from './page-rows.js';
import { phoneCount } from './phone-page.js';
import { mergedCount, mergedRanges } from './scope-pages.js';

// The case lists' entry points (issue 13 §3): one page and its capped count, the ranked search's
// rows, an export's keyset pages. Which cases a list holds is list-filters.ts; the page's statement
// list-pages.ts; its count list-counts.ts.
export { applyScope, scopeDriver, type CaseFilters, type CaseListRow, type CaseScope, type CaseSort, type FactFilter, type ScopeDriver } from './list-filters.js';
export { CASE_COUNT_CAP, COUNT_WINDOW, type CaseListTotal } from './list-counts.js';
export { casePageQuery } from './list-pages.js';

/** One page of a list and what it says of its size (CaseListTotal), the page and the count read side by side. */
export async function listCases(
  db: Kysely<DB>,
  options: { scope: CaseScope; filters: CaseFilters; sort: CaseSort; limit: number; offset: number; now: string; countWindow?: number; pageWindow?: number },
): Promise<{ rows: CaseListRow[] } & CaseListTotal> {
  const lines = await ownLines(db, options.scope, options.filters);
  // The count has no order: it reads the caller's ranges, else the subtree's range (or an
  // official's ranges, ADR 0052) whatever the page's sort; a subtree's or a caller's count stops
  // at its window (ADR 0051, 0062).
  const driver = scopeDriver(options.scope, options.filters);
  const merged = mergedRanges(options.scope, options.filters, lines);
  const countWindow = options.countWindow ?? COUNT_WINDOW;
  const phoneDrives = driver === null || merged !== null || (await callerIsSmaller(db, options, driver, countWindow));
  const o = { ...options, ownLines: lines, phoneDrives };
  const walk = phoneWalk(db, o);
  // The search's matches and nothing else: counted by them, no statement (match-page.ts).
  const alone = onlyMatches(o.scope, o.filters);
  const count = async (): Promise<{ n: number; windowed: boolean }> => {
    if (alone) return { n: Math.min(o.filters.text?.ids.length ?? 0, CASE_COUNT_CAP + 1), windowed: false };
    // The window on each side: halved, the busiest callers' own cases no longer reached the cap
    // alone and both sides were read (measured: 12.5 → 20 ms of SQLite CPU at 300 k).
    if (walk) return phoneCount(db, walk, countWindow, CASE_COUNT_CAP + 1);
    if (merged) return { n: await mergedCount(db, o, merged, filteredBy(db, o.now), CASE_COUNT_CAP + 1), windowed: false };
    return cappedCount(db, { ...o, driver, window: countWindow });
  };
  let rows: CaseListRow[];
  let counted: { n: number; windowed: boolean };
  const matches = !driver && !merged && !walk && o.sort === 'created' ? newestMatches(o.filters) : null;
  if (matches) {
    // The search's matches newest first: the page reads a few of them in order (match-page.ts).
    const read = (ids: string[], count: number) =>
      withNames(filtered(db, { ...o, filters: { ...o.filters, text: { ids, caseNumberPrefix: undefined } } }))
        .orderBy('cases.created_at', 'desc')
        .orderBy('cases.case_number', 'desc')
        .limit(count)
        .execute();
    [rows, counted] = await Promise.all([
      newestMatchesPage(matches, { limit: o.limit, offset: o.offset, alone }, read),
      count(),
    ]);
  } else if (!driver && !merged && !walk && o.sort === 'created' && o.filters.priority) {
    // A priority band's count is its index (1,001 entries at most); it then picks the page's
    // shape: a band past the cap is common enough to walk the newest cases for, a smaller one is
    // read off the index and sorted (SQLite sorted every case of a common band: 346 ms at 1 M).
    counted = await count();
    rows = await casePageQuery(db, { ...o, walkPriority: counted.n > CASE_COUNT_CAP }).execute();
  } else {
    [rows, counted] = await Promise.all([casePageQuery(db, o).execute(), count()]);
  }
  // A short page may have ended at its window: say since when it searched (a third, tiny read).
  const searchedSince = rows.length < o.limit ? await windowEdge(db, o) : null;
  const { n, windowed } = counted;
  if (n > CASE_COUNT_CAP) return { rows, total: CASE_COUNT_CAP, totalCapped: true, totalAtLeast: false, searchedSince };
  // The window ended before the cap: the page itself (read past the window) may know more.
  if (windowed) return { rows, total: Math.max(n, o.offset + rows.length), totalCapped: false, totalAtLeast: true, searchedSince };
  return { rows, total: n, totalCapped: false, totalAtLeast: false, searchedSince };
}

/**
 * The lines whose cases an official's list merges in (ADR 0052): the own-lines filter's owner's,
 * else the official's in their scope; undefined when neither is asked. Lines are few per owner.
 */
async function ownLines(db: Kysely<DB>, scope: CaseScope, filters: CaseFilters): Promise<string[] | undefined> {
  const owner = filters.ownLinesOf ?? (scope.kind === 'units' ? scope.ownerUserId : null);
  if (owner === null) return undefined;
  const rows = await db.selectFrom('lines').select('id').where('jurisdiction_id', '=', scope.jurisdictionId).where('owner_user_id', '=', owner).orderBy('id').execute();
  return rows.map((r) => r.id);
}

/**
 * The cases among `ids` that the scope may see, with the list's columns, in no order: a page of
 * the ranked search (ADR 0065), a few ids at a time. The unit conditions are probes of each id's
 * case (the scope key's primary key), never the subtree's whole range.
 */
export function casesAmong(db: Kysely<DB>, o: { scope: CaseScope; ids: readonly string[] }): Promise<CaseListRow[]> {
  if (o.ids.length === 0) return Promise.resolve([]);
  return withNames(applyScope(db.selectFrom('cases'), o.scope, null, true).where('cases.id', 'in', [...o.ids])).execute();
}

/** How many cases a list with these filters has (an export checks its cap with it first). */
export async function countCases(db: Kysely<DB>, options: { scope: CaseScope; filters: CaseFilters; now: string }): Promise<number> {
  const row = await filtered(db, options).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Where the previous page of a keyset walk ended: newest first, the id breaking ties. */
export interface CaseKey {
  createdAt: string;
  id: string;
}

/**
 * One page of the list, newest first, after `after` (keyset, not OFFSET: an export walks every
 * page, and OFFSET would re-read all earlier rows for each one).
 */
export async function pageCasesAfter(
  db: Kysely<DB>,
  options: { scope: CaseScope; filters: CaseFilters; now: string; after: CaseKey | null; limit: number },
): Promise<CaseListRow[]> {
  let q = filtered(db, options);
  const after = options.after;
  if (after) {
    // The `<=` bound alone lets the (jurisdiction, created_at) index seek to where the last page ended.
    q = q
      .where('cases.created_at', '<=', after.createdAt)
      .where((eb) => eb.or([eb('cases.created_at', '<', after.createdAt), eb('cases.id', '<', after.id)]));
  }
  return withNames(q)
    .orderBy('cases.created_at', 'desc')
    .orderBy('cases.id', 'desc')
    .limit(options.limit)
    .execute();
}

/** Earliest running deadline per case, for the page being shown. */
export async function nextDeadlines(
  db: Kysely<DB>,
  caseIds: string[],
): Promise<Map<string, { kind: 'accept' | 'contact' | 'resolve'; dueAt: string }>> {
  const out = new Map<string, { kind: 'accept' | 'contact' | 'resolve'; dueAt: string }>();
  if (caseIds.length === 0) return out;
  const rows = await db
    .selectFrom('case_deadlines')
    .select(['case_id', 'kind', 'due_at'])
    .where('case_id', 'in', caseIds)
    .where('met_at', 'is', null)
    .where('cancelled_at', 'is', null)
    .orderBy('due_at')
    .execute();
  for (const r of rows) if (!out.has(r.case_id)) out.set(r.case_id, { kind: r.kind, dueAt: r.due_at });
  return out;
}
