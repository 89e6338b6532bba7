import { describe, expect, it } from 'vitest';
import { periodBucket, periodBuckets, toFigures } from './figures.js';
import { emptyCounts, METRIC_COUNT_KEYS, metricRates, type MetricCounts } from './rates.js';

describe('periodBucket', () => {
  it('keys a week by its Monday, across month and year ends', () => {
    // 2026-03-02 is a Monday; 03-08 the Sunday of the same week; 03-09 the next Monday.
    expect(periodBucket('2026-03-02', 'week')).toBe('2026-03-02');
    expect(periodBucket('2026-03-08', 'week')).toBe('2026-03-02');
    expect(periodBucket('2026-03-09', 'week')).toBe('2026-03-09');
    // 2027-01-01 is a Friday: its week began Monday 2026-12-28.
    expect(periodBucket('2027-01-01', 'week')).toBe('2026-12-28');
  });

  it('keys a month YYYY-MM and a day by itself', () => {
    expect(periodBucket('2026-02-28', 'month')).toBe('2026-02');
    expect(periodBucket('2026-02-28', 'day')).toBe('2026-02-28');
  });

  it('lists every bucket of a period without gaps', () => {
    // Sat 02-28 .. Tue 03-03: weeks of Mon 02-23 and Mon 03-02; months 02 and 03.
    expect(periodBuckets('2026-02-28', '2026-03-03', 'week')).toEqual(['2026-02-23', '2026-03-02']);
    expect(periodBuckets('2026-02-28', '2026-03-03', 'month')).toEqual(['2026-02', '2026-03']);
    expect(periodBuckets('2026-02-28', '2026-03-02', 'day')).toEqual(['2026-02-28', '2026-03-01', '2026-03-02']);
  });
});

describe('toFigures', () => {
  it('has no call figures without call records, never a 0 % answer rate', () => {
    const f = toFigures(emptyCounts());
    expect(f.answerRate).toBeNull();
    expect(f.callData).toBe(false);
    expect(f.returnRate).toBeNull();
  });

  it('carries every count and every rate, field by field (written out for speed, so checked here)', () => {
    const counts = emptyCounts();
    METRIC_COUNT_KEYS.forEach((key, i) => {
      counts[key] = 3 + i * 2;
    });
    const f = toFigures(counts);
    const expected: MetricCounts & Record<string, unknown> = { ...counts, ...metricRates(counts), answerRate: null, callData: false };
    expect(f).toEqual(expected);
    expect(Object.keys(f).sort()).toEqual(Object.keys(expected).sort());
  });
});
