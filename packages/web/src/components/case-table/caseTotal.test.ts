import { describe, expect, it } from 'vitest';
import { caseTotalKey, pagerTotal } from './caseTotal';

/** How the case list names its size (ADR 0039, 0051), and what the pager is told. */
describe('case list total', () => {
  const page = (total: number, items: number, flags: { totalCapped?: boolean; totalAtLeast?: boolean } = {}) => ({
    items: Array.from({ length: items }, (_, i) => i), total, page: 1, pageSize: 20, ...flags,
  });
  it('says exact, more than the cap, or at least', () => {
    expect(caseTotalKey(page(12, 12))).toBe('cases.total');
    expect(caseTotalKey(page(1000, 20, { totalCapped: true }))).toBe('cases.totalCapped');
    expect(caseTotalKey(page(37, 20, { totalAtLeast: true }))).toBe('cases.totalAtLeast');
  });
  it('keeps the next page open while an "at least" list comes back full', () => {
    expect(pagerTotal(page(20, 20, { totalAtLeast: true }), 1, 20)).toBe(21);
    expect(pagerTotal(page(45, 20, { totalAtLeast: true }), 1, 20)).toBe(45);
    expect(pagerTotal(page(45, 5, { totalAtLeast: true }), 3, 20)).toBe(45);
    expect(pagerTotal(page(12, 12), 1, 20)).toBe(12);
    expect(pagerTotal(undefined, 1, 20)).toBe(0);
  });
});
