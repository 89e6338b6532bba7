import type { CaseFilters, CaseListRow, CaseScope } from './list-filters.js';

/**
 * The case list after `q=` (issue 13 §3, ADR 0040's fourth amendment). The search hands over up
 * to 2,000 matches; on PostgreSQL newest first, each with its case's created_at (`text.createdAt`).
 * A page newest first then needs only the first matches that pass the list's other filters, so
 * it reads a few of them at a time, in that order, instead of joining and sorting all 2,000 for
 * a page of 20 (and a rare word's ids, spread over years, made the list walk the city to meet them).
 */

/** A list whose text matches are known newest first: their ids and each one's created_at. */
export interface NewestMatches {
  ids: string[];
  createdAt: ReadonlyArray<string | null>;
}

/**
 * The matches when the list is newest first over them alone (no case-number prefix OR-ed in).
 * Not when a match has no created_at (indexed before its case row existed, ADR 0040): its case
 * may be newer than the matches around it.
 */
export function newestMatches(filters: CaseFilters): NewestMatches | null {
  const text = filters.text;
  const createdAt = text?.createdAt;
  if (!text || !createdAt || text.caseNumberPrefix || text.ids.length === 0 || createdAt.length !== text.ids.length) return null;
  return createdAt.includes(null) ? null : { ids: text.ids, createdAt };
}

/**
 * Whether the list is the matches and nothing else: the search is of the user's jurisdiction's
 * cases, and cases are never deleted nor moved between jurisdictions, so every match is a row of
 * the list and the matches' number is its count (exact up to the search's own cap).
 */
export function onlyMatches(scope: CaseScope, filters: CaseFilters): boolean {
  if (scope.kind !== 'jurisdiction' || !filters.text || filters.text.caseNumberPrefix) return false;
  return Object.entries(filters).every(([key, value]) => value === undefined || key === 'text' || key === 'includeProtectedCallers');
}

/**
 * The page (`limit` rows after `offset`) of the matches that pass the list's filters, newest
 * first. `read` returns the first `count` rows, in the list's order, among the given matches.
 * It reads the newest `offset + limit` matches first (four times that when other filters may
 * drop some), then four times as many, until the page is full or every match was read. Each read
 * takes the matches with the same created_at as its last one too: the list breaks ties by case
 * number, the search by id, and a page cut inside a tie could then miss a row.
 */
export async function newestMatchesPage(
  matches: NewestMatches,
  options: { limit: number; offset: number; alone: boolean },
  read: (ids: string[], count: number) => Promise<CaseListRow[]>,
): Promise<CaseListRow[]> {
  const need = options.offset + options.limit;
  const all = matches.ids.length;
  let upTo = Math.min(all, options.alone ? need : 4 * need);
  for (;;) {
    upTo = throughTies(matches.createdAt, upTo);
    const rows = await read(matches.ids.slice(0, upTo), need);
    if (rows.length >= need || upTo >= all) return rows.slice(options.offset);
    upTo = Math.min(all, 4 * upTo);
  }
}

/** `upTo` moved past every match with the same created_at as the one before it (all, if unknown). */
function throughTies(createdAt: ReadonlyArray<string | null>, upTo: number): number {
  if (upTo === 0 || upTo >= createdAt.length) return upTo;
  const edge = createdAt[upTo - 1];
  if (edge === undefined) return upTo;
  let end = upTo;
  while (end < createdAt.length && createdAt[end] === edge) end++;
  return end;
}

/**
 * The best `limit` of ranked matches that the reader may see, best first (the ranked search, ADR
 * 0065). `read` returns the rows among some ids that the scope shows, in any order. It reads the
 * best `limit` ids first (four times that when the scope may hide some), then four times as many
 * further ids, until `limit` rows are found or every id was read: the rows are then the best
 * `limit` visible ones of all, as when every match was read and sorted by rank, but a page of 20
 * reads 20 rows, not the 2,000 matches.
 */
export async function bestMatchesPage<R extends { id: string }>(
  ranked: readonly string[],
  options: { limit: number; everyMatchVisible: boolean },
  read: (ids: readonly string[]) => Promise<R[]>,
): Promise<R[]> {
  const found: R[] = [];
  let from = 0;
  let upTo = Math.min(ranked.length, options.everyMatchVisible ? options.limit : 4 * options.limit);
  while (from < upTo) {
    found.push(...(await read(ranked.slice(from, upTo))));
    if (found.length >= options.limit) break;
    from = upTo;
    upTo = Math.min(ranked.length, 4 * upTo);
  }
  const rank = new Map(ranked.map((id, i) => [id, i]));
  return found.sort((a, b) => (rank.get(a.id) ?? 0) - (rank.get(b.id) ?? 0)).slice(0, options.limit);
}
