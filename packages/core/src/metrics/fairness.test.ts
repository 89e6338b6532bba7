import { describe, expect, it } from 'vitest';
import { contactGroup, frequentDuring, isFrequentCaller, priorityBand, quantile, summarizeBy, summarizeWaits, type FairnessCase } from './fairness.js';

const MIN = 60_000;
const DAY = 86_400_000;
const c = (priority: number, dispatchMin: number | null, contactMin: number | null, callerContacts = 1): FairnessCase => ({
  priority, urgency: 'normal', callerContacts, frequentCaller: false,
  dispatchWaitMs: dispatchMin === null ? null : dispatchMin * MIN, contactWaitMs: contactMin === null ? null : contactMin * MIN,
});

describe('quantiles (nearest rank)', () => {
  it('picks a value some case really had', () => {
    expect(quantile([], 0.5)).toBeNull();
    expect(quantile([7], 0.9)).toBe(7);
    // n = 4: median is the ceil(2)th = 2nd smallest; p90 the ceil(3.6)th = 4th.
    expect(quantile([40, 10, 30, 20], 0.5)).toBe(20);
    expect(quantile([40, 10, 30, 20], 0.9)).toBe(40);
    // n = 10: p90 is the 9th smallest.
    expect(quantile([1, 2, 3, 4, 5, 6, 7, 8, 9, 100], 0.9)).toBe(9);
  });
});

describe('bands and groups', () => {
  it('bands the default-weight scores', () => {
    expect([0, 19.99, 20, 49.99, 50, 199, 200, 399.5, 400, 560].map(priorityBand)).toEqual(['P4', 'P4', 'P3', 'P3', 'P2', 'P2', 'P1', 'P1', 'P0', 'P0']);
  });

  it('groups contact counts 1, 2–3, 4+', () => {
    expect([0, 1, 2, 3, 4, 20].map(contactGroup)).toEqual(['1', '1', '2-3', '2-3', '4+', '4+']);
  });

  it('calls a caller frequent above 5 contacts in the 30 days up to the moment', () => {
    const at = 100 * DAY;
    const six = [0, 1, 2, 3, 4, 5].map((d) => at - d * DAY);
    expect(isFrequentCaller(six, at)).toBe(true);
    expect(isFrequentCaller(six.slice(1), at)).toBe(false);
    // One of the six exactly 30 days before: outside the window.
    expect(isFrequentCaller([...six.slice(1), at - 30 * DAY], at)).toBe(false);
    // A contact after the moment does not count.
    expect(isFrequentCaller([...six.slice(1), at + 1], at)).toBe(false);
  });

  it('finds a caller frequent during a period if they were at any of its contacts', () => {
    // Six contacts on days 10..15: frequent from day 15 on.
    const six = [10, 11, 12, 13, 14, 15].map((d) => d * DAY);
    expect(frequentDuring(six, 0, 31 * DAY)).toBe(true);
    expect(frequentDuring(six, 0, 15 * DAY)).toBe(false);
    // The period starts after the sixth contact: none of its contacts falls inside.
    expect(frequentDuring(six, 16 * DAY, 40 * DAY)).toBe(false);
  });
});

describe('wait summaries', () => {
  it('summarises waits in minutes and the average priority', () => {
    const cases = [c(10, 30, 120), c(20, 10, null), c(30, null, null), c(60, 60, 240)];
    expect(summarizeWaits(cases)).toEqual({
      cases: 4,
      dispatched: 3,
      // dispatch waits 10, 30, 60: median 30 (2nd), p90 60 (ceil 2.7 = 3rd)
      dispatchMedianMinutes: 30,
      dispatchP90Minutes: 60,
      contacted: 2,
      // contact waits 120, 240: median 120 (1st), p90 240 (2nd)
      contactMedianMinutes: 120,
      contactP90Minutes: 240,
      averagePriority: 30,
    });
    expect(summarizeWaits([])).toMatchObject({ cases: 0, dispatchMedianMinutes: null, averagePriority: null });
  });

  it('lists every key, empty ones too', () => {
    const rows = summarizeBy([c(1, 5, null, 1), c(1, 15, null, 5)], ['1', '2-3', '4+'] as const, (x) => contactGroup(x.callerContacts));
    expect(rows.map((r) => [r.key, r.cases, r.dispatchMedianMinutes])).toEqual([['1', 1, 5], ['2-3', 0, null], ['4+', 1, 15]]);
  });
});
