import type { Page } from '../../api/cases';

/**
 * How a case list names its size (ADR 0039, 0051): exact, "more than" the cap, or "at least" what
 * the count's window of a large subtree held. One place, so the header and the pager agree.
 */
export function caseTotalKey(data: Pick<Page<unknown>, 'totalCapped' | 'totalAtLeast'>): 'cases.total' | 'cases.totalCapped' | 'cases.totalAtLeast' {
  if (data.totalCapped) return 'cases.totalCapped';
  return data.totalAtLeast ? 'cases.totalAtLeast' : 'cases.total';
}

/**
 * The size the pager is given: an "at least" total with a full page may go on, so the pager must
 * offer the next page (the server's total is then only a lower bound).
 */
export function pagerTotal(data: Page<unknown> | undefined, page: number, pageSize: number): number {
  if (!data) return 0;
  if (data.totalAtLeast && data.items.length === pageSize) return Math.max(data.total, page * pageSize + 1);
  return data.total;
}
