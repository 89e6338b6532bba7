import { describe, expect, it } from 'vitest';
import { formatCityTime } from './time';

describe('formatCityTime', () => {
  it('shows Beijing time whatever the machine zone is', () => {
    // 16:30 UTC is 00:30 the next day in Beijing: the case belongs to the 29th there.
    expect(formatCityTime('2026-11-28T16:30:00Z')).toBe('2026-11-29 00:30');
  });

  it('uses a 24-hour clock with leading zeros', () => {
    expect(formatCityTime('2026-01-02T01:05:00Z')).toBe('2026-01-02 09:05');
  });

  it('passes an unparseable value through rather than showing "Invalid Date"', () => {
    expect(formatCityTime('not a date')).toBe('not a date');
  });
});
