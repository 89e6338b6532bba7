import { describe, expect, it } from 'vitest';
import { FIGURE_FACTS, factValue, isFigureFact } from './drill-down.js';

describe('drill-down facts', () => {
  const counts = {
    dispatched: 4, returns: 1, responseDue: 3, respondedOnTime: 2, visits: 5, solved: 3, satisfied: 4, overdue: 2,
    contacts: 0, directResolved: 0, closures: 3, closedOnTime: 1, reopened: 1, overdueDays: 4, extensions: 1, supervisionNotices: 2, arbitrations: 0,
  };

  it('reads counts and the shortfall behind each rate', () => {
    expect(factValue(counts, 'dispatched')).toBe(4);
    expect(factValue(counts, 'responseMissed')).toBe(1);
    expect(factValue(counts, 'unsolved')).toBe(2);
    expect(factValue(counts, 'unsatisfied')).toBe(1);
    expect(factValue(counts, 'overdue')).toBe(2);
    expect(factValue(counts, 'closedLate')).toBe(2);
    expect(factValue(counts, 'supervisionNotices')).toBe(2);
  });

  it('accepts only known names', () => {
    expect(FIGURE_FACTS.every(isFigureFact)).toBe(true);
    expect(isFigureFact('response_due')).toBe(false);
    expect(isFigureFact('toString')).toBe(false);
    expect(isFigureFact(null)).toBe(false);
  });
});
