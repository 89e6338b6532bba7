import { describe, expect, it } from 'vitest';
import { addDays, isIsoDate, localDate, weekdayOf, zonedInstant } from './local-time.js';

describe('local time', () => {
  it('takes the calendar date in the jurisdiction, not in UTC', () => {
    // 22:30 UTC on 10 March is 06:30 on 11 March in Beijing.
    expect(localDate(new Date('2026-03-10T22:30:00Z'), 'Asia/Shanghai')).toBe('2026-03-11');
    expect(localDate(new Date('2026-03-10T22:30:00Z'), 'UTC')).toBe('2026-03-10');
    expect(localDate(new Date('2026-03-10T15:59:59Z'), 'Asia/Shanghai')).toBe('2026-03-10');
    expect(localDate(new Date('2026-03-10T16:00:00Z'), 'Asia/Shanghai')).toBe('2026-03-11');
  });
  it('maps a local wall time to its instant, also across daylight saving', () => {
    expect(zonedInstant('2026-02-12', 9 * 60, 'Asia/Shanghai').toISOString()).toBe('2026-02-12T01:00:00.000Z');
    expect(zonedInstant('2026-02-12', 24 * 60, 'Asia/Shanghai').toISOString()).toBe('2026-02-12T16:00:00.000Z');
    // Berlin moves to summer time on 29 March 2026.
    expect(zonedInstant('2026-03-27', 9 * 60, 'Europe/Berlin').toISOString()).toBe('2026-03-27T08:00:00.000Z');
    expect(zonedInstant('2026-03-30', 9 * 60, 'Europe/Berlin').toISOString()).toBe('2026-03-30T07:00:00.000Z');
  });
  it('does plain date arithmetic', () => {
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(weekdayOf('2026-02-14')).toBe(6);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2026-2-1')).toBe(false);
  });
});
