import { describe, expect, it } from 'vitest';
import { bucketDays, presetPeriod, readPeriod, trendGrain, writePeriod } from './period';

// 2026-12-31 20:00 UTC is already 1 January 2027 in Beijing.
const newYear = new Date('2026-12-31T20:00:00Z');
const mid = new Date('2026-03-15T04:00:00Z');

describe('dashboard period', () => {
  it('takes this month and last month in Beijing days', () => {
    expect(presetPeriod('thisMonth', mid)).toEqual({ from: '2026-03-01', to: '2026-03-15' });
    expect(presetPeriod('lastMonth', mid)).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(presetPeriod('thisMonth', newYear)).toEqual({ from: '2027-01-01', to: '2027-01-01' });
    expect(presetPeriod('lastMonth', newYear)).toEqual({ from: '2026-12-01', to: '2026-12-31' });
  });

  it('round-trips through the URL and falls back to this month', () => {
    expect(readPeriod(writePeriod({ preset: 'custom', from: '2026-01-05', to: '2026-02-10' }), mid)).toEqual({ preset: 'custom', from: '2026-01-05', to: '2026-02-10' });
    expect(readPeriod(writePeriod({ preset: 'lastMonth' }), mid)).toEqual({ preset: 'lastMonth', from: '2026-02-01', to: '2026-02-28' });
    expect(readPeriod(new URLSearchParams('from=2026-03-10&to=2026-03-01'), mid)).toMatchObject({ preset: 'thisMonth' });
    expect(readPeriod(new URLSearchParams('from=2024-01-01&to=2026-03-01'), mid)).toMatchObject({ preset: 'thisMonth' });
  });

  it('picks a trend grain and clips buckets to the period', () => {
    expect(trendGrain({ from: '2026-03-01', to: '2026-03-31' })).toBe('day');
    expect(trendGrain({ from: '2026-01-01', to: '2026-05-31' })).toBe('week');
    expect(trendGrain({ from: '2026-01-01', to: '2026-12-31' })).toBe('month');
    const period = { from: '2026-03-04', to: '2026-03-20' };
    expect(bucketDays('2026-03-02', 'week', period)).toEqual({ from: '2026-03-04', to: '2026-03-08' });
    expect(bucketDays('2026-03', 'month', period)).toEqual({ from: '2026-03-04', to: '2026-03-20' });
    expect(bucketDays('2026-12', 'month', { from: '2026-01-01', to: '2026-12-31' })).toEqual({ from: '2026-12-01', to: '2026-12-31' });
  });
});
