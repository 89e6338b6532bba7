import type { CaseFilters, CaseListRow, CaseScope } from './list-repository.js';

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
